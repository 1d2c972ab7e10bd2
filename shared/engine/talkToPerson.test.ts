import { describe, expect, it } from 'vitest';
import { compileStream } from '../compile/compileStream.ts';
import type { CompiledStream } from '../compile/format.ts';
import { lintStream } from '../lint/lintStream.ts';
import { exportStream } from '../stream/exportStream.ts';
import { parseStream } from '../stream/interchange.ts';
import type { Stream } from '../stream/model.ts';
import {
  EngineError,
  startSession,
  stepSession,
  talkToPerson,
  talkToPersonRefusal,
  talkToPersonTarget,
} from './index.ts';

function parse(doc: unknown): Stream {
  const r = parseStream(doc);
  if (!r.ok) throw new Error(r.error);
  return r.stream;
}
const compile = (doc: unknown): CompiledStream => compileStream(parse(doc));

/** A question with free text, a capture, a live chat only the header reaches, and a live chat after "Yes". */
const stream = (over: { person?: unknown; freeText?: boolean; attribute?: string } = {}) => ({
  format: 'tributary.stream/1',
  name: 't',
  start: 'ask',
  cards: [
    {
      id: 'ask',
      type: 'question',
      data: {
        prompt: 'What brings you here?',
        answers: [
          { id: 'price', label: 'Pricing' },
          { id: 'look', label: 'Just looking' },
        ],
        ...(over.attribute ? { attribute: over.attribute } : {}),
        ...(over.freeText !== undefined ? { freeText: over.freeText } : {}),
      },
    },
    { id: 'thanks', type: 'message', data: { text: 'Thanks!' } },
    { id: 'mail', type: 'capture', data: { attribute: 'email', prompt: 'Email?', input: 'text', ifKnown: 'skip' } },
    {
      id: 'person',
      type: 'liveChat',
      data: { routing: { mode: 'balanced' }, ...(over.person !== undefined ? { talkToPerson: over.person } : {}) },
    },
  ],
  edges: [
    { from: 'ask', port: 'price', to: 'mail' },
    { from: 'ask', port: 'look', to: 'thanks' },
  ],
});

describe('talk to a person', () => {
  it('jumps from the waiting card to the marked live-chat card and hands off there', () => {
    const compiled = compile(stream({ person: true }));
    expect(talkToPersonTarget(compiled)).toBe('person');
    const first = startSession(compiled, { firstName: 'Ada' });
    expect(talkToPersonRefusal(compiled, first.state)).toBeNull();
    const step = talkToPerson(compiled, first.state);
    expect(step.events).toEqual([
      { type: 'liveChat', cardId: 'person', routing: { mode: 'balanced' } },
      { type: 'end', reason: 'handoff' },
    ]);
    expect(step.state).toMatchObject({ status: 'ended', endReason: 'handoff', attributes: { firstName: 'Ada' } });
    expect(step.trail).toEqual([{ from: 'ask', port: 'talk-to-person', to: 'person' }]);
    // Later in the conversation too (at the capture).
    const later = stepSession(compiled, first.state, 'Pricing');
    expect(later.state.cardId).toBe('mail');
    expect(talkToPerson(compiled, later.state).events[0]).toMatchObject({ type: 'liveChat', cardId: 'person' });
  });

  it('is refused without a marked card and once the bot no longer waits, changing nothing', () => {
    const plain = compile(stream());
    const s = startSession(plain).state;
    expect(talkToPersonTarget(plain)).toBeNull();
    expect(talkToPersonRefusal(plain, s)).toMatch(/no "talk to a person" card/);
    expect(() => talkToPerson(plain, s)).toThrow(EngineError);
    const compiled = compile(stream({ person: true }));
    const done = stepSession(compiled, startSession(compiled).state, 'Just looking').state;
    expect(done.status).toBe('ended');
    expect(talkToPersonRefusal(compiled, done)).toMatch(/no longer with the bot/);
  });

  it('leaves a marked card out of unreachable-card, and two marked cards are an error', () => {
    const one = lintStream(parse(stream({ person: true })));
    expect(one.filter((d) => d.cardId === 'person').map((d) => d.code)).toEqual([]);
    // Unmarked, the same card is unreachable.
    const none = lintStream(parse(stream()));
    expect(none.find((d) => d.cardId === 'person')?.code).toBe('unreachable-card');
    const doc = stream({ person: true });
    doc.cards.push({ id: 'second', type: 'liveChat', data: { routing: { mode: 'roundRobin' }, talkToPerson: true } });
    const two = lintStream(parse(doc)).filter((d) => d.code === 'talk-to-person-duplicate');
    expect(two).toEqual([expect.objectContaining({ severity: 'error', cardId: 'second' })]);
    expect(two[0].message).toMatch(/"person"/);
  });

  it('keeps "last in its branch" for the marked card through live-chat-not-last', () => {
    const doc = stream({ person: true });
    doc.edges.push({ from: 'person', port: 'next', to: 'thanks' });
    expect(lintStream(parse(doc)).map((d) => d.code)).toContain('live-chat-not-last');
  });

  it('exports without the new fields while they hold their defaults', () => {
    const out = exportStream(parse(stream({ person: false, freeText: false })));
    expect(out.cards.find((c) => c.id === 'person')?.data).toEqual({ routing: { mode: 'balanced' } });
    expect(out.cards.find((c) => c.id === 'ask')?.data).not.toHaveProperty('freeText');
    const on = exportStream(parse(stream({ person: true, freeText: true })));
    expect(on.cards.find((c) => c.id === 'person')?.data).toMatchObject({ talkToPerson: true });
    expect(on.cards.find((c) => c.id === 'ask')?.data).toMatchObject({ freeText: true });
    // A document without them compiles to the same hash as before they existed.
    expect(compile(stream()).hash).toBe(compile(stream()).hash);
  });
});

describe('free text on a question', () => {
  it('takes the other port with a typed reply and stores it in the attribute', () => {
    const doc = stream({ freeText: true, attribute: 'interest' });
    doc.edges.push({ from: 'ask', port: 'other', to: 'thanks' });
    const compiled = compile(doc);
    const first = startSession(compiled);
    expect(first.events).toEqual([
      {
        type: 'ask',
        cardId: 'ask',
        prompt: 'What brings you here?',
        answers: ['Pricing', 'Just looking'],
        freeText: true,
      },
    ]);
    const step = stepSession(compiled, first.state, '  A demo for my team ');
    expect(step.trail?.[0]).toEqual({ from: 'ask', port: 'other', to: 'thanks' });
    expect(step.events.slice(0, 2)).toEqual([
      { type: 'set', cardId: 'ask', attribute: 'interest', value: 'A demo for my team' },
      { type: 'message', cardId: 'thanks', text: 'Thanks!' },
    ]);
    // A reply matching a label still takes that answer; an empty one is re-asked.
    expect(stepSession(compiled, first.state, 'pricing ').trail?.[0].port).toBe('price');
    expect(stepSession(compiled, first.state, '   ').events[0].type).toBe('invalid');
  });

  it('re-prompts as before without freeText, and lints the other port when it leads nowhere', () => {
    const compiled = compile(stream());
    expect(stepSession(compiled, startSession(compiled).state, 'A demo').events[0].type).toBe('invalid');
    const lint = lintStream(parse(stream({ freeText: true })));
    expect(lint).toContainEqual(expect.objectContaining({ code: 'unconnected-port', cardId: 'ask', port: 'other' }));
  });
});
