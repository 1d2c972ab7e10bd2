import type { EndReason, FallbackReason } from '../../../shared/protocol/common.ts';
/** The inbox's own view of live chat, independent of the wire format (the adapter in wire.ts maps to it). */
export type Availability = 'online' | 'away' | 'offline';
export const AVAILABILITIES: readonly Availability[] = ['online', 'away', 'offline'];

export type Sender = 'bot' | 'visitor' | 'agent' | 'system';
/** Delivery of the agent's own message: sending (not yet acknowledged), sent (stored), delivered, read. */
export type Delivery = 'sending' | 'sent' | 'delivered' | 'read';

export interface ChatMessage {
  /** `seq:<n>` once stored by the server, `local:<clientId>` while the agent's own message is in flight. */
  id: string;
  /** The server's per-conversation sequence number (absent while sending). */
  seq?: number;
  /** Set on visitor and agent messages: the sender's id, echoed by the server's ack. */
  clientId?: string;
  from: Sender;
  text: string;
  at: number;
  delivery?: Delivery;
  /** A question's answer buttons as the visitor saw them; the chosen one arrives as a visitor message. */
  choices?: string[];
  /** A document card's link. */
  link?: { name: string; url: string };
  /** The agent who wrote it (agent messages: id, name) and their profile picture; no id while the agent's own
   * message is in flight. */
  agentId?: string;
  agentName?: string;
  agentAvatar?: string | null;
  /** An internal note: agents only, never sent to the visitor. */
  note?: boolean;
  /** Conversation events shown as a centred line, worded by the UI in the agent's language. */
  system?: SystemLine;
}

export type SystemLine =
  | { kind: 'waiting' }
  | { kind: 'agentJoined'; name: string }
  | { kind: 'fallback'; reason: FallbackReason }
  | { kind: 'chatEnded'; by: 'agent' | 'visitor' | 'system' }
  | { kind: 'ended'; reason: EndReason }
  | { kind: 'invalid' };

export interface VisitorProfile {
  id: string;
  /** What the stream captured: standard and custom attributes, as text. */
  attributes: Record<string, string>;
  dialogue?: string;
  startedAt?: number;
}

export interface Chat {
  id: string;
  visitor: VisitorProfile;
  /** The bot part of the conversation, before the agent joined. */
  transcript: ChatMessage[];
  /** Live messages since the agent accepted. */
  messages: ChatMessage[];
  unread: number;
  visitorTyping: boolean;
  ended: boolean;
  endedBy?: 'agent' | 'visitor' | 'system';
  acceptedAt: number;
  /** The visitor has read the agent's messages up to this seq. */
  readUpTo: number;
  /** A transfer this agent started that the colleague has not answered yet (their name). */
  transferTo?: string;
}

export interface Offer {
  id: string;
  visitor: VisitorProfile;
  /** The deadline on this browser's clock (the server's deadline shifted by the measured clock offset). */
  deadline: number;
  /** The whole window in ms, for the progress bar. */
  windowMs: number;
  /** Why this agent got it, in words (from the routing decision). */
  why?: string;
  /** A colleague hands over a chat they hold: their name and note. */
  transfer?: { from: string; note?: string };
}

export type NoticeKind =
  | 'offerLapsed'
  | 'offerGone'
  | 'offerDeclined'
  | 'visitorLeft'
  | 'transferAccepted'
  | 'transferDeclined'
  | 'transferTimeout'
  | 'transferWithdrawn'
  | 'transferLapsed'
  | 'transferRefused'
  | 'error';
export interface Notice {
  id: string;
  kind: NoticeKind;
  name: string;
  detail?: string;
}

export type ConnectionState = 'connecting' | 'open' | 'reconnecting' | 'closed';

export interface LiveState {
  connection: ConnectionState;
  /** Set once the server's hello arrived on the current socket. */
  ready: boolean;
  status: Availability;
  maxChats: number;
  acceptTimeoutSec: number;
  me?: { id: string; name: string; avatarUrl: string | null; viewAll: boolean };
  chats: Chat[];
  activeId?: string;
  offers: Offer[];
  notices: Notice[];
  /** How many missed chats the server announced on this connection (the Missed list reloads when it grows). */
  missedCount: number;
}

export const initialLiveState: LiveState = {
  connection: 'connecting',
  ready: false,
  status: 'offline',
  maxChats: 10,
  acceptTimeoutSec: 45,
  chats: [],
  offers: [],
  notices: [],
  missedCount: 0,
};
