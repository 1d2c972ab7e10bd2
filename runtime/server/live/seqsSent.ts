import type { AgentServerMessage } from '../../../shared/protocol/agent.ts';
import type { VisitorServerMessage } from '../../../shared/protocol/visitor.ts';

/**
 * Which transcript entries of one conversation one socket has (sent by this node, or given in a snapshot), so that
 * catching up after a gap on the bus (cluster/catchUp.ts) sends it only what it lacks. Entries usually reach a
 * socket in seq order, and then this is one number. Among several nodes one may come before an earlier one (this
 * node stored seq 10 while seq 9, stored by another node, is still on its way over the bus, or lost): the seqs
 * skipped are kept as ranges until they arrive or a catch-up sends them. Entries a socket never gets (internal
 * notes, to a visitor) stay such ranges until the next catch-up reads them from the store.
 */
export class SeqsSent {
  /** Every seq up to here was sent (or skipped on purpose), but those in `missing`. */
  private upTo: number;
  /** Skipped seqs below `upTo`, as `[from, to]` pairs, in order; undefined while there are none. */
  private missing: number[] | undefined;

  constructor(upTo = 0) {
    this.upTo = upTo;
  }

  /** The socket has every entry up to `upTo` and nothing after (a snapshot, a new conversation). */
  reset(upTo: number): void {
    this.upTo = upTo;
    this.missing = undefined;
  }

  /** Entry `seq` went to the socket. */
  sent(seq: number): void {
    if (seq === this.upTo + 1) this.upTo = seq;
    else if (seq > this.upTo) {
      (this.missing ??= []).push(this.upTo + 1, seq - 1);
      this.upTo = seq;
    } else if (this.missing) this.fill(seq);
  }

  /** Whether the socket lacks entry `seq`. */
  lacks(seq: number): boolean {
    if (seq > this.upTo) return true;
    const m = this.missing;
    if (m) for (let i = 0; i < m.length; i += 2) if (seq >= m[i] && seq <= m[i + 1]) return true;
    return false;
  }

  /** Every stored entry up to `last` that the socket lacked was just sent to it (a catch-up). */
  caughtUp(last: number): void {
    if (last >= this.upTo) return this.reset(last);
    const m = this.missing;
    if (!m) return;
    const kept: number[] = [];
    for (let i = 0; i < m.length; i += 2) if (m[i + 1] > last) kept.push(Math.max(m[i], last + 1), m[i + 1]);
    this.missing = kept.length ? kept : undefined;
  }

  private fill(seq: number): void {
    const m = this.missing!;
    for (let i = 0; i < m.length; i += 2) {
      const [from, to] = [m[i], m[i + 1]];
      if (seq < from || seq > to) continue;
      const parts: number[] = [];
      if (from < seq) parts.push(from, seq - 1);
      if (seq < to) parts.push(seq + 1, to);
      m.splice(i, 2, ...parts);
      break;
    }
    if (!m.length) this.missing = undefined;
  }
}

/** Follows what a visitor socket is sent: a `welcome` or `started` begins its conversation's entries anew. */
export function visitorSent(s: SeqsSent, msg: VisitorServerMessage): void {
  if ('seq' in msg) return s.sent(msg.seq); // an entry, or the ack of the visitor's own message
  if (msg.type === 'started') s.reset(0);
  else if (msg.type === 'welcome') {
    const c = msg.conversation;
    s.reset(c ? Math.max(c.lastSeq, c.items.length ? c.items[c.items.length - 1].seq : 0) : 0);
  }
}

/** What an agent socket has of each chat it holds (by conversation id). */
export type ChatSeqsSent = Map<string, SeqsSent>;

/** Follows what an agent socket is sent: `hello` and `chatOpened` carry a chat's whole transcript. */
export function agentSent(chats: ChatSeqsSent, msg: AgentServerMessage): void {
  switch (msg.type) {
    case 'item':
      // An ended chat is never caught up again: its entry goes.
      if (msg.item.type === 'ended') chats.delete(msg.conversationId);
      else chats.get(msg.conversationId)?.sent(msg.item.seq);
      break;
    case 'ack':
      chats.get(msg.conversationId)?.sent(msg.seq);
      break;
    case 'chatOpened':
      chats.set(msg.chat.conversationId, new SeqsSent(msg.chat.lastSeq));
      break;
    case 'hello':
      chats.clear();
      for (const c of msg.chats) chats.set(c.conversationId, new SeqsSent(c.lastSeq));
      break;
    case 'transfer':
      // The chat left this inbox.
      if (msg.state === 'accepted') chats.delete(msg.conversationId);
      break;
  }
}
