import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { streamToDoc } from '../../shared/stream/ydoc.ts';
import { DraftBinding } from './draftBinding.ts';

/** Two docs wired together in memory, the way the provider wires them through the server. */
function pair() {
  const a = new Y.Doc();
  const b = new Y.Doc();
  a.on('update', (u: Uint8Array, origin: unknown) => origin !== 'net' && Y.applyUpdate(b, u, 'net'));
  b.on('update', (u: Uint8Array, origin: unknown) => origin !== 'net' && Y.applyUpdate(a, u, 'net'));
  streamToDoc(
    {
      name: 'Demo',
      start: 'hello',
      cards: [{ id: 'hello', type: 'message', data: { text: 'Hi' }, position: { x: 0, y: 0 } }],
      edges: [],
    },
    a,
  );
  return { a: new DraftBinding(a), b: new DraftBinding(b) };
}

describe('DraftBinding', () => {
  it('shows a local edit at once and a remote edit when it arrives', () => {
    const { a, b } = pair();
    a.addCards([{ id: 'ask', type: 'question', data: { prompt: 'Q', answers: [{ id: 'y', label: 'Y' }] } }]);
    expect(a.store.getSnapshot().nodes.map((n) => n.id)).toEqual(['hello', 'ask']);
    expect(
      b.store
        .getSnapshot()
        .nodes.map((n) => n.id)
        .sort(),
    ).toEqual(['ask', 'hello']);
    a.connect('hello', 'next', 'ask');
    expect(b.store.stream().edges).toEqual([{ id: 'hello:next->ask', from: 'hello', port: 'next', to: 'ask' }]);
    b.move(new Map([['ask', { x: 10, y: 200 }]]));
    expect(a.store.getSnapshot().nodes.find((n) => n.id === 'ask')?.position).toEqual({ x: 10, y: 200 });
  });

  it('keeps node data identity when only the position changes', () => {
    const { a, b } = pair();
    const before = b.store.getSnapshot().nodes[0];
    let contentChanges = 0;
    b.store.onContentChange(() => contentChanges++);
    a.move(new Map([['hello', { x: 5, y: 6 }]]));
    const after = b.store.getSnapshot().nodes[0];
    expect(after.position).toEqual({ x: 5, y: 6 });
    expect(after.data).toBe(before.data);
    expect(contentChanges).toBe(0);
  });

  it('undoes only its own edits', () => {
    const { a, b } = pair();
    a.setData('hello', { text: 'From A' });
    b.addCards([{ id: 'bye', type: 'message', data: { text: 'From B' } }]);
    a.undo();
    for (const s of [a.store, b.store]) {
      const stream = s.stream();
      expect(stream.cards.find((c) => c.id === 'hello')?.data).toEqual({ text: 'Hi' });
      expect(stream.cards.map((c) => c.id)).toEqual(['bye', 'hello']);
    }
    a.redo();
    expect(b.store.card('hello')?.data).toEqual({ text: 'From A' });
  });

  it('converges after concurrent edits made while disconnected', () => {
    const a = new Y.Doc();
    const b = new Y.Doc();
    streamToDoc({ name: 'S', start: null, cards: [{ id: 'x', type: 'message', data: { text: 'x' } }], edges: [] }, a);
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
    const ba = new DraftBinding(a);
    const bb = new DraftBinding(b);
    ba.addCards([{ id: 'fromA', type: 'goal', data: { name: 'a' } }]);
    bb.addCards([{ id: 'fromB', type: 'goal', data: { name: 'b' } }]);
    ba.move(new Map([['x', { x: 1, y: 1 }]]));
    bb.setData('x', { text: 'edited by B' });
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a, Y.encodeStateVector(b)));
    Y.applyUpdate(a, Y.encodeStateAsUpdate(b, Y.encodeStateVector(a)));
    expect(ba.store.stream()).toEqual(bb.store.stream());
    expect(ba.store.card('x')).toEqual({
      id: 'x',
      type: 'message',
      data: { text: 'edited by B' },
      position: { x: 1, y: 1 },
    });
  });

  it('replaces the edge on a port that is already connected', () => {
    const { a } = pair();
    a.addCards([
      { id: 'one', type: 'goal', data: { name: 'one' } },
      { id: 'two', type: 'goal', data: { name: 'two' } },
    ]);
    a.connect('hello', 'next', 'one');
    a.connect('hello', 'next', 'two');
    expect(a.store.stream().edges.map((e) => e.to)).toEqual(['two']);
  });
});
