import fc from 'fast-check';
import { expect, it } from 'vitest';
import { canonicalJson } from './canonicalJson.ts';

it('writes members in one fixed order: integer-like keys ascending, then code-unit order', () => {
  expect(canonicalJson({ b: 1, a: [{ z: null, y: 'é' }], 10: true, 9: false })).toBe(
    '{"9":false,"10":true,"a":[{"y":"é","z":null}],"b":1}',
  );
  expect(canonicalJson({ a: undefined, b: [undefined] })).toBe('{"b":[null]}');
  expect(canonicalJson(undefined)).toBe('null');
});

it('does not depend on the order keys were inserted in', () => {
  fc.assert(
    fc.property(fc.jsonValue(), fc.integer(), (value, seed) => {
      let s = seed;
      const rnd = () => ((s = (Math.imul(s, 1103515245) + 12345) | 0) >>> 0) / 2 ** 32;
      const shuffle = (v: unknown): unknown => {
        if (Array.isArray(v)) return v.map(shuffle);
        if (v === null || typeof v !== 'object') return v;
        return Object.fromEntries(
          Object.entries(v)
            .sort(() => rnd() - 0.5)
            .map(([k, x]) => [k, shuffle(x)]),
        );
      };
      expect(canonicalJson(shuffle(value))).toBe(canonicalJson(value));
      expect(JSON.parse(canonicalJson(value))).toEqual(JSON.parse(JSON.stringify(value)));
    }),
  );
});
