import type { AgentServerMessage } from '../../../shared/protocol/agent.ts';
import type { VisitorServerMessage } from '../../../shared/protocol/visitor.ts';
import type { ChatSeqsSent, SeqsSent } from './seqsSent.ts';
import type { PeerPage } from './visitorContext.ts';

/** A visitor's open socket as the hub sees it. */
export interface VisitorPeer {
  /** The client address the socket came from (limits per address), when it is a local socket. */
  address?: string;
  /** The page the socket's hello named, for the visitor's context (set once the hello arrived). */
  page?: PeerPage;
  /** The entries of its conversation it has (a catch-up sends only the others); unknown: from the hand-off on. */
  sent?: SeqsSent;
  send(msg: VisitorServerMessage): void;
  close(code: number, reason: string): void;
}

/** An agent's open socket (one agent may have several tabs). `token` is the session it was opened with. */
export interface AgentPeer {
  userId: string;
  token: string;
  /** The entries of each held chat it has (a catch-up sends only the others); unknown: from the hand-off on. */
  sent?: ChatSeqsSent;
  send(msg: AgentServerMessage): void;
  close(code: number, reason: string): void;
}

/**
 * A multimap of peers by key (conversation id, user id). Each key holds an array, replaced rather than changed
 * (so a caller iterating one is never disturbed by an add or delete): nearly every key has one peer, and a
 * one-element array is a sixth of a Set's memory, which counts at 19,000 visitors.
 */
export class PeerSet<P> {
  private readonly map = new Map<string, readonly P[]>();

  /** Adds `peer` under `key`; false when it was there already. */
  add(key: string, peer: P): boolean {
    const list = this.map.get(key);
    if (!list) this.map.set(key, [peer]);
    else if (!list.includes(peer)) this.map.set(key, [...list, peer]);
    else return false;
    return true;
  }

  /** Removes `peer` from `key`; false when it was not there. */
  delete(key: string, peer: P): boolean {
    const list = this.map.get(key);
    if (!list || !list.includes(peer)) return false;
    if (list.length === 1) this.map.delete(key);
    else
      this.map.set(
        key,
        list.filter((p) => p !== peer),
      );
    return true;
  }

  get(key: string): readonly P[] {
    return this.map.get(key) ?? EMPTY;
  }

  has(key: string): boolean {
    return this.map.has(key);
  }

  *all(): Iterable<[string, P]> {
    for (const [k, list] of this.map) for (const p of list) yield [k, p];
  }
}

const EMPTY: readonly never[] = [];
