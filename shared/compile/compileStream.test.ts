import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { generateStream } from '../../bench/generate.ts';
import type { Stream } from '../stream/model.ts';
import { canonicalJson } from './canonicalJson.ts';
import { compileStream, CompileError } from './compileStream.ts';
import { contentHash } from './contentHash.ts';
import { parseCompiled } from './parseCompiled.ts';

const base = generateStream({ cards: 40, seed: 7 });

/** Reorders an object's keys at every level (same content, different key order). */
function shuffleKeys(value: unknown, rnd: () => number): unknown {
  if (Array.isArray(value)) return value.map((v) => shuffleKeys(v, rnd));
  if (value === null || typeof value !== 'object') return value;
  const entries = Object.entries(value).sort(() => rnd() - 0.5);
  return Object.fromEntries(entries.map(([k, v]) => [k, shuffleKeys(v, rnd)]));
}

function shuffle<T>(xs: T[], rnd: () => number): T[] {
  const out = [...xs];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(rnd() * (i + 1));
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

describe('compileStream', () => {
  const compiled = compileStream(base);

  it('drops layout, keys cards by id in id order and applies data defaults', () => {
    expect(compiled.format).toBe('tributary.compiled/1');
    expect(compiled.hash).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(Object.keys(compiled.cards)).toEqual(base.cards.map((c) => c.id).sort());
    expect(JSON.stringify(compiled)).not.toContain('position');
    const msg = Object.values(compiled.cards).find((c) => c.type === 'message' && !(c.data as { poke: boolean }).poke);
    expect(msg?.data).toHaveProperty('poke', false);
    expect(compiled.cards.c0.next).toEqual({ next: base.edges.find((e) => e.from === 'c0')!.to });
  });

  it('hashes the canonical JSON of its content (integer-like ids and ports included)', () => {
    const { hash, ...content } = compiled;
    expect(hash).toBe(contentHash(content));
    const numeric: Stream = {
      name: 'n',
      start: '10',
      cards: [
        {
          id: '10',
          type: 'question',
          data: {
            prompt: 'p',
            answers: [
              { id: '2', label: 'B' },
              { id: '1', label: 'A' },
              { id: 'z', label: 'Z' },
            ],
          },
        },
        { id: '9', type: 'goal', data: { name: 'g' } },
        { id: 'a', type: 'goal', data: { score: 1, name: 'h' } },
      ],
      edges: [
        { id: 'e1', from: '10', port: 'z', to: 'a' },
        { id: 'e2', from: '10', port: '2', to: '9' },
      ],
    };
    const c = compileStream(numeric);
    const { hash: h, ...rest } = c;
    expect(h).toBe(contentHash(rest));
  });

  it('gives the same output and hash whatever the positions, array order or key order', () => {
    fc.assert(
      fc.property(
        fc.integer(),
        fc.array(fc.record({ x: fc.integer(), y: fc.integer() }), { minLength: 40, maxLength: 40 }),
        (seed, positions) => {
          let s = seed;
          const rnd = () => ((s = (Math.imul(s, 1103515245) + 12345) | 0) >>> 0) / 2 ** 32;
          const moved: Stream = {
            ...base,
            cards: shuffle(
              base.cards.map((c, i) => ({ ...c, position: positions[i] })),
              rnd,
            ),
            edges: shuffle(base.edges, rnd),
          };
          const scrambled = shuffleKeys(moved, rnd) as Stream;
          const again = compileStream(scrambled);
          expect(again.hash).toBe(compiled.hash);
          expect(canonicalJson(again)).toBe(canonicalJson(compiled));
          expect(JSON.stringify(again)).toBe(JSON.stringify(compiled));
        },
      ),
      { numRuns: 50 },
    );
  });

  it('changes the hash when any text, data, edge or the name changes', () => {
    const messages = base.cards.filter((c) => c.type === 'message');
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: messages.length - 1 }),
        fc.string({ minLength: 1 }).filter((t) => t.trim() !== ''),
        (i, text) => {
          const target = messages[i];
          fc.pre((target.data as { text: string }).text.trim() !== text.trim());
          const changed: Stream = {
            ...base,
            cards: base.cards.map((c) => (c === target ? { ...c, data: { ...(c.data as object), text } } : c)),
          };
          expect(compileStream(changed).hash).not.toBe(compiled.hash);
        },
      ),
      { numRuns: 50 },
    );
    expect(compileStream({ ...base, name: 'Other' }).hash).not.toBe(compiled.hash);
    const edge = base.edges[3];
    const rewired = { ...base, edges: base.edges.map((e) => (e === edge ? { ...e, to: base.edges[5].to } : e)) };
    expect(compileStream(rewired).hash).not.toBe(compiled.hash);
    const goal = base.cards.find((c) => c.type === 'goal')!;
    const rescored = { ...base, cards: base.cards.map((c) => (c === goal ? { ...c, data: { name: 'other' } } : c)) };
    expect(compileStream(rescored).hash).not.toBe(compiled.hash);
  });

  it('refuses what lint would report as errors', () => {
    const bad = (s: Partial<Stream>) => () => compileStream({ ...base, ...s });
    expect(bad({ start: null })).toThrow(CompileError);
    expect(bad({ start: 'nope' })).toThrow(/start card/);
    expect(bad({ cards: [...base.cards, { id: 'x', type: 'meeting', data: {} }] })).toThrow(/unknown type/);
    expect(bad({ cards: [...base.cards, { id: 'x', type: 'message', data: {} }] })).toThrow(/invalid data/);
    expect(bad({ edges: [...base.edges, { id: 'e', from: 'c0', port: 'next', to: 'ghost' }] })).toThrow(
      /does not exist/,
    );
    expect(bad({ edges: [...base.edges, { id: 'e', from: 'c0', port: 'next', to: 'c3' }] })).toThrow(
      /more than one edge/,
    );
  });
});

describe('ids that are special in JavaScript', () => {
  it('keeps a card or port called "__proto__" as a key through compile, JSON and parseCompiled', () => {
    const c = compileStream({
      name: 'x',
      start: '__proto__',
      cards: [
        { id: '__proto__', type: 'question', data: { prompt: 'p', answers: [{ id: '__proto__', label: 'A' }] } },
        { id: 'b', type: 'goal', data: { name: 'g' } },
      ],
      edges: [{ id: 'e', from: '__proto__', port: '__proto__', to: 'b' }],
    });
    expect(Object.keys(c.cards)).toEqual(['__proto__', 'b']);
    expect(Object.hasOwn(c.cards.__proto__.next, '__proto__')).toBe(true);
    const stored = JSON.parse(JSON.stringify(c));
    expect(parseCompiled(stored).ok).toBe(true);
  });
});

describe('parseCompiled', () => {
  it('accepts a compiled stream after a JSON round trip and rejects a tampered one', () => {
    const compiled = JSON.parse(JSON.stringify(compileStream(base)));
    expect(parseCompiled(compiled).ok).toBe(true);
    compiled.name = 'tampered';
    expect(parseCompiled(compiled)).toEqual({ ok: false, error: 'hash: does not match the content' });
    expect(
      parseCompiled({
        ...compiled,
        cards: { ...compiled.cards, c0: { ...compiled.cards.c0, next: { next: 'ghost' } } },
      }),
    ).toEqual({
      ok: false,
      error: 'cards.c0.next.next: no card "ghost"',
    });
    expect(parseCompiled({ format: 'x' }).ok).toBe(false);
  });
});
