import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { textDiff } from './textDiff.ts';

const apply = (a: string, d: { index: number; remove: number; insert: string }) =>
  a.slice(0, d.index) + d.insert + a.slice(d.index + d.remove);

describe('textDiff', () => {
  it('places a typed letter before an equal letter that follows the caret', () => {
    // "ab|c", the user types "c": the new letter is at 2, not after the old "c".
    expect(textDiff('abc', 'abcc', 3)).toEqual({ index: 2, remove: 0, insert: 'c' });
    // A space typed right before a colleague's space.
    expect(textDiff('X Y', 'X  Y', 2)).toEqual({ index: 1, remove: 0, insert: ' ' });
    // Without the caret the longest prefix wins, as before.
    expect(textDiff('abc', 'abcc')).toEqual({ index: 3, remove: 0, insert: 'c' });
  });

  it('deletes the letter before the caret (backspace) or after it (delete) among equal letters', () => {
    expect(textDiff('abcc', 'abc', 3)).toEqual({ index: 3, remove: 1, insert: '' });
    expect(textDiff('abcc', 'abc', 2)).toEqual({ index: 2, remove: 1, insert: '' });
  });

  it('never splits a surrogate pair', () => {
    expect(textDiff('a😀', 'a😃', 3)).toEqual({ index: 1, remove: 2, insert: '😃' });
    expect(textDiff('a😀', 'a😃')).toEqual({ index: 1, remove: 2, insert: '😃' });
  });

  it('turns a into b for any edit at any caret', () => {
    fc.assert(
      fc.property(fc.string(), fc.string(), fc.string(), fc.nat(), fc.nat(), (pre, mid, ins, cut, at) => {
        const a = pre + mid;
        const from = Math.min(cut, a.length);
        const to = Math.min(from + (at % 4), a.length);
        const b = a.slice(0, from) + ins + a.slice(to);
        const caret = from + ins.length;
        const d = textDiff(a, b, caret);
        expect(apply(a, d)).toBe(b);
        expect(d.index).toBeLessThanOrEqual(caret);
        expect(d.index + d.insert.length).toBeGreaterThanOrEqual(Math.min(caret, b.length));
        expect(apply(a, textDiff(a, b))).toBe(b);
      }),
    );
  });
});
