import { nextMark } from './marks.ts';
import type { NodeRec } from './records.ts';

/**
 * Keeps the topological order (`ord`) valid when the traversal edge `from → to` has been linked, or reports that the
 * edge closed a loop (returns true; the order is then left as it was). Pearce & Kelly's dynamic topological sort:
 * when `to` already comes after `from` nothing is done; otherwise only the cards ordered between the two are
 * visited and their positions reshuffled. This is what makes "does this new edge make a cycle?" cheap.
 */
export function insertOrdered(from: NodeRec, to: NodeRec): boolean {
  if (from === to) return true;
  const lb = to.ord;
  const ub = from.ord;
  if (lb > ub) return false;
  const forward: NodeRec[] = [];
  const fMark = nextMark();
  const stack = [to];
  to.mark = fMark;
  while (stack.length > 0) {
    const n = stack.pop()!;
    forward.push(n);
    for (const e of n.from) {
      const w = e.toNode;
      if (!w) continue;
      if (w === from) return true;
      if (w.mark !== fMark && w.ord < ub) {
        w.mark = fMark;
        stack.push(w);
      }
    }
  }
  const backward: NodeRec[] = [];
  const bMark = nextMark();
  stack.push(from);
  from.mark = bMark;
  while (stack.length > 0) {
    const n = stack.pop()!;
    backward.push(n);
    for (const e of n.in) {
      const w = e.fromNode!;
      if (w.mark !== bMark && w.ord > lb) {
        w.mark = bMark;
        stack.push(w);
      }
    }
  }
  // Everything that leads to `from` now comes before everything `to` leads to, in the slots they held.
  const byOrd = (a: NodeRec, b: NodeRec) => a.ord - b.ord;
  backward.sort(byOrd);
  forward.sort(byOrd);
  const moved = backward.concat(forward);
  const slots = moved.map((n) => n.ord).sort((a, b) => a - b);
  for (let i = 0; i < moved.length; i++) moved[i].ord = slots[i];
  return false;
}
