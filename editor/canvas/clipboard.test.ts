import { describe, expect, it } from 'vitest';
import { instantiateClip, parseClip } from './clipboard.ts';

describe('clipboard', () => {
  it('pastes cards with fresh ids, moved, keeping only the edges between them', () => {
    const clip = {
      cards: [
        { id: 'a', type: 'message', data: { text: 'x' }, position: { x: 0, y: 0 } },
        { id: 'b', type: 'goal', data: { name: 'g' }, position: { x: 0, y: 100 } },
      ],
      edges: [
        { from: 'a', port: 'next', to: 'b' },
        { from: 'b', port: 'next', to: 'elsewhere' },
      ],
    };
    const out = instantiateClip(clip, { x: 40, y: 40 }, (id) => id === 'a' || id === 'b');
    expect(out.cards.map((c) => c.id).every((id) => id !== 'a' && id !== 'b')).toBe(true);
    expect(out.cards[1].position).toEqual({ x: 40, y: 140 });
    expect(out.edges).toEqual([{ from: out.cards[0].id, port: 'next', to: out.cards[1].id }]);
    expect(out.cards[0].data).not.toBe(clip.cards[0].data);
  });

  it('reads only its own format from pasted text, never throwing', () => {
    expect(parseClip('not json')).toBeNull();
    expect(parseClip('{"format":"other"}')).toBeNull();
    expect(
      parseClip(JSON.stringify({ format: 'tributary.clip/1', cards: [{ id: 'x', type: 'goal' }, 3], edges: [{}] })),
    ).toEqual({
      cards: [{ id: 'x', type: 'goal' }],
      edges: [],
    });
  });
});
