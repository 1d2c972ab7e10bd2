import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { VisitorRecord } from './types.ts';
import { WaitQueue } from './waitQueue.ts';

const rec = (visitor: string) => ({ visitor }) as VisitorRecord;

describe('WaitQueue', () => {
  it('keeps FIFO order and 1-based positions through pushes and removals anywhere', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.boolean(), fc.nat(400)), { maxLength: 600 }), (ops) => {
        const q = new WaitQueue('p');
        const model: string[] = [];
        let n = 0;
        for (const [push, pick] of ops) {
          if (push || model.length === 0) {
            const v = `v${n++}`;
            expect(q.push(rec(v))).toBe(model.push(v));
          } else {
            const v = model[pick % model.length];
            expect(q.remove(v)).toBe(model.indexOf(v) + 1);
            model.splice(model.indexOf(v), 1);
          }
          expect(q.length).toBe(model.length);
          expect(q.head()?.visitor).toBe(model[0]);
        }
        expect([...q.from(1)].map((r) => r.visitor)).toEqual(model);
        model.forEach((v, i) => expect(q.position(v)).toBe(i + 1));
        expect(q.remove('nobody')).toBe(0);
      }),
    );
  });
});
