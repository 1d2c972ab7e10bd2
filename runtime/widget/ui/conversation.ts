import type { AgentCard, DeliveryState, TranscriptItem } from '../../../shared/protocol/common.ts';
import { isBotItem } from './items.ts';
import type { ConversationStatus } from '../../../shared/protocol/visitor.ts';

/** Something the visitor sent that the server has not acknowledged yet (shown as "Sending…", resent on reconnect). */
export interface Pending {
  clientId: string;
  text: string;
  /** Set for a reply to an ask; absent for a live-chat message. */
  cardId?: string;
  answerId?: string;
}

export type AskItem = Extract<TranscriptItem, { type: 'ask' }>;

/**
 * The visitor's view of one conversation, as a pure value: the transcript entries shown so far (ordered by `seq`),
 * bot entries still waiting for their typing delay, and what the visitor sent that is not yet stored.
 * Every function returns a new value; the UI re-renders from it.
 */
export interface Conversation {
  id?: string;
  dialogueId?: string;
  /** `new`: nothing started yet. */
  status: ConversationStatus | 'new';
  items: TranscriptItem[];
  queue: TranscriptItem[];
  outbox: Pending[];
  agent: AgentCard | null;
  /** Receipts: the visitor's entries up to these seqs reached the agent / were read. */
  delivered: number;
  read: number;
  /** While waiting in the live-chat queue: the place in line and the estimated wait (seconds). */
  place?: { position: number; estimatedWaitSec: number };
  /** After a fallback: the visitor may leave messages for a reply by email (asked for an email first when none
   * is known). `left` holds what the server stored; `pending` what is on its way. */
  /** The stream has a "talk to a person" card: the header offers it while the bot runs. */
  talkToPerson?: boolean;
  missed?: { needEmail: boolean; email?: string; left: string[]; pending?: { id: string; text: string } };
}

export const EMPTY: Conversation = {
  status: 'new',
  items: [],
  queue: [],
  outbox: [],
  agent: null,
  delivered: 0,
  read: 0,
};

/** The highest `seq` received, shown or queued: what `hello.lastSeq` asks to resume from. */
export function lastSeq(c: Conversation): number {
  return Math.max(0, ...c.items.map((i) => i.seq), ...c.queue.map((i) => i.seq));
}

/**
 * A transcript entry from the server. `live` entries that the bot types, and anything behind them, go to the
 * queue (order is kept); snapshot entries show at once. A repeated `seq` (resend, reconnect) is ignored.
 */
export function receive(c: Conversation, item: TranscriptItem, live: boolean): Conversation {
  if (c.items.some((i) => i.seq === item.seq) || c.queue.some((i) => i.seq === item.seq)) return c;
  const outbox = item.type === 'visitor' ? c.outbox.filter((p) => p.clientId !== item.clientId) : c.outbox;
  const next = { ...c, outbox };
  if (live && (c.queue.length > 0 || isBotItem(item))) return { ...next, queue: [...c.queue, item] };
  return reveal(next, item);
}

/** Moves the first queued entry onto the screen. */
export function revealNext(c: Conversation): Conversation {
  const [first, ...rest] = c.queue;
  return first ? reveal({ ...c, queue: rest }, first) : c;
}

/** A whole snapshot (`welcome.conversation`): shown at once, merged with anything already on screen. */
export function fromSnapshot(
  c: Conversation,
  s: {
    id: string;
    dialogueId: string;
    status: ConversationStatus;
    agent: AgentCard | null;
    items: TranscriptItem[];
    talkToPerson?: boolean;
  },
): Conversation {
  let next: Conversation = { ...c, id: s.id, dialogueId: s.dialogueId, talkToPerson: !!s.talkToPerson };
  for (const item of [...c.queue, ...s.items]) next = receive({ ...next, queue: [] }, item, false);
  return { ...next, status: s.status, agent: s.agent ?? next.agent, queue: [] };
}

/** The server stored a pending message as entry `seq`: it becomes a transcript entry in state `sent`. */
export function acknowledge(c: Conversation, clientId: string, seq: number, at: number): Conversation {
  const p = c.outbox.find((o) => o.clientId === clientId);
  if (!p) return c;
  const item: TranscriptItem = { type: 'visitor', seq, at, text: p.text, clientId, state: 'sent' };
  if (p.cardId) item.cardId = p.cardId;
  return receive({ ...c, outbox: c.outbox.filter((o) => o !== p) }, item, false);
}

/** The question or capture waiting for the visitor's reply, if any. */
export function activeAsk(c: Conversation): AskItem | undefined {
  if (c.status !== 'bot') return undefined;
  const last = c.items[c.items.length - 1];
  if (last?.type !== 'ask') return undefined;
  return c.outbox.some((p) => p.cardId === last.cardId) ? undefined : last;
}

/** Delivery state of one of the visitor's entries. */
export function deliveryOf(c: Conversation, item: Extract<TranscriptItem, { type: 'visitor' }>): DeliveryState {
  if (item.seq <= c.read || item.state === 'read') return 'read';
  if (item.seq <= c.delivered || item.state === 'delivered') return 'delivered';
  return 'sent';
}

function reveal(c: Conversation, item: TranscriptItem): Conversation {
  const items = [...c.items, item];
  // Entries almost always arrive in order; a late one (e.g. an ack after newer entries) is put in its place.
  if (items.length > 1 && items[items.length - 2].seq > item.seq) items.sort((a, b) => a.seq - b.seq);
  let { status, agent } = c;
  switch (item.type) {
    case 'waiting':
      status = 'waiting';
      break;
    case 'agentJoined':
      status = 'live';
      agent = item.agent;
      break;
    case 'agent':
      agent = item.agent;
      break;
    case 'ended':
      status = 'ended';
      break;
    default:
      if (status === 'new') status = 'bot';
  }
  return { ...c, items, status, agent };
}
