import { nextMark } from './marks.ts';
import { IS_EMAIL_CAPTURE, IS_QUESTION } from '../cardFacts.ts';
import { bump, NO_EMAIL, NO_QUESTION, REACH_SETS, type NodeRec } from './records.ts';

/**
 * Recomputes every graph-wide fact from scratch: loops (strongly connected components, Tarjan), a topological
 * order when there is no loop, and the reach sets with their counts. Used for a full lint, and by the incremental
 * linter while the graph has a loop (when reference counts are not enough). Adds the cards whose loop or reach
 * membership changed to `changed` (null: a first load, where everything is new anyway); returns whether the graph
 * has a loop.
 */
export function fullGraphPass(nodes: readonly NodeRec[], root: NodeRec | null, changed: Set<NodeRec> | null): boolean {
  const cyclic = findLoops(nodes, changed);
  computeReach(nodes, root, changed);
  return cyclic;
}

/** Tarjan's algorithm without recursion (a 5,000-card chain would overflow the call stack). */
function findLoops(nodes: readonly NodeRec[], changed: Set<NodeRec> | null): boolean {
  const mark = nextMark();
  let counter = 0;
  let nextOrd = nodes.length;
  let cyclic = false;
  const scc: NodeRec[] = [];
  const frames: NodeRec[] = [];
  const edgeAt: number[] = [];
  for (const start of nodes) {
    if (start.mark === mark) continue;
    enter(start);
    while (frames.length > 0) {
      const top = frames.length - 1;
      const n = frames[top];
      const i = edgeAt[top];
      if (i < n.from.length) {
        edgeAt[top] = i + 1;
        const w = n.from[i].toNode;
        if (!w) continue;
        if (w.mark !== mark) enter(w);
        else if (w.onStack && w.index < n.low) n.low = w.index;
        continue;
      }
      frames.pop();
      edgeAt.pop();
      if (frames.length > 0) {
        const parent = frames[frames.length - 1];
        if (n.low < parent.low) parent.low = n.low;
      }
      if (n.low !== n.index) continue;
      // n roots a component; components come out sinks first, so they take the order from the end.
      if (scc[scc.length - 1] === n) {
        // The usual case, a card on no loop (unless it has an edge to itself).
        scc.pop();
        n.onStack = false;
        n.ord = nextOrd--;
        const loop = hasSelfLoop(n) ? [n.id] : undefined;
        if (loop) cyclic = true;
        if (!sameLoop(n.loop, loop)) {
          n.loop = loop;
          changed?.add(n);
        }
        continue;
      }
      let first = scc.length - 1;
      while (scc[first] !== n) first--;
      const members = scc.splice(first);
      const loop = members.map((m) => m.id).sort();
      cyclic = true;
      for (const m of members) {
        m.onStack = false;
        m.ord = nextOrd--;
        if (!sameLoop(m.loop, loop)) {
          m.loop = loop;
          changed?.add(m);
        }
      }
    }
  }
  return cyclic;

  function enter(n: NodeRec): void {
    n.mark = mark;
    n.index = n.low = counter++;
    n.onStack = true;
    scc.push(n);
    frames.push(n);
    edgeAt.push(0);
  }
}

function computeReach(nodes: readonly NodeRec[], root: NodeRec | null, changed: Set<NodeRec> | null): void {
  // The previous membership is kept in `index` (Tarjan's scratch, free again) to tell what changed.
  for (const n of nodes) {
    n.index = n.member;
    n.member = 0;
    n.c0 = n.c1 = n.c2 = 0;
  }
  if (root) {
    for (const set of REACH_SETS) {
      const bit = 1 << set;
      // Inlined `passes`: this loop is most of a full lint's graph work.
      const stop = set === NO_QUESTION ? IS_QUESTION : set === NO_EMAIL ? IS_EMAIL_CAPTURE : 0;
      root.member |= bit;
      const queue = [root];
      for (let i = 0; i < queue.length; i++) {
        const n = queue[i];
        if ((n.facts.flags & stop) !== 0) continue;
        for (const e of n.from) {
          const w = e.toNode;
          if (w && (w.member & bit) === 0) {
            w.member |= bit;
            queue.push(w);
          }
        }
      }
      // Counts as the incremental linter keeps them: start + in-edges from members that pass the path on.
      bump(root, set, 1);
      for (const n of queue) {
        if ((n.facts.flags & stop) !== 0) continue;
        for (const e of n.from) if (e.toNode) bump(e.toNode, set, 1);
      }
    }
  }
  if (changed) for (const n of nodes) if (n.member !== n.index) changed.add(n);
}

function hasSelfLoop(n: NodeRec): boolean {
  for (const e of n.from) if (e.toNode === n) return true;
  return false;
}

function sameLoop(a: readonly string[] | undefined, b: readonly string[] | undefined): boolean {
  if (a === b) return true;
  if (!a || !b || a.length !== b.length) return false;
  return a.every((id, i) => id === b[i]);
}
