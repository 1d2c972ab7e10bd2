import { expect, it } from 'vitest';
import { canonicalJson } from './canonicalJson.ts';

it('writes keys in code-unit order at every level, integer-like keys included', () => {
  expect(canonicalJson({ b: 1, a: [{ z: null, y: 'é' }], 10: true, 9: false })).toBe('{"10":true,"9":false,"a":[{"y":"é","z":null}],"b":1}');
  expect(canonicalJson({ a: undefined, b: [undefined] })).toBe('{"b":[null]}');
});
