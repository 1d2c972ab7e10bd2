import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { edgePhrase } from '../../shared/cards/cardLabel.ts';
import { streamToDoc } from '../../shared/stream/ydoc.ts';
import { DraftBinding } from './draftBinding.ts';

/** The draft's edges carry an accessible name (React Flow's `ariaLabel`) by the cards they join, kept up to date. */
function binding() {
  const doc = new Y.Doc();
  streamToDoc(
    {
      name: 'Demo',
      start: 'hello',
      cards: [
        { id: 'hello', type: 'message', data: { text: 'Welcome' }, position: { x: 0, y: 0 } },
        { id: 'ask', type: 'capture', data: { prompt: 'Your email?', attribute: 'email' }, position: { x: 0, y: 200 } },
        { id: 'agent', type: 'liveChat', data: {}, position: { x: 0, y: 400 } },
        { id: 'side', type: 'message', data: { text: 'Aside' }, position: { x: 400, y: 0 } },
      ],
      edges: [
        { id: 'hello:next->ask', from: 'hello', port: 'next', to: 'ask' },
        { id: 'ask:next->agent', from: 'ask', port: 'next', to: 'agent' },
      ],
    },
    doc,
  );
  return new DraftBinding(doc);
}
const names = (b: DraftBinding) =>
  b.store
    .getSnapshot()
    .edges.map((e) => [e.id, e.ariaLabel])
    .sort(([a], [b]) => String(b).localeCompare(String(a)));

describe('edge names', () => {
  it('names every edge in the language set, by the cards it joins, and again when one changes', () => {
    const b = binding();
    // Until the canvas names them, edges have no name (React Flow's default would say ids).
    expect(names(b)).toEqual([
      ['hello:next->ask', null],
      ['ask:next->agent', null],
    ]);
    b.store.setEdgeNamer((from, to) => edgePhrase(from, to, 'en'));
    expect(names(b)).toEqual([
      ['hello:next->ask', 'From ‘Welcome’ to ‘Your email?’'],
      ['ask:next->agent', 'From ‘Your email?’ to the Live chat card after ‘Your email?’'],
    ]);
    const edge = (id: string) => b.store.getSnapshot().edges.find((e) => e.id === id)!;
    const [first, second] = [edge('hello:next->ask'), edge('ask:next->agent')];

    // A card's text changes the edges that name it; the others keep their object (React Flow redraws no more).
    b.setData('hello', { text: 'Hi there' });
    const [first2, second2] = [edge('hello:next->ask'), edge('ask:next->agent')];
    expect(first2.ariaLabel).toBe('From ‘Hi there’ to ‘Your email?’');
    expect(second2).toBe(second);
    expect(first2).not.toBe(first);

    // A new edge is named; the language changes every name.
    b.connect('side', 'next', 'hello');
    expect(names(b)).toContainEqual(['side:next->hello', 'From ‘Aside’ to ‘Hi there’']);
    b.store.setEdgeNamer((from, to) => edgePhrase(from, to, 'ko'));
    expect(names(b)).toEqual([
      ['side:next->hello', '‘Aside’에서 ‘Hi there’(으)로'],
      ['hello:next->ask', '‘Hi there’에서 ‘Your email?’(으)로'],
      ['ask:next->agent', '‘Your email?’에서 ‘Your email?’ 다음의 라이브 채팅 카드로'],
    ]);
    // Selecting an edge keeps its name.
    b.store.select([], ['side:next->hello']);
    expect(b.store.getSnapshot().edges.find((e) => e.selected)?.ariaLabel).toBe('‘Aside’에서 ‘Hi there’(으)로');
  });
});
