import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { generateStream } from '../../bench/generate.ts';
import type { Stream } from './model.ts';
import {
  addCard,
  addEdge,
  docToStream,
  LAYOUT_VERSION,
  moveCard,
  observeStream,
  removeCards,
  removeEdge,
  rename,
  setCardData,
  setStart,
  streamToDoc,
  updateCardData,
  type StreamChange,
} from './ydoc.ts';

const sorted = (s: Stream): Stream => ({
  ...s,
  cards: [...s.cards].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)),
  edges: [...s.edges].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)),
});

/** Two replicas that exchange every update, like two editors on the collab server. */
function pair(stream: Stream): [Y.Doc, Y.Doc] {
  const a = streamToDoc(stream);
  const b = new Y.Doc();
  Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
  return [a, b];
}

function sync(a: Y.Doc, b: Y.Doc): void {
  Y.applyUpdate(b, Y.encodeStateAsUpdate(a, Y.encodeStateVector(b)));
  Y.applyUpdate(a, Y.encodeStateAsUpdate(b, Y.encodeStateVector(a)));
}

describe('Y.Doc layout', () => {
  it('round-trips a stream (stream → doc → stream)', () => {
    const stream = generateStream({ cards: 80, seed: 4 });
    const doc = streamToDoc(stream);
    expect(doc.getMap('meta').get('layoutVersion')).toBe(LAYOUT_VERSION);
    expect(docToStream(doc)).toEqual(sorted(stream));
    const copy = new Y.Doc();
    Y.applyUpdate(copy, Y.encodeStateAsUpdate(doc));
    expect(docToStream(copy)).toEqual(sorted(stream));
  });

  it('applies the edit helpers', () => {
    const doc = streamToDoc({ name: 'S', start: null, cards: [], edges: [] });
    addCard(doc, { id: 'a', type: 'message', data: { text: 'Hi' }, position: { x: 0, y: 0 } });
    addCard(doc, { id: 'b', type: 'goal', data: { name: 'g' } });
    addCard(doc, { id: 'c', type: 'goal', data: { name: 'h' } });
    const e1 = addEdge(doc, { from: 'a', to: 'b' });
    const e2 = addEdge(doc, { from: 'b', to: 'c' });
    expect(addEdge(doc, { from: 'a', to: 'b' })).toBe('a:next->b#1');
    removeEdge(doc, 'a:next->b#1');
    setStart(doc, 'a');
    rename(doc, 'Renamed');
    moveCard(doc, 'b', { x: 5, y: 6 });
    updateCardData(doc, 'b', { score: 2 });
    setCardData(doc, 'a', { text: 'Hello' });
    let s = docToStream(doc);
    expect(s.name).toBe('Renamed');
    expect(s.start).toBe('a');
    expect(s.cards).toEqual([
      { id: 'a', type: 'message', data: { text: 'Hello' }, position: { x: 0, y: 0 } },
      { id: 'b', type: 'goal', data: { name: 'g', score: 2 }, position: { x: 5, y: 6 } },
      { id: 'c', type: 'goal', data: { name: 'h' } },
    ]);
    expect(s.edges.map((e) => e.id)).toEqual([e1, e2]);
    removeCards(doc, ['b']);
    s = docToStream(doc);
    expect(s.cards.map((c) => c.id)).toEqual(['a', 'c']);
    expect(s.edges).toEqual([]);
  });

  it('merges a move and a data edit of the same card made concurrently by two people', () => {
    const [a, b] = pair({
      name: 'S',
      start: 'x',
      cards: [{ id: 'x', type: 'goal', data: { name: 'g' }, position: { x: 0, y: 0 } }],
      edges: [],
    });
    moveCard(a, 'x', { x: 100, y: 50 });
    setCardData(b, 'x', { name: 'lead', score: 3 });
    addCard(b, { id: 'y', type: 'message', data: { text: 'Hi' } });
    addEdge(a, { from: 'x', to: 'y' });
    sync(a, b);
    const sa = docToStream(a);
    expect(sa).toEqual(docToStream(b));
    expect(sa.cards[0]).toEqual({
      id: 'x',
      type: 'goal',
      data: { name: 'lead', score: 3 },
      position: { x: 100, y: 50 },
    });
    expect(sa.edges.map((e) => e.id)).toEqual(['x:next->y']);
  });

  it('reports which cards, edges and meta keys a transaction changed', () => {
    const [a, b] = pair(generateStream({ cards: 5, seed: 1 }));
    const seen: StreamChange[] = [];
    const stop = observeStream(b, (c) => seen.push(c));
    moveCard(a, 'c2', { x: 1, y: 1 });
    sync(a, b);
    removeCards(a, ['c4']);
    sync(a, b);
    setStart(b, 'c1', 'me');
    stop();
    rename(b, 'ignored after stop');
    expect(seen).toHaveLength(3);
    expect(seen[0]).toMatchObject({ cards: ['c2'], edges: [], meta: [], local: false });
    expect(seen[1].cards).toEqual(['c4']);
    expect(seen[1].edges.length).toBeGreaterThan(0);
    expect(seen[2]).toMatchObject({ cards: [], meta: ['start'], origin: 'me', local: true });
  });

  it('skips malformed entries written by a faulty peer instead of throwing', () => {
    const doc = streamToDoc({
      name: 'S',
      start: 'a',
      cards: [{ id: 'a', type: 'message', data: { text: 'x' } }],
      edges: [],
    });
    doc.getMap('cards').set('junk', 5 as never);
    doc.getMap('edges').set('bad', { from: 1 });
    const s = docToStream(doc);
    expect(s.cards.map((c) => c.id)).toEqual(['a']);
    expect(s.edges).toEqual([]);
  });

  it('refuses a doc written by a newer layout', () => {
    const doc = new Y.Doc();
    doc.getMap('meta').set('layoutVersion', LAYOUT_VERSION + 1);
    expect(() => docToStream(doc)).toThrow(/newer/);
  });
});
