import type { AgentState } from './state.ts';

/**
 * A pool's eligible members ordered for balanced assignment (SPEC §4): fewest open chats (pending offers count),
 * then idle longest, then the stable order. The head is the pick, so a balanced decision is O(1) to find and
 * O(log n + n/word) to keep up to date (binary search and one array move), whatever the number of agents.
 * Members are keyed by the agent's `key` snapshot, taken when the agent entered, so leaving finds its place even
 * after the agent's load has changed.
 */
export class BalancedIndex {
  private readonly items: AgentState[] = [];

  get length(): number {
    return this.items.length;
  }

  /** The first `n` members in balanced order. */
  first(n: number): AgentState[] {
    return this.items.slice(0, n);
  }

  at(i: number): AgentState | undefined {
    return this.items[i];
  }

  insert(agent: AgentState): void {
    this.items.splice(this.search(agent), 0, agent);
  }

  remove(agent: AgentState): void {
    const i = this.search(agent);
    if (this.items[i] === agent) this.items.splice(i, 1);
  }

  clear(): void {
    this.items.length = 0;
  }

  /** The first place whose member does not come before `agent` (by the keys the members entered with). */
  private search(agent: AgentState): number {
    let lo = 0;
    let hi = this.items.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (comesBefore(this.items[mid], agent)) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
}

function comesBefore(a: AgentState, b: AgentState): boolean {
  if (a.keyLoad !== b.keyLoad) return a.keyLoad < b.keyLoad;
  if (a.keyIdle !== b.keyIdle) return a.keyIdle < b.keyIdle;
  return a.order < b.order;
}
