import { describe, expect, it } from 'vitest';
import type { Stream } from '../../shared/stream/model.ts';
import { diffStreams } from './diffStreams.ts';

const base: Stream = {
  name: 'S',
  start: 'a',
  cards: [
    { id: 'a', type: 'message', data: { text: 'Hi' }, position: { x: 0, y: 0 } },
    { id: 'b', type: 'goal', data: { name: 'g', score: 1 } },
  ],
  edges: [{ id: 'a:next->b', from: 'a', port: 'next', to: 'b' }],
};

describe('diffStreams', () => {
  it('finds cards added, removed and changed, ignoring layout and key order', () => {
    const next: Stream = {
      ...base,
      cards: [
        { id: 'a', type: 'message', data: { text: 'Hi' }, position: { x: 500, y: 500 } },
        { id: 'b', type: 'goal', data: { score: 2, name: 'g' } },
        { id: 'c', type: 'document', data: { name: 'd', url: 'https://x.test' } },
      ],
      edges: [
        { id: 'other-id', from: 'a', port: 'next', to: 'b' },
        { id: 'b:next->c', from: 'b', port: 'next', to: 'c' },
      ],
    };
    const d = diffStreams(base, next);
    expect(d.added.map((c) => c.id)).toEqual(['c']);
    expect(d.removed).toEqual([]);
    expect(d.changed.map((c) => [c.id, c.fields])).toEqual([['b', ['score']]]);
    expect(d.edgesAdded.map((e) => e.to)).toEqual(['c']);
    expect(d.edgesRemoved).toEqual([]);
  });

  it('reports a removed card and a type change', () => {
    const next: Stream = { ...base, cards: [{ id: 'a', type: 'question', data: { text: 'Hi' } }], edges: [] };
    const d = diffStreams(base, next);
    expect(d.removed.map((c) => c.id)).toEqual(['b']);
    expect(d.changed[0].fields).toEqual(['type']);
    expect(d.edgesRemoved).toHaveLength(1);
  });

  it('copes with data that is not an object', () => {
    const next: Stream = { ...base, cards: [{ id: 'a', type: 'message', data: 'broken' }, base.cards[1]] };
    expect(diffStreams(base, next).changed[0].fields).toEqual(['data']);
  });
});
