import type { AgentServerMessage } from '../../../shared/protocol/agent.ts';
import type { VisitorServerMessage } from '../../../shared/protocol/visitor.ts';

/** A visitor's open socket as the hub sees it. */
export interface VisitorPeer {
  send(msg: VisitorServerMessage): void;
  close(code: number, reason: string): void;
}

/** An agent's open socket (one agent may have several tabs). `token` is the session it was opened with. */
export interface AgentPeer {
  userId: string;
  token: string;
  send(msg: AgentServerMessage): void;
  close(code: number, reason: string): void;
}

/** A multimap of peers by key (conversation id, user id). */
export class PeerSet<P> {
  private readonly map = new Map<string, Set<P>>();

  add(key: string, peer: P): void {
    let set = this.map.get(key);
    if (!set) this.map.set(key, (set = new Set()));
    set.add(peer);
  }

  delete(key: string, peer: P): void {
    const set = this.map.get(key);
    if (!set) return;
    set.delete(peer);
    if (set.size === 0) this.map.delete(key);
  }

  get(key: string): ReadonlySet<P> {
    return this.map.get(key) ?? EMPTY;
  }

  has(key: string): boolean {
    return this.map.has(key);
  }

  *all(): Iterable<[string, P]> {
    for (const [k, set] of this.map) for (const p of set) yield [k, p];
  }
}

const EMPTY: ReadonlySet<never> = new Set();
