import { BalancedIndex } from './balancedIndex.ts';
import { SuccessorSet } from './successorSet.ts';
import type { AgentState } from './state.ts';

/** The agent a rotation picked, where it stands, and where the search started (for the list of skipped agents). */
export interface Pick {
  agent: AgentState;
  /** 0-based place in the pool's order. */
  position: number;
  /** Where the search started: the place after the cursor. */
  start: number;
}

/**
 * A rotation pool (SPEC §4): the round-robin pool (every agent with the live-chat permission) or one team (its
 * members). Members keep the workspace's stable agent order; the positions of eligible members live in a
 * SuccessorSet, so the next eligible agent after the cursor is found without looking at the ineligible ones.
 * The cursor is remembered as the order key of the last agent offered from this pool, which survives members
 * joining or leaving.
 */
export class Pool {
  members: AgentState[] = [];
  /** The eligible members in balanced order (fewest chats, idle longest, stable order). */
  readonly balanced = new BalancedIndex();
  /** Members online with the live-chat permission: a queue is only entered while someone is available. */
  availableCount = 0;
  private eligible = new SuccessorSet(0);
  private cursorOrder = -1;
  private start = 0;

  constructor(
    /** `round robin` or `team <id>`: the name decisions use. */
    readonly label: string,
  ) {}

  get size(): number {
    return this.members.length;
  }

  get eligibleCount(): number {
    return this.eligible.length;
  }

  /**
   * Replaces the members (any order; sorted here) and rebuilds positions, eligibility, the balanced order and
   * the available count from the agents' current standing. O(members log members).
   */
  setMembers(agents: AgentState[]): void {
    for (const a of this.members) a.slots.delete(this);
    this.members = [...agents].sort((a, b) => a.order - b.order);
    this.eligible = new SuccessorSet(this.members.length);
    this.balanced.clear();
    this.availableCount = 0;
    this.members.forEach((a, i) => {
      a.slots.set(this, i);
      if (a.eligible) this.eligible.add(i);
      if (a.indexed) this.balanced.insert(a);
      if (a.available) this.availableCount++;
    });
    this.start = this.members.findIndex((a) => a.order > this.cursorOrder);
    if (this.start < 0) this.start = 0;
  }

  add(agent: AgentState): void {
    if (!agent.slots.has(this)) this.setMembers([...this.members, agent]);
  }

  remove(agent: AgentState): void {
    if (agent.slots.has(this)) this.setMembers(this.members.filter((a) => a !== agent));
  }

  /** The balanced pick: the first eligible member in balanced order other than `exclude`. */
  pickBalanced(exclude?: AgentState): AgentState | undefined {
    const first = this.balanced.at(0);
    return first !== exclude ? first : this.balanced.at(1);
  }

  setEligible(position: number, eligible: boolean): void {
    if (eligible) this.eligible.add(position);
    else this.eligible.delete(position);
  }

  /** The next eligible member at or after the cursor, wrapping around; `exclude` is passed over. */
  pick(exclude?: AgentState): Pick | undefined {
    const first = this.nextEligible(this.start);
    if (first < 0) return undefined;
    if (this.members[first] !== exclude) return { agent: this.members[first], position: first, start: this.start };
    const second = this.nextEligible(first + 1);
    if (second === first) return undefined;
    return { agent: this.members[second], position: second, start: this.start };
  }

  /** An offer was made to the member at `position`: the rotation continues after it. */
  movePast(position: number): void {
    this.cursorOrder = this.members[position].order;
    this.start = position + 1 < this.members.length ? position + 1 : 0;
  }

  /** Where the next search starts (0-based), for explanations. */
  get cursor(): number {
    return this.start;
  }

  /** Up to `max` of the `count` members starting at `from`, wrapping around. */
  walk(from: number, count: number, max: number): AgentState[] {
    const n = this.members.length;
    const agents: AgentState[] = [];
    for (let k = 0; k < Math.min(count, max, n); k++) agents.push(this.members[(from + k) % n]);
    return agents;
  }

  /** How many members lie between the search start and `position` (the ones a pick passed over). */
  distance(from: number, position: number): number {
    const n = this.members.length;
    return (position - from + n) % n;
  }

  private nextEligible(from: number): number {
    const i = this.eligible.next(from);
    return i >= 0 ? i : this.eligible.next(0);
  }
}
