import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SuccessorSet } from './successorSet.ts';

describe('SuccessorSet', () => {
  it('finds the next member across words and summary levels', () => {
    const s = new SuccessorSet(5000);
    expect(s.next(0)).toBe(-1);
    s.add(3);
    s.add(40);
    s.add(4097);
    expect(s.next(0)).toBe(3);
    expect(s.next(4)).toBe(40);
    expect(s.next(41)).toBe(4097);
    expect(s.next(4098)).toBe(-1);
    s.delete(40);
    expect(s.next(4)).toBe(4097);
    expect(s.length).toBe(2);
    expect(s.add(3)).toBe(false);
    expect(s.delete(40)).toBe(false);
  });

  it('agrees with a plain array on random operations', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 3000 }),
        fc.array(fc.tuple(fc.boolean(), fc.nat()), { maxLength: 200 }),
        fc.array(fc.nat(), { maxLength: 30 }),
        (size, ops, queries) => {
          const s = new SuccessorSet(size);
          const model = new Array<boolean>(size).fill(false);
          for (const [add, raw] of ops) {
            const i = raw % size;
            if (add) s.add(i);
            else s.delete(i);
            model[i] = add;
          }
          for (const raw of queries) {
            const from = raw % (size + 2);
            const expected = model.findIndex((m, i) => m && i >= from);
            expect(s.next(from)).toBe(expected);
          }
          expect(s.length).toBe(model.filter(Boolean).length);
        },
      ),
    );
  });
});
