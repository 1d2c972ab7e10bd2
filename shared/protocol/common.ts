import { z } from 'zod';
import { FALLBACK_REASONS } from '../routing/reasons.ts';

/**
 * Pieces both WebSocket protocols share: limits, ids, the transcript item shapes and the error message.
 * Everything here is platform-free (widget, inbox and server all import it).
 */

/** Largest frame either endpoint accepts (bytes); the server closes with CLOSE.tooBig past it. */
export const MAX_FRAME_BYTES = 16 * 1024;
/** Longest chat message or reply a client may send (characters). */
export const MAX_TEXT = 4000;
/** The longest internal note an agent may write (longer: `bad-message` saying so). */
export const MAX_NOTE = 2000;

/** A client-chosen id for one message (idempotency key): resending it never stores the message twice. */
export const clientIdSchema = z.string().min(1).max(64);
/** Server ids (conversations, visitors, agents, dialogues) are opaque strings. */
export const idSchema = z.string().min(1).max(100);
export const textSchema = z.string().trim().min(1, 'empty text').max(MAX_TEXT);

/** Server epoch milliseconds. Clients compare deadlines with the server's `now`, never with their own clock. */
export const epochMsSchema = z.number().int().nonnegative();

/** A live agent as a visitor sees them. `avatarUrl` is their profile picture, or null for none. */
export const agentCardSchema = z.object({
  id: idSchema,
  name: z.string(),
  avatarUrl: z.string().nullable(),
});
export type AgentCard = z.infer<typeof agentCardSchema>;

/** Delivery state of a chat message: stored (`sent`), on the other side's screen (`delivered`), seen (`read`). */
export const DELIVERY_STATES = ['sent', 'delivered', 'read'] as const;
export const deliveryStateSchema = z.enum(DELIVERY_STATES);
export type DeliveryState = z.infer<typeof deliveryStateSchema>;

/** Why live chat ended up at the fallback message (SPEC §4): the routing engine's list. */
export { FALLBACK_REASONS };
export const fallbackReasonSchema = z.enum(FALLBACK_REASONS);
export type FallbackReason = z.infer<typeof fallbackReasonSchema>;

/** How a conversation ended: end of a branch, the fallback message, a live chat that ended, or the visitor left. */
export const END_REASONS = ['completed', 'fallback', 'chat-ended', 'abandoned'] as const;
export const endReasonSchema = z.enum(END_REASONS);
export type EndReason = z.infer<typeof endReasonSchema>;

/** Who ended a live chat. `system` is the server (e.g. the agent was removed). */
export const endedBySchema = z.enum(['visitor', 'agent', 'system']);
export type EndedBy = z.infer<typeof endedBySchema>;

/** An answer button of a question. */
export const answerSchema = z.object({ id: z.string(), label: z.string() });

/**
 * One entry of a conversation's transcript. Every entry is stored before it is sent, and carries `seq`: a number
 * that grows by one per entry of the conversation, so a client that reconnects asks only for `seq > lastSeq`.
 * The same shapes travel live (as server messages) and in snapshots (`welcome.conversation.items`,
 * agent `chatOpened.chat.items`).
 */
const base = { seq: z.number().int().positive(), at: epochMsSchema };

/** A question (answer buttons) or a capture (text box or picklist) waiting for the visitor's reply. */
export const askSchema = z.discriminatedUnion('kind', [
  z.object({
    type: z.literal('ask'),
    ...base,
    cardId: z.string(),
    prompt: z.string(),
    kind: z.literal('question'),
    answers: z.array(answerSchema),
    /** The question also takes typed text (the widget keeps its text box open); absent when it does not. */
    freeText: z.literal(true).optional(),
  }),
  z.object({
    type: z.literal('ask'),
    ...base,
    cardId: z.string(),
    prompt: z.string(),
    kind: z.literal('capture'),
    attribute: z.string(),
    input: z.enum(['text', 'picklist']),
    placeholder: z.string().optional(),
    options: z.array(z.string()).optional(),
  }),
]);

/** The entries a visitor may see: every transcript entry but an agents' internal note. */
export const visitorItemSchema = z.discriminatedUnion('type', [
  /** A bot message, tokens already replaced. */
  z.object({ type: z.literal('bot'), ...base, cardId: z.string(), text: z.string() }),
  askSchema,
  /** The last reply was not acceptable; the same `ask` follows again. Nothing was stored in the profile. */
  z.object({ type: z.literal('invalid'), ...base, cardId: z.string(), message: z.string() }),
  /** A document card: a link with a name. */
  z.object({ type: z.literal('document'), ...base, cardId: z.string(), name: z.string(), url: z.string() }),
  /** What the visitor sent: a reply to an ask (`cardId`) or a live-chat message. `clientId` is the sender's id. */
  z.object({
    type: z.literal('visitor'),
    ...base,
    text: z.string(),
    clientId: z.string(),
    cardId: z.string().optional(),
    state: deliveryStateSchema.optional(),
  }),
  /** A live agent's message. */
  z.object({
    type: z.literal('agent'),
    ...base,
    text: z.string(),
    clientId: z.string(),
    agent: agentCardSchema,
    state: deliveryStateSchema.optional(),
  }),
  /** The visitor asked for a person; the runtime is looking for an agent ("connecting…"). */
  z.object({ type: z.literal('waiting'), ...base }),
  /** An agent accepted: show their name and avatar. */
  z.object({ type: z.literal('agentJoined'), ...base, agent: agentCardSchema }),
  /** No agent: the workspace's fallback message, and why. */
  z.object({ type: z.literal('fallback'), ...base, text: z.string(), reason: fallbackReasonSchema }),
  /** The live chat ended. */
  z.object({ type: z.literal('chatEnded'), ...base, by: endedBySchema }),
  /** The conversation is over; nothing more will be accepted. */
  z.object({ type: z.literal('ended'), ...base, reason: endReasonSchema }),
]);
export type VisitorItem = z.infer<typeof visitorItemSchema>;

/** An internal note: written by an agent for agents. Never sent to the visitor (their transcripts leave it out). */
export const noteItemSchema = z.object({
  type: z.literal('note'),
  ...base,
  text: z.string(),
  clientId: z.string(),
  agent: agentCardSchema,
});

/** Every entry of a stored transcript, as agents see it: what the visitor saw, and internal notes. */
export const transcriptItemSchema = z.discriminatedUnion('type', [...visitorItemSchema.options, noteItemSchema]);
export type TranscriptItem = z.infer<typeof transcriptItemSchema>;

/** Error codes of the `error` message (both protocols). The connection stays open unless a close follows. */
export const ERROR_CODES = [
  'bad-message', // not JSON, unknown type or wrong fields
  'bad-version', // the client speaks a protocol version the server does not
  'not-found', // unknown conversation, dialogue or offer
  'not-allowed', // the message does not fit the current state (e.g. a reply when nothing is asked)
  'stale', // the reply names a card that is no longer waiting (another tab answered first)
  'capacity', // the agent already holds maxChatsPerAgent chats
  'rate-limited', // too many messages too fast
  'unavailable', // the server could not store the message; retry with the same id
] as const;
export const errorCodeSchema = z.enum(ERROR_CODES);
export type ErrorCode = z.infer<typeof errorCodeSchema>;

export const errorMessageSchema = z.object({
  type: z.literal('error'),
  code: errorCodeSchema,
  message: z.string(),
  /** The client id of the message that caused it, when it had one. */
  id: z.string().optional(),
});

/** Result of parsing one frame from the network: never throws (DESIGN.md convention 6). */
export type Parsed<T> = { ok: true; msg: T } | { ok: false; error: string };

/**
 * Parses a text frame with `schema`; the error names the first bad field. `fast` may answer first for the frames
 * of a hot path: it returns exactly what `schema` would make of a value it accepts, and undefined for anything
 * else (which `schema` then decides, with its error messages).
 */
export function parseFrame<T>(schema: z.ZodType<T>, raw: string, fast?: (json: unknown) => T | undefined): Parsed<T> {
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    return { ok: false, error: 'not JSON' };
  }
  const quick = fast?.(json);
  if (quick !== undefined) return { ok: true, msg: quick };
  const r = schema.safeParse(json);
  if (r.success) return { ok: true, msg: r.data };
  const issue = r.error.issues[0];
  const path = issue?.path.length ? issue.path.join('.') : 'message';
  return { ok: false, error: `${path}: ${issue?.message ?? 'invalid'}` };
}
