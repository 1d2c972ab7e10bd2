import { z } from 'zod';
import {
  agentCardSchema,
  clientIdSchema,
  deliveryStateSchema,
  epochMsSchema,
  errorMessageSchema,
  idSchema,
  MAX_NOTE,
  parseFrame,
  textSchema,
  transcriptItemSchema,
  type Parsed,
} from './common.ts';

/**
 * The agent WebSocket protocol (`/ws/agent?token=…`, or the session cookie), version 1. JSON text frames.
 * The server speaks first (`hello`, the agent's whole state); after a reconnect the new `hello` replaces all
 * client state. Times are server epoch ms; show countdowns as `deadline - now` measured against the `now` of the
 * message that carried them, never against the browser clock.
 */
export const AGENT_PROTOCOL_VERSION = 1;

export const AGENT_STATUSES = ['online', 'away', 'offline'] as const;
export const agentStatusSchema = z.enum(AGENT_STATUSES);
export type AgentStatus = z.infer<typeof agentStatusSchema>;

/** What the visitor's profile holds (attribute → value), as captured by the stream. */
export const profileSchema = z.record(z.string(), z.string());

/** A chat offered to this agent: accept before `deadline` or it lapses (`offerGone` reason `timeout`). */
export const offerSchema = z.object({
  conversationId: idSchema,
  visitorId: idSchema,
  offeredAt: epochMsSchema,
  deadline: epochMsSchema,
  visitor: profileSchema,
  dialogueName: z.string(),
  /** Why this agent got it, in words (the routing decision's `why`). */
  why: z.string(),
  /** Set when a colleague hands over a chat they hold: who, and their note. */
  transfer: z.object({ from: agentCardSchema, note: z.string().optional() }).optional(),
});
export type Offer = z.infer<typeof offerSchema>;

/** A conversation the agent holds (accepted), with the visitor's profile and the whole transcript (bot part too). */
export const chatSchema = z.object({
  conversationId: idSchema,
  visitorId: idSchema,
  visitor: profileSchema,
  dialogueName: z.string(),
  /** When the visitor first arrived, and when this agent accepted. */
  startedAt: epochMsSchema,
  connectedAt: epochMsSchema,
  status: z.enum(['live', 'ended']),
  items: z.array(transcriptItemSchema),
  lastSeq: z.number().int().nonnegative(),
  /** The visitor has read the agent's messages up to this seq. */
  readUpTo: z.number().int().nonnegative(),
});
export type Chat = z.infer<typeof chatSchema>;

// ---------------------------------------------------------------- client → server

export const agentSetStatusSchema = z.object({ type: z.literal('status'), status: agentStatusSchema });
export const agentAcceptSchema = z.object({ type: z.literal('accept'), conversationId: idSchema });
export const agentDeclineSchema = z.object({ type: z.literal('decline'), conversationId: idSchema });
/** A chat message. `id` is the idempotency key: the server stores it once and answers `ack` (again on a resend). */
export const agentChatMessageSchema = z.object({
  type: z.literal('message'),
  id: clientIdSchema,
  conversationId: idSchema,
  text: textSchema,
});
/** An internal note in a held chat: stored, acknowledged like a message, shown to agents only, never to the
 * visitor. At most MAX_NOTE characters. */
export const agentNoteSchema = z.object({
  type: z.literal('note'),
  id: clientIdSchema,
  conversationId: idSchema,
  text: z.string().trim().min(1, 'empty note').max(MAX_NOTE, `a note is at most ${MAX_NOTE} characters`),
});
export const agentTypingSchema = z.object({ type: z.literal('typing'), conversationId: idSchema, on: z.boolean() });
/** The agent has seen the visitor's messages up to `upTo`. */
export const agentReadSchema = z.object({
  type: z.literal('read'),
  conversationId: idSchema,
  upTo: z.number().int().nonnegative(),
});
export const agentEndSchema = z.object({ type: z.literal('end'), conversationId: idSchema });
/** Where a chat is handed over to: a colleague, or a team (which picks by its rotation, never the sender). */
export const transferTargetSchema = z.union([
  z.object({ agentId: idSchema }).strict(),
  z.object({ teamId: idSchema }).strict(),
]);
/**
 * Hands a held chat over with a note: the target gets an offer and the chat stays with the sender until it is
 * accepted. A refusal (oneself, an agent without live chat or not available, an unknown team, a chat not held)
 * is an `error` and changes nothing.
 */
export const agentTransferSchema = z.object({
  type: z.literal('transfer'),
  conversationId: idSchema,
  to: transferTargetSchema,
  note: z.string().max(1000).optional(),
});

export const agentClientMessageSchema = z.discriminatedUnion('type', [
  agentSetStatusSchema,
  agentAcceptSchema,
  agentDeclineSchema,
  agentChatMessageSchema,
  agentNoteSchema,
  agentTypingSchema,
  agentReadSchema,
  agentEndSchema,
  agentTransferSchema,
]);
export type AgentClientMessage = z.infer<typeof agentClientMessageSchema>;

// ---------------------------------------------------------------- server → client

/** The workspace settings an inbox shows: the accept countdown and how many chats an agent may hold. */
export const agentSettingsSchema = z.object({
  acceptTimeoutSec: z.number().int().positive(),
  maxChatsPerAgent: z.number().int().positive(),
});

export const agentHelloSchema = z.object({
  type: z.literal('hello'),
  v: z.number().int(),
  now: epochMsSchema,
  me: z.object({
    id: idSchema,
    name: z.string(),
    email: z.string(),
    avatarUrl: z.string().nullable(),
    teams: z.array(idSchema),
    /** May open every conversation's transcript, not only their own (HTTP API). */
    viewAll: z.boolean(),
  }),
  status: agentStatusSchema,
  settings: agentSettingsSchema,
  offers: z.array(offerSchema),
  chats: z.array(chatSchema),
});

/** The agent's availability changed (from this or another tab of the same agent). */
export const agentStatusMessageSchema = z.object({ type: z.literal('status'), status: agentStatusSchema });

/** An admin changed the workspace settings: the inbox applies them at once. */
export const agentSettingsMessageSchema = z.object({ type: z.literal('settings'), settings: agentSettingsSchema });

/** A new offer: show the accept banner, a notification and a sound. */
export const agentOfferSchema = z.object({ type: z.literal('offer'), now: epochMsSchema, offer: offerSchema });

/** An offer is no longer open. */
export const OFFER_GONE_REASONS = ['accepted', 'declined', 'timeout', 'withdrawn'] as const;
export const agentOfferGoneSchema = z.object({
  type: z.literal('offerGone'),
  conversationId: idSchema,
  /** accepted/declined: by this agent (maybe in another tab); timeout: the deadline passed; withdrawn: the visitor left. */
  reason: z.enum(OFFER_GONE_REASONS),
});

/** A chat is now held by this agent (after `accept`): profile and transcript. */
export const agentChatOpenedSchema = z.object({ type: z.literal('chatOpened'), chat: chatSchema });

/**
 * A new transcript entry of a held chat: the visitor's messages, this agent's own messages (echoed to the
 * agent's other tabs), and `chatEnded` / `ended` when the chat is over.
 */
export const agentItemSchema = z.object({
  type: z.literal('item'),
  conversationId: idSchema,
  item: transcriptItemSchema,
});

export const agentAckSchema = z.object({
  type: z.literal('ack'),
  id: clientIdSchema,
  conversationId: idSchema,
  seq: z.number().int().positive(),
});

export const agentVisitorTypingSchema = z.object({
  type: z.literal('typing'),
  conversationId: idSchema,
  on: z.boolean(),
});

/** The agent's messages up to `upTo` have reached the visitor's screen (`delivered`) or been seen (`read`). */
export const agentReceiptSchema = z.object({
  type: z.literal('receipt'),
  conversationId: idSchema,
  upTo: z.number().int().nonnegative(),
  state: deliveryStateSchema,
});

/**
 * How a transfer the agent started stands: `pending` once the target got the offer; `accepted` (the chat has
 * left this inbox), `declined`, `timeout` or `withdrawn` (the chat ended meanwhile) after. The chat stays with
 * this agent unless it was accepted.
 */
export const TRANSFER_STATES = ['pending', 'accepted', 'declined', 'timeout', 'withdrawn'] as const;
export const agentTransferStateSchema = z.object({
  type: z.literal('transfer'),
  conversationId: idSchema,
  state: z.enum(TRANSFER_STATES),
  /** The colleague who holds (or held) the transfer offer. */
  to: agentCardSchema,
});

/**
 * A chat nobody could take (a fallback) became a missed chat, or its visitor left a message for it: sent to the
 * agents of the pool its request was routed to, so that the inbox's Missed list shows it at once (GET /api/missed
 * has the whole row).
 */
export const agentMissedSchema = z.object({
  type: z.literal('missed'),
  conversationId: idSchema,
  /** When the fallback happened, and its reason (`no-eligible-agent`, `queue-timeout`, …). */
  at: epochMsSchema,
  reason: z.string().max(100),
});

export const agentServerMessageSchema = z.discriminatedUnion('type', [
  agentHelloSchema,
  agentStatusMessageSchema,
  agentSettingsMessageSchema,
  agentOfferSchema,
  agentOfferGoneSchema,
  agentChatOpenedSchema,
  agentItemSchema,
  agentAckSchema,
  agentVisitorTypingSchema,
  agentReceiptSchema,
  agentTransferStateSchema,
  agentMissedSchema,
  errorMessageSchema,
]);
export type AgentServerMessage = z.infer<typeof agentServerMessageSchema>;

export function parseAgentClientMessage(raw: string): Parsed<AgentClientMessage> {
  return parseFrame(agentClientMessageSchema, raw);
}

export function parseAgentServerMessage(raw: string): Parsed<AgentServerMessage> {
  return parseFrame(agentServerMessageSchema, raw);
}
