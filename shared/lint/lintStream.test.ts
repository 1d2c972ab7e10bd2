import { describe, expect, it } from 'vitest';
import { LINT_CODES, type LintCode } from './codes.ts';
import { hasErrors } from './hasErrors.ts';
import { lintStream } from './lintStream.ts';
import type { LintContext } from './context.ts';
import type { Stream } from '../stream/model.ts';
import { card, demo, edge, setData, variant } from './testStreams.ts';

/** Lints and asserts that exactly the given codes came out (in any order). */
function codes(s: Stream, ctx?: LintContext): string[] {
  return lintStream(s, ctx).map((d) => d.code);
}

const minimal: Stream = {
  name: 'one',
  start: 'hi',
  cards: [card('hi', 'message', { text: 'Hello!' })],
  edges: [],
};

describe('lintStream', () => {
  it('finds nothing in a clean stream', () => {
    expect(lintStream(demo())).toEqual([]);
    expect(lintStream(minimal)).toEqual([]);
  });

  it('no-start: missing or unknown start card', () => {
    const none = lintStream({ ...minimal, start: null });
    expect(none).toEqual([expect.objectContaining({ code: 'no-start', severity: 'error' })]);
    expect(none[0].cardId).toBeUndefined();
    expect(codes({ ...minimal, start: 'ghost' })).toEqual(['no-start']);
  });

  it('unknown-card-type names the type and the known ones', () => {
    const s = variant(minimal, (x) => x.cards.push(card('v', 'video', {})));
    s.edges.push(edge('hi', 'v'));
    const d = lintStream(s);
    expect(d).toEqual([expect.objectContaining({ code: 'unknown-card-type', cardId: 'v', severity: 'error' })]);
    expect(d[0].message).toContain('"video"');
    expect(d[0].message).toContain('message, question');
  });

  it('invalid-card-data names the field that breaks the schema', () => {
    const cases: [string, unknown, string][] = [
      ['message', { text: '  ' }, 'text: write the message text'],
      ['question', { prompt: 'Q?', answers: [] }, 'answers: add at least one answer'],
      ['question', { prompt: 'Q?', answers: [{ id: 'a', label: '' }] }, 'answers[0].label: write the answer label'],
      ['capture', { prompt: 'Email?' }, 'attribute is missing'],
      [
        'document',
        { name: 'Sheet', url: 'http://example.com/a.pdf' },
        'url: the document URL must be an https:// address',
      ],
      ['message', { text: 'Hi', colour: 'red' }, 'remove the unknown field "colour"'],
      ['goal', 42, 'the card data'],
    ];
    for (const [type, data, text] of cases) {
      const s: Stream = { name: '', start: 'c', cards: [card('c', type, data)], edges: [] };
      const d = lintStream(s).filter((x) => x.code === 'invalid-card-data');
      expect(d.length, `${type} ${JSON.stringify(data)}`).toBeGreaterThan(0);
      expect(d[0]).toMatchObject({ severity: 'error', cardId: 'c' });
      expect(d.map((x) => x.message).join(' | ')).toContain(text);
    }
  });

  it('dangling-edge: missing target, missing source, missing port', () => {
    const toGhost = variant(minimal, (x) => x.edges.push(edge('hi', 'ghost')));
    expect(lintStream(toGhost)).toEqual([
      expect.objectContaining({ code: 'dangling-edge', cardId: 'hi', edgeId: 'hi:next->ghost', port: 'next' }),
    ]);
    const fromGhost = lintStream(variant(minimal, (x) => x.edges.push(edge('ghost', 'hi'))));
    expect(fromGhost).toEqual([expect.objectContaining({ code: 'dangling-edge', edgeId: 'ghost:next->hi' })]);
    expect(fromGhost[0].cardId).toBeUndefined();
    const badPort = lintStream(variant(demo(), (x) => x.edges.push(edge('ask', 'bye', 'maybe'))));
    expect(badPort).toEqual([expect.objectContaining({ code: 'dangling-edge', cardId: 'ask', port: 'maybe' })]);
    expect(badPort[0].message).toContain('"yes", "no"');
  });

  it('duplicate-edge reports every edge of the crowded port', () => {
    const s = variant(minimal, (x) => {
      x.cards.push(card('a', 'message', { text: 'A' }), card('b', 'message', { text: 'B' }));
      x.edges.push(edge('hi', 'a'), edge('hi', 'b'));
    });
    const d = lintStream(s);
    expect(d.map((x) => [x.code, x.cardId, x.edgeId])).toEqual([
      ['duplicate-edge', 'hi', 'hi:next->a'],
      ['duplicate-edge', 'hi', 'hi:next->b'],
    ]);
  });

  it('cycle: every card of a loop, and a card looping on itself', () => {
    const s = variant(minimal, (x) => {
      x.cards.push(card('a', 'message', { text: 'A' }), card('b', 'message', { text: 'B' }));
      x.edges.push(edge('hi', 'a'), edge('a', 'b'), edge('b', 'a'));
    });
    const d = lintStream(s);
    expect(d.map((x) => [x.code, x.cardId])).toEqual([
      ['cycle', 'a'],
      ['cycle', 'b'],
    ]);
    expect(d[0].message).toContain('loop with "b"');
    const self = lintStream(variant(minimal, (x) => x.edges.push(edge('hi', 'hi'))));
    expect(self).toEqual([expect.objectContaining({ code: 'cycle', cardId: 'hi' })]);
  });

  it('live-chat-not-last: an edge leaving a live chat', () => {
    const s = variant(demo(), (x) => {
      x.cards.push(card('after', 'message', { text: 'After' }));
      x.edges.push(edge('agent', 'after'));
    });
    expect(lintStream(s)).toEqual([
      expect.objectContaining({ code: 'live-chat-not-last', cardId: 'agent', edgeId: 'agent:next->after' }),
    ]);
  });

  it('poke-not-first: poke only on the start card', () => {
    expect(codes(variant(demo(), (x) => setData(x, 'hello', { text: 'Hi', poke: true })))).toEqual([]);
    const d = lintStream(variant(demo(), (x) => setData(x, 'bye', { text: 'Bye', poke: true })));
    expect(d).toEqual([expect.objectContaining({ code: 'poke-not-first', cardId: 'bye', severity: 'error' })]);
  });

  it('duplicate-answer-label: trimmed and case-insensitive', () => {
    const s = variant(demo(), (x) =>
      setData(x, 'ask', {
        prompt: 'Talk?',
        answers: [
          { id: 'yes', label: 'Yes' },
          { id: 'no', label: ' yes ' },
        ],
      }),
    );
    expect(lintStream(s)).toEqual([
      expect.objectContaining({ code: 'duplicate-answer-label', cardId: 'ask', port: 'no', severity: 'error' }),
    ]);
  });

  it('unreachable-card: a card no path reaches', () => {
    const s = variant(minimal, (x) => x.cards.push(card('lost', 'message', { text: 'Lost' })));
    expect(lintStream(s)).toEqual([
      expect.objectContaining({ code: 'unreachable-card', cardId: 'lost', severity: 'warning' }),
    ]);
  });

  it('unconnected-port: an answer or a condition branch (else included) leading nowhere', () => {
    const s = variant(demo(), (x) => (x.edges = x.edges.filter((e) => e.port !== 'no')));
    s.cards = s.cards.filter((c) => c.id !== 'bye');
    const d = lintStream(s);
    expect(d).toEqual([expect.objectContaining({ code: 'unconnected-port', cardId: 'ask', port: 'no' })]);
    expect(d[0].message).toContain('"No thanks"');

    const cond: Stream = {
      name: '',
      start: 'c',
      cards: [
        card('c', 'condition', { branches: [{ id: 'known', when: { attribute: 'email', op: 'isNotEmpty' } }] }),
        card('m', 'message', { text: 'Hi' }),
      ],
      edges: [edge('c', 'm', 'known')],
    };
    expect(lintStream(cond)).toEqual([
      expect.objectContaining({ code: 'unconnected-port', cardId: 'c', port: 'else' }),
    ]);
  });

  it('live-chat-without-consent and -without-email: a path to live chat with no question / no email capture', () => {
    const direct: Stream = {
      name: '',
      start: 'hi',
      cards: [card('hi', 'message', { text: 'Hi' }), card('agent', 'liveChat', { routing: { mode: 'roundRobin' } })],
      edges: [edge('hi', 'agent')],
    };
    expect(codes(direct).sort()).toEqual(['live-chat-without-consent', 'live-chat-without-email']);
    // Asked first, but no email: only the email warning, which also recommends firstName.
    const asked = variant(demo(), (x) => {
      x.cards = x.cards.filter((c) => c.id !== 'email');
      x.edges = x.edges.filter((e) => e.to !== 'email' && e.from !== 'email');
      x.edges.push(edge('name', 'lead'));
    });
    const d = lintStream(asked);
    expect(d).toEqual([
      expect.objectContaining({ code: 'live-chat-without-email', cardId: 'agent', severity: 'warning' }),
    ]);
    expect(d[0].message).toContain('firstName');
    // One path around the question is enough for the consent warning.
    const around = variant(demo(), (x) => {
      x.cards.push(
        card('route', 'condition', {
          branches: [{ id: 'vip', when: { attribute: 'company', op: 'is', value: 'Acme' } }],
        }),
      );
      x.edges = x.edges.filter((e) => e.from !== 'hello');
      x.edges.push(edge('hello', 'route'), edge('route', 'email', 'vip'), edge('route', 'ask', 'else'));
    });
    expect(codes(around)).toEqual(['live-chat-without-consent']);
  });

  it('unknown-token: standard, custom and stream-set attributes are defined', () => {
    const s = variant(demo(), (x) => setData(x, 'bye', { text: 'Bye {{favoriteColor:"friend"}} from {{company}}' }));
    const d = lintStream(s);
    expect(d).toEqual([expect.objectContaining({ code: 'unknown-token', cardId: 'bye', severity: 'warning' })]);
    expect(d[0].message).toContain('{{favoriteColor}}');
    expect(lintStream(s, { customAttributes: ['favoriteColor'] })).toEqual([]);
    const set = variant(s, (x) => {
      x.cards.push(card('set', 'action', { attribute: 'favoriteColor', value: 'blue' }));
      x.edges = x.edges.filter((e) => e.to !== 'bye');
      x.edges.push(edge('ask', 'set', 'no'), edge('set', 'bye'));
    });
    expect(lintStream(set)).toEqual([]);
  });

  it('live-chat-unknown-target: agent or team not in the workspace', () => {
    const agent = variant(demo(), (x) => setData(x, 'agent', { routing: { mode: 'agent', agentId: 'zoe' } }));
    expect(lintStream(agent)).toEqual([]); // no workspace, nothing to check against
    expect(lintStream(agent, { agents: [{ id: 'zoe' }] })).toEqual([]);
    expect(lintStream(agent, { agents: [{ id: 'ann' }] })).toEqual([
      expect.objectContaining({ code: 'live-chat-unknown-target', cardId: 'agent', severity: 'error' }),
    ]);
    const team = variant(demo(), (x) => setData(x, 'agent', { routing: { mode: 'team', teamId: 'support' } }));
    expect(codes(team, { teams: [{ id: 'sales' }] })).toEqual(['live-chat-unknown-target']);
  });

  it('no-target-url: only when publishing a dialogue without a target URL', () => {
    const dialogue = { targetUrls: [] as string[] };
    expect(lintStream(demo(), { dialogue })).toEqual([]);
    expect(lintStream(demo(), { dialogue, publishing: true })).toEqual([
      expect.objectContaining({ code: 'no-target-url', severity: 'error' }),
    ]);
    expect(lintStream(demo(), { dialogue: { targetUrls: ['/pricing'] }, publishing: true })).toEqual([]);
  });

  it('orders stream-level findings first, then cards in stream order, errors before warnings', () => {
    const s: Stream = {
      name: '',
      start: 'ghost',
      cards: [card('z', 'message', { text: '' }), card('a', 'message', { text: 'Hi {{nope}}', poke: true })],
      edges: [edge('x', 'z'), edge('z', 'a')],
    };
    expect(lintStream(s).map((d) => [d.code, d.cardId])).toEqual([
      ['dangling-edge', undefined],
      ['no-start', undefined],
      ['invalid-card-data', 'z'],
      ['poke-not-first', 'a'],
      ['unknown-token', 'a'],
    ]);
  });

  it('hasErrors: errors block, warnings do not', () => {
    expect(hasErrors(lintStream(demo()))).toBe(false);
    expect(hasErrors([{ code: 'unreachable-card', severity: 'warning', message: '' }])).toBe(false);
    expect(hasErrors(lintStream({ ...minimal, start: null }))).toBe(true);
  });

  it('every code has its severity from one table', () => {
    const all = Object.keys(LINT_CODES) as LintCode[];
    expect(all).toHaveLength(18);
    for (const code of all) expect(['error', 'warning']).toContain(LINT_CODES[code]);
  });
});
