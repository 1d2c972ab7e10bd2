import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { TimerHeap } from './timerHeap.ts';

describe('TimerHeap', () => {
  it('pops by due time, then by arming order, and cancels by key', () => {
    const h = new TimerHeap();
    h.push('a', 45, undefined);
    h.push('b', 10, undefined);
    h.push('c', 45, undefined);
    h.push('d', 10, undefined);
    expect(h.delete('d')).toBe(true);
    expect(h.delete('d')).toBe(false);
    const order: string[] = [];
    while (h.peek()) {
      order.push(h.peek()!.key);
      h.delete(h.peek()!.key);
    }
    expect(order).toEqual(['b', 'a', 'c']);
  });

  it('agrees with a sorted list on random pushes and cancels', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.boolean(), fc.integer({ min: 0, max: 20 }), fc.integer({ min: 0, max: 9 }))),
        (ops) => {
          const h = new TimerHeap();
          let model: { key: string; due: number; seq: number }[] = [];
          let seq = 0;
          for (const [push, key, due] of ops) {
            const k = String(key);
            model = model.filter((e) => e.key !== k);
            if (push) {
              h.push(k, due, undefined);
              model.push({ key: k, due, seq: seq++ });
            } else h.delete(k);
          }
          model.sort((a, b) => a.due - b.due || a.seq - b.seq);
          const popped: string[] = [];
          while (h.peek()) {
            popped.push(h.peek()!.key);
            h.delete(h.peek()!.key);
          }
          expect(popped).toEqual(model.map((e) => e.key));
        },
      ),
    );
  });
});
