import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { compileStream } from '../compile/compileStream.ts';
import type { CompiledStream } from '../compile/format.ts';
import { parseStream } from '../stream/interchange.ts';
import type { EngineEvent } from './events.ts';
import { closeSession, EngineError, startSession, stepSession, type SessionFacts } from './index.ts';

function compile(doc: unknown): CompiledStream {
  const r = parseStream(doc);
  if (!r.ok) throw new Error(r.error);
  return compileStream(r.stream);
}

const demo = compile(JSON.parse(readFileSync(new URL('../../examples/demo.json', import.meta.url), 'utf8')));

/** Runs a whole conversation: start, then each reply; returns every event. */
function run(
  compiled: CompiledStream,
  replies: string[],
  attributes: Record<string, string> = {},
  facts: SessionFacts = {},
) {
  let step = startSession(compiled, attributes, facts);
  const events: EngineEvent[] = [...step.events];
  for (const reply of replies) {
    step = stepSession(compiled, step.state, reply, facts);
    events.push(...step.events);
  }
  if (step.state.status === 'waiting') events.push(...closeSession(step.state).events);
  return { events, state: step.state };
}

const doc = (cards: unknown[], edges: unknown[], start = cards.length ? (cards[0] as { id: string }).id : 'x') => ({
  format: 'tributary.stream/1',
  name: 't',
  start,
  cards,
  edges,
});

describe('engine', () => {
  it('runs the demo to a live-chat hand-off', () => {
    const { events, state } = run(demo, [' yes ', 'Ann', 'not-an-email', 'ann@acme.com']);
    expect(events).toEqual([
      { type: 'message', cardId: 'hello', text: 'Hi there! Welcome to the demo.' },
      {
        type: 'ask',
        cardId: 'ask',
        prompt: 'Would you like to talk to someone from sales?',
        answers: ['Yes', 'No thanks'],
      },
      { type: 'ask', cardId: 'name', prompt: "Great! What's your first name?", attribute: 'firstName', input: 'text' },
      { type: 'set', cardId: 'name', attribute: 'firstName', value: 'Ann' },
      {
        type: 'ask',
        cardId: 'email',
        prompt: 'And your work email, so we can follow up?',
        attribute: 'email',
        input: 'text',
      },
      { type: 'invalid', cardId: 'email', message: expect.stringContaining('email') },
      {
        type: 'ask',
        cardId: 'email',
        prompt: 'And your work email, so we can follow up?',
        attribute: 'email',
        input: 'text',
      },
      { type: 'set', cardId: 'email', attribute: 'email', value: 'ann@acme.com' },
      { type: 'goal', cardId: 'lead', name: 'sales-lead', score: 2 },
      { type: 'liveChat', cardId: 'agent', routing: { mode: 'roundRobin' } },
      { type: 'end', reason: 'handoff' },
    ]);
    expect(state).toMatchObject({
      status: 'ended',
      endReason: 'handoff',
      attributes: { firstName: 'Ann', email: 'ann@acme.com' },
    });
  });

  it('skips known fields, completes at the end of a branch, and ends with input-ended when replies stop', () => {
    const known = run(demo, ['Yes'], { firstName: 'Ann', email: 'ann@acme.com' });
    expect(known.events[0]).toEqual({ type: 'message', cardId: 'hello', text: 'Hi Ann! Welcome to the demo.' });
    expect(known.events.filter((e) => e.type === 'ask' || e.type === 'set')).toHaveLength(1);
    expect(known.events.at(-1)).toEqual({ type: 'end', reason: 'handoff' });
    expect(run(demo, ['no thanks']).events.slice(-2)).toEqual([
      { type: 'message', cardId: 'bye', text: 'No problem. Have a look around!' },
      { type: 'end', reason: 'completed' },
    ]);
    const silent = run(demo, ['maybe']);
    expect(silent.events.slice(-3).map((e) => e.type)).toEqual(['invalid', 'ask', 'end']);
    expect(silent.events.at(-1)).toEqual({ type: 'end', reason: 'input-ended' });
  });

  it('asks again and sets again with ifKnown overwrite', () => {
    const c = compile(
      doc(
        [
          {
            id: 'p',
            type: 'capture',
            data: {
              attribute: 'phone',
              prompt: 'Phone, {{firstName:"you"}}?',
              ifKnown: 'overwrite',
              placeholder: '+1 …',
            },
          },
        ],
        [],
      ),
    );
    const { events } = run(c, ['12', '+1 (555) 123-4567'], { phone: '111 2222', firstName: 'Bo' });
    expect(events.map((e) => e.type)).toEqual(['ask', 'invalid', 'ask', 'set', 'end']);
    expect(events[0]).toMatchObject({ prompt: 'Phone, Bo?', placeholder: '+1 …' });
    expect(events[3]).toMatchObject({ value: '+1 (555) 123-4567' });
  });

  it('branches on conditions with agent availability from the caller, and runs actions and documents', () => {
    const c = compile(
      doc(
        [
          {
            id: 'cond',
            type: 'condition',
            data: {
              branches: [
                { id: 'vip', when: { attribute: 'company', op: 'is', value: 'acme' } },
                { id: 'live', when: { agentsAvailable: true } },
              ],
            },
          },
          { id: 'tag', type: 'action', data: { attribute: 'tier', value: 'vip-{{company}}' } },
          { id: 'doc', type: 'document', data: { name: 'Sheet', url: 'https://example.com/s.pdf' } },
          { id: 'chat', type: 'liveChat', data: { routing: { mode: 'team', teamId: 'sales' } } },
          { id: 'bye', type: 'message', data: { text: 'Bye {{tier}}' } },
        ],
        [
          { from: 'cond', port: 'vip', to: 'tag' },
          { from: 'tag', to: 'doc' },
          { from: 'doc', to: 'bye' },
          { from: 'cond', port: 'live', to: 'chat' },
        ],
      ),
    );
    expect(run(c, [], { company: ' ACME ' }).events).toEqual([
      { type: 'set', cardId: 'tag', attribute: 'tier', value: 'vip- ACME ' },
      { type: 'document', cardId: 'doc', name: 'Sheet', url: 'https://example.com/s.pdf' },
      { type: 'message', cardId: 'bye', text: 'Bye vip- ACME ' },
      { type: 'end', reason: 'completed' },
    ]);
    expect(run(c, [], {}, { agentsAvailable: () => true }).events.map((e) => e.type)).toEqual(['liveChat', 'end']);
    expect(run(c, []).events).toEqual([{ type: 'end', reason: 'completed' }]);
  });

  it('stores a question answer value in its attribute', () => {
    const c = compile(
      doc(
        [
          {
            id: 'q',
            type: 'question',
            data: { prompt: 'Size?', attribute: 'size', answers: [{ id: 's', label: 'Small', value: '1-10' }] },
          },
        ],
        [],
      ),
    );
    expect(run(c, ['SMALL']).events.slice(1)).toEqual([
      { type: 'set', cardId: 'q', attribute: 'size', value: '1-10' },
      { type: 'end', reason: 'completed' },
    ]);
  });

  it('keeps state plain JSON naming the version, ignores replies after the end, and refuses another version', () => {
    const first = startSession(demo);
    expect(JSON.parse(JSON.stringify(first.state))).toEqual(first.state);
    expect(first.state).toMatchObject({ hash: demo.hash, status: 'waiting', cardId: 'ask' });
    const ended = stepSession(demo, first.state, 'No thanks').state;
    expect(stepSession(demo, ended, 'Yes')).toEqual({ state: ended, events: [] });
    expect(closeSession(ended).events).toEqual([]);
    expect(() => stepSession({ ...demo, hash: 'sha256:other' }, first.state, 'Yes')).toThrow(EngineError);
  });

  it('throws instead of hanging on a corrupt compiled stream', () => {
    const loop: CompiledStream = {
      ...demo,
      start: 'a',
      cards: {
        a: { type: 'goal', data: { name: 'g' }, next: { next: 'b' } },
        b: { type: 'goal', data: { name: 'h' }, next: { next: 'a' } },
      },
    };
    expect(() => startSession(loop)).toThrow(/cycle/);
    expect(() => startSession({ ...demo, start: 'ghost' })).toThrow(/no card "ghost"/);
    expect(() => startSession({ ...loop, cards: { a: { type: 'meeting' as never, data: {}, next: {} } } })).toThrow(
      /unknown type/,
    );
  });
});
