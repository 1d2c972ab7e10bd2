import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { exportStream } from './exportStream.ts';
import { parseStream } from './interchange.ts';

const spec = JSON.parse(readFileSync(new URL('../../examples/spec-example.json', import.meta.url), 'utf8'));
const doc = (over: Record<string, unknown> = {}) => ({
  format: 'tributary.stream/1',
  name: 'S',
  start: 'a',
  cards: [{ id: 'a', type: 'message', data: { text: 'Hi' } }],
  edges: [],
  ...over,
});

function error(value: unknown): string {
  const r = parseStream(value);
  if (r.ok) throw new Error('expected an invalid document');
  return r.error;
}

describe('parseStream', () => {
  it('reads the SPEC §8.2 example, defaulting ports to next and deriving edge ids', () => {
    const r = parseStream(spec);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.stream.start).toBe('hello');
    expect(r.stream.cards).toHaveLength(4);
    expect(r.stream.cards[0].position).toEqual({ x: 0, y: 0 });
    expect(r.stream.cards[1].position).toBeUndefined();
    expect(r.stream.edges[0]).toEqual({ id: 'hello:next->ask', from: 'hello', port: 'next', to: 'ask' });
    expect(r.stream.edges[1]).toEqual({ id: 'ask:yes->email', from: 'ask', port: 'yes', to: 'email' });
  });

  it('names the path of the bad field', () => {
    expect(error(doc({ format: 'tributary.stream/2' }))).toMatch(/^format: /);
    expect(error(doc({ cards: [{ id: 'a', type: 'message' }, { id: 'b' }] }))).toBe('cards[1].type: is missing');
    expect(
      error(
        doc({
          cards: [
            { id: 'a', type: 'message' },
            { id: 'b', type: 'goal' },
            { id: 7, type: 'goal' },
          ],
        }),
      ),
    ).toBe('cards[2].id: must be a string, not number');
    expect(error(doc({ edges: [{ from: 'a', to: 1 }] }))).toBe('edges[0].to: must be a string, not number');
    expect(error(doc({ cards: [{ id: 'a', type: 'message', position: { x: 'left', y: 0 } }] }))).toMatch(
      /^cards\[0\]\.position\.x: /,
    );
    expect(error(doc({ edges: undefined }))).toBe('edges: is missing');
    expect(error([])).toMatch(/^\(document\): must be an object/);
  });

  it('rejects duplicate card ids and duplicate explicit edge ids', () => {
    expect(
      error(
        doc({
          cards: [
            { id: 'a', type: 'message' },
            { id: 'a', type: 'goal' },
          ],
        }),
      ),
    ).toBe('cards[1].id: duplicate card id "a"');
    expect(
      error(
        doc({
          edges: [
            { id: 'e', from: 'a', to: 'b' },
            { id: 'e', from: 'b', to: 'c' },
          ],
        }),
      ),
    ).toBe('edges[1].id: duplicate edge id "e"');
  });

  it('accepts a missing or unknown start and does not check card data', () => {
    const noStart = parseStream(doc({ start: undefined }));
    expect(noStart.ok && noStart.stream.start).toBe(null);
    expect(noStart.ok && 'start' in exportStream(noStart.stream)).toBe(false);
    const unknown = parseStream(doc({ start: 'nowhere', cards: [{ id: 'a', type: 'spaceship', data: 42 }] }));
    expect(unknown.ok && unknown.stream.start).toBe('nowhere');
    expect(unknown.ok && unknown.stream.cards[0].data).toBe(42);
  });

  it('numbers identical edges so that ids stay unique', () => {
    const r = parseStream(
      doc({
        edges: [
          { from: 'a', to: 'b' },
          { from: 'a', to: 'b' },
        ],
      }),
    );
    expect(r.ok && r.stream.edges.map((e) => e.id)).toEqual(['a:next->b', 'a:next->b#1']);
  });
});

describe('exportStream', () => {
  it('round-trips through parseStream, keeping ids, and writes keys in a fixed order', () => {
    const input = doc({
      cards: [
        { id: 'a', type: 'message', data: { text: 'Hi' }, position: { x: 1, y: 2 } },
        { id: 'b', type: 'goal', data: { name: 'g' } },
      ],
      edges: [
        { from: 'a', to: 'b' },
        { id: 'custom', from: 'a', port: 'x', to: 'b' },
        { from: 'a', to: 'b' },
      ],
    });
    const first = parseStream(input);
    if (!first.ok) throw new Error(first.error);
    const out = exportStream(first.stream);
    expect(Object.keys(out)).toEqual(['format', 'name', 'start', 'cards', 'edges']);
    expect(out.edges).toEqual([
      { from: 'a', to: 'b' },
      { id: 'custom', from: 'a', port: 'x', to: 'b' },
      { from: 'a', to: 'b' },
    ]);
    const again = parseStream(JSON.parse(JSON.stringify(out)));
    expect(again.ok && again.stream).toEqual(first.stream);
  });
});
