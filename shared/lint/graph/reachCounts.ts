import { passes } from './passes.ts';
import { bump, type NodeRec, type ReachSet } from './records.ts';

/**
 * Incremental reach sets by reference counting. A card's count for a set is 1 if it is the start card plus the
 * number of traversal in-edges from members that pass the path on; it is a member while its count is positive.
 * On an ACYCLIC graph that equals the least fixpoint (reachability), and each change costs only the cards whose
 * membership flips. On a graph with a loop, counts can keep an unreachable loop alive, so the linter recomputes
 * from scratch while the graph has one (see fullGraphPass).
 *
 * `changed` collects the cards whose membership flipped.
 */
export function addReach(start: NodeRec, set: ReachSet, changed: Set<NodeRec>): void {
  const bit = 1 << set;
  const stack = [start];
  while (stack.length > 0) {
    const n = stack.pop()!;
    if (bump(n, set, 1) !== 1) continue;
    n.member |= bit;
    changed.add(n);
    if (!passes(n, set)) continue;
    for (const e of n.from) if (e.toNode) stack.push(e.toNode);
  }
}

export function removeReach(start: NodeRec, set: ReachSet, changed: Set<NodeRec>): void {
  const bit = 1 << set;
  const stack = [start];
  while (stack.length > 0) {
    const n = stack.pop()!;
    if (bump(n, set, -1) !== 0) continue;
    n.member &= ~bit;
    changed.add(n);
    if (!passes(n, set)) continue;
    for (const e of n.from) if (e.toNode) stack.push(e.toNode);
  }
}

/** Whether `node` passes its membership of `set` on to its successors. */
export function contributes(node: NodeRec, set: ReachSet): boolean {
  return (node.member & (1 << set)) !== 0 && passes(node, set);
}
