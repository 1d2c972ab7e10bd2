import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Card, Edge, Stream } from '../stream/model.ts';
import type { LintContext } from './context.ts';
import { createIncrementalLinter } from './createIncrementalLinter.ts';
import { lintStream } from './lintStream.ts';
import { demo, setData, variant } from './testStreams.ts';

// A small pool of ids makes collisions, loops, dangling and duplicate edges frequent.
const CARD_IDS = ['a', 'b', 'c', 'd', 'e', 'f'];
const PORTS = ['next', 'next', 'yes', 'no', 'else', 'vip', 'zzz'];

/** Card contents (type + data), valid and invalid, that exercise every card-level rule and the path rules. */
const CONTENTS: [string, unknown][] = [
  ['message', { text: 'Hi {{firstName:"there"}}' }],
  ['message', { text: 'Your colour: {{colour}}' }],
  ['message', { text: 'Poke!', poke: true }],
  ['message', { text: '' }],
  [
    'question',
    {
      prompt: 'Talk?',
      answers: [
        { id: 'yes', label: 'Yes' },
        { id: 'no', label: 'No' },
      ],
    },
  ],
  [
    'question',
    {
      prompt: 'Colour?',
      attribute: 'colour',
      answers: [
        { id: 'yes', label: 'Red' },
        { id: 'no', label: 'red' },
      ],
    },
  ],
  ['question', { prompt: 'None?', answers: [] }],
  ['capture', { attribute: 'email', prompt: 'Email?' }],
  ['capture', { attribute: 'firstName', prompt: 'Name {{company}}?' }],
  ['capture', { prompt: 'No attribute' }],
  ['liveChat', { routing: { mode: 'roundRobin' } }],
  ['liveChat', { routing: { mode: 'agent', agentId: 'zoe' } }],
  ['liveChat', { routing: { mode: 'team', teamId: 'sales' } }],
  ['condition', { branches: [{ id: 'vip', when: { attribute: 'company', op: 'is', value: 'Acme' } }] }],
  ['action', { attribute: 'colour', value: '{{lastName}}' }],
  ['goal', { name: 'lead' }],
  ['document', { name: 'Sheet', url: 'http://insecure.example/x.pdf' }],
  ['video', { src: 'x' }],
];

const CONTEXTS: LintContext[] = [
  {},
  { agents: [{ id: 'ann' }], teams: [{ id: 'sales' }], customAttributes: ['colour'] },
  { dialogue: { targetUrls: [] }, publishing: true, agents: [{ id: 'zoe' }] },
];

type Op =
  | { kind: 'putCard'; id: string; content: number }
  | { kind: 'removeCard'; id: string }
  | { kind: 'addEdge'; from: string; port: string; to: string }
  | { kind: 'removeEdge'; pick: number }
  | { kind: 'retargetEdge'; pick: number; to: string }
  | { kind: 'start'; id: string | null }
  | { kind: 'shuffle'; seed: number }
  | { kind: 'context'; ctx: number };

const anyId = fc.constantFrom(...CARD_IDS, 'ghost');
const op: fc.Arbitrary<Op> = fc.oneof(
  {
    weight: 4,
    arbitrary: fc.record({
      kind: fc.constant('putCard' as const),
      id: fc.constantFrom(...CARD_IDS),
      content: fc.nat(CONTENTS.length - 1),
    }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('removeCard' as const), id: fc.constantFrom(...CARD_IDS) }) },
  {
    weight: 5,
    arbitrary: fc.record({
      kind: fc.constant('addEdge' as const),
      from: anyId,
      port: fc.constantFrom(...PORTS),
      to: anyId,
    }),
  },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('removeEdge' as const), pick: fc.nat() }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('retargetEdge' as const), pick: fc.nat(), to: anyId }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('start' as const), id: fc.option(anyId, { nil: null }) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('shuffle' as const), seed: fc.nat() }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('context' as const), ctx: fc.nat(CONTEXTS.length - 1) }) },
);

/** Applies one edit to a copy of the stream (as the editor would derive a new one) and says what changed. */
function applyOp(s: Stream, o: Op, nextEdge: () => string): { stream: Stream; cards: string[]; edges: string[] } {
  const cards = [...s.cards];
  let edges = [...s.edges];
  let start = s.start;
  const changedCards: string[] = [];
  const changedEdges: string[] = [];
  switch (o.kind) {
    case 'putCard': {
      const [type, data] = CONTENTS[o.content];
      const c: Card = { id: o.id, type, data: structuredClone(data) };
      const i = cards.findIndex((x) => x.id === o.id);
      if (i >= 0) cards[i] = c;
      else cards.push(c);
      changedCards.push(o.id);
      break;
    }
    case 'removeCard': {
      const i = cards.findIndex((x) => x.id === o.id);
      if (i >= 0) cards.splice(i, 1);
      changedCards.push(o.id);
      break;
    }
    case 'addEdge': {
      const e: Edge = { id: nextEdge(), from: o.from, port: o.port, to: o.to };
      edges.push(e);
      changedEdges.push(e.id);
      break;
    }
    case 'removeEdge': {
      if (edges.length === 0) break;
      const [e] = edges.splice(o.pick % edges.length, 1);
      changedEdges.push(e.id);
      break;
    }
    case 'retargetEdge': {
      if (edges.length === 0) break;
      const i = o.pick % edges.length;
      edges[i] = { ...edges[i], to: o.to };
      changedEdges.push(edges[i].id);
      break;
    }
    case 'start':
      start = o.id;
      break;
    case 'shuffle': {
      // Reordering changes no card, only the order diagnostics come in.
      let x = o.seed;
      for (let i = cards.length - 1; i > 0; i--) {
        x = (x * 1103515245 + 12345) % 2147483648;
        const j = x % (i + 1);
        [cards[i], cards[j]] = [cards[j], cards[i]];
      }
      edges = edges.reverse();
      break;
    }
    case 'context':
      break;
  }
  return { stream: { name: s.name, start, cards, edges }, cards: changedCards, edges: changedEdges };
}

/** Keeps every edge going forward in id order, so the graph never has a loop and stays on the incremental path. */
function forwardOnly(o: Op): Op {
  if (o.kind === 'addEdge' && o.from > o.to) return { ...o, from: o.to, to: o.from };
  if (o.kind === 'addEdge' && o.from === o.to) return { ...o, to: 'ghost' };
  if (o.kind === 'retargetEdge') return { kind: 'removeEdge', pick: o.pick };
  return o;
}

describe('createIncrementalLinter', () => {
  it.each([
    ['any graph', op],
    ['graphs without loops', op.map(forwardOnly)],
  ])('always equals a full lint over random edit sequences (%s)', (_name, anyOp) => {
    fc.assert(
      fc.property(fc.array(anyOp, { minLength: 1, maxLength: 40 }), fc.nat(CONTEXTS.length - 1), (ops, ctx0) => {
        let ctx = CONTEXTS[ctx0];
        let stream: Stream = { name: 's', start: 'a', cards: [], edges: [] };
        let n = 0;
        const linter = createIncrementalLinter(ctx);
        expect(linter.update(stream, { cards: [], edges: [] })).toEqual(lintStream(stream, ctx));
        for (const o of ops) {
          if (o.kind === 'context') {
            ctx = CONTEXTS[o.ctx];
            linter.setContext(ctx);
          }
          const next = applyOp(stream, o, () => `e${n++}`);
          stream = next.stream;
          const got = linter.update(stream, { cards: next.cards, edges: next.edges });
          expect(got).toEqual(lintStream(stream, ctx));
        }
      }),
      { numRuns: 300 },
    );
  });

  it('follows edits of the demo stream step by step', () => {
    const linter = createIncrementalLinter();
    let s = demo();
    expect(linter.update(s, 'all')).toEqual([]);
    s = variant(s, (x) => setData(x, 'bye', { text: 'Bye {{nope}}' }));
    expect(linter.update(s, { cards: ['bye'], edges: [] }).map((d) => d.code)).toEqual(['unknown-token']);
    s = variant(s, (x) => (x.edges = x.edges.filter((e) => e.from !== 'hello')));
    expect(linter.update(s, { cards: [], edges: ['hello:next->ask'] }).map((d) => d.code)).toEqual(
      lintStream(s).map((d) => d.code),
    );
    s = variant(s, (x) => x.edges.push({ id: 'back', from: 'lead', port: 'next', to: 'name' }));
    const withLoop = linter.update(s, { cards: [], edges: ['back'] });
    expect(withLoop).toEqual(lintStream(s));
    expect(withLoop.some((d) => d.code === 'cycle')).toBe(true);
  });

  it('treats a card whose type changed like any other edit', () => {
    const linter = createIncrementalLinter();
    let s = demo();
    linter.update(s, 'all');
    s = variant(s, (x) => (x.cards.find((c) => c.id === 'ask')!.type = 'liveChat'));
    expect(linter.update(s, { cards: ['ask'], edges: [] })).toEqual(lintStream(s));
  });
});
