import { z } from 'zod';
import {
  agentCardSchema,
  clientIdSchema,
  deliveryStateSchema,
  epochMsSchema,
  errorMessageSchema,
  idSchema,
  parseFrame,
  textSchema,
  visitorItemSchema,
  type Parsed,
} from './common.ts';
import { appearanceSchema } from '../widget/schema.ts';
import { LANGUAGE_PATTERN, PAGE_LIMITS, REFERRER_PATTERN, TIME_ZONE_PATTERN } from './pageContext.ts';

/**
 * The visitor WebSocket protocol (`/ws/visitor`), version 2. JSON text frames, one message per frame.
 * docs/protocol.md has an example of every message. A change to any shape bumps the version.
 *
 * Version 2 replaced the client-kept `visitorId` by a credential the server issues (`visitorToken`): version 1 let a
 * client name any visitor id and so resume anyone's conversation. The server still takes a version-1 `hello` from a
 * widget cached from before, but believes no `visitorId` in it (such a page is a new visitor every time).
 */
export const VISITOR_PROTOCOL_VERSION = 2;
/** Versions the server accepts in `hello.v`. */
export const VISITOR_PROTOCOL_VERSIONS: readonly number[] = [1, 2];

/** The visitor's credential, issued by the server (`welcome`, the resolve call): opaque to clients. */
export const visitorTokenSchema = z.string().min(1).max(100);

// ---------------------------------------------------------------- client → server

/**
 * What the page and the browser tell that the server cannot know (shared/protocol/pageContext.ts): shown to agents
 * as the visitor's context. Every field is optional and bounded; one that breaks its pattern makes the hello a
 * `bad-message` (the widget leaves out what does not fit).
 */
export const visitorPageSchema = z.object({
  title: z.string().max(PAGE_LIMITS.title).optional(),
  referrer: z.string().max(PAGE_LIMITS.referrer).regex(REFERRER_PATTERN, 'an http(s) URL').optional(),
  timeZone: z.string().max(PAGE_LIMITS.timeZone).regex(TIME_ZONE_PATTERN, 'an IANA time zone').optional(),
  language: z.string().max(PAGE_LIMITS.language).regex(LANGUAGE_PATTERN, 'a BCP 47 language tag').optional(),
});
export type VisitorPage = z.infer<typeof visitorPageSchema>;

/**
 * First message on every connection. `visitorToken` and `conversationId` are what the browser kept (localStorage)
 * from an earlier `welcome` (or the resolve call) and `started`; with them the conversation resumes after a refresh,
 * a navigation or a dropped connection, and the server sends the transcript entries with `seq > lastSeq`.
 */
export const visitorHelloSchema = z.object({
  type: z.literal('hello'),
  v: z.number().int(),
  workspace: z.string().min(1).max(100),
  /** The credential the server issued to this browser (version 2). */
  visitorToken: visitorTokenSchema.optional(),
  /** Version 1 only, and not believed: kept so that a cached version-1 widget still parses. */
  visitorId: idSchema.optional(),
  conversationId: idSchema.optional(),
  lastSeq: z.number().int().nonnegative().default(0),
  /** The page the widget runs on (only its origin and path are used for targeting). */
  url: z.string().max(2048),
  /** The page's title and referrer, the browser's time zone and language (an optional addition: a widget from
   * before sends none). */
  page: visitorPageSchema.optional(),
});

/** Starts the dialogue the loader resolved (GET /api/widget/resolve). Answered by `started` (or `error`). */
export const visitorStartSchema = z.object({
  type: z.literal('start'),
  id: clientIdSchema,
  dialogueId: idSchema,
  url: z.string().max(2048),
});

/** The reply to the waiting `ask`: an answer button (`answerId`, or its label as `text`) or capture text. */
export const visitorReplySchema = z
  .object({
    type: z.literal('reply'),
    id: clientIdSchema,
    cardId: z.string().min(1).max(200),
    answerId: z.string().min(1).max(200).optional(),
    text: textSchema.optional(),
  })
  .refine((m) => m.answerId !== undefined || m.text !== undefined, {
    message: 'give answerId or text',
    path: ['text'],
  });

/** A live-chat message (while waiting for an agent or connected). Acknowledged with `ack` once stored. */
export const visitorChatMessageSchema = z.object({ type: z.literal('message'), id: clientIdSchema, text: textSchema });

/** The visitor is typing (live chat). Send `on: true` at most every 2 s while typing, `on: false` when stopped. */
export const visitorTypingSchema = z.object({ type: z.literal('typing'), on: z.boolean() });

/** The visitor has seen the agent's messages up to `upTo` (a transcript `seq`). */
export const visitorReadSchema = z.object({ type: z.literal('read'), upTo: z.number().int().nonnegative() });

/** The visitor ends the conversation (closes the live chat). */
export const visitorEndSchema = z.object({ type: z.literal('end') });

/**
 * After a fallback (the `missed` message), the visitor may leave a message for a follow-up by email: `email` is
 * required when `missed.emailKnown` was false (it must look like `local@domain.tld`). Answered by `messageLeft`.
 */
export const visitorLeaveMessageSchema = z.object({
  type: z.literal('leaveMessage'),
  id: clientIdSchema,
  /** The conversation of the `missed` message (it has ended: a socket opened later follows no conversation). */
  conversationId: idSchema,
  text: textSchema,
  email: z.string().trim().max(320).optional(),
});

/**
 * The header's "Talk to a person" action: while the bot runs, the conversation jumps to the stream's designated
 * live-chat card and asks for an agent (the `waiting` entry follows, as after any hand-off). Refused with
 * `not-allowed` when the stream has no such card or the bot no longer runs (a live chat, the queue, the end).
 */
export const visitorTalkToPersonSchema = z.object({ type: z.literal('talkToPerson'), id: clientIdSchema });

/**
 * The visitor asks for the transcript of their conversation (`conversationId`, in progress or over) by email: to
 * `email` when given (it must look like `local@domain.tld`), else to the email the server knows for them. Answered
 * by `transcriptEmail` (sent, or `sent: false` when an email is needed) or `error` (`not-allowed` for a bad email, a
 * conversation that is not theirs or email that is off; `rate-limited` past a few a day).
 */
export const visitorEmailTranscriptSchema = z.object({
  type: z.literal('emailTranscript'),
  id: clientIdSchema,
  conversationId: idSchema,
  email: z.string().trim().max(320).optional(),
});

/** Page-side callback events the server records but cannot see by itself. */
export const visitorTrackSchema = z.object({
  type: z.literal('track'),
  name: z.enum(['triggered', 'closed']),
  dialogueId: idSchema.optional(),
});

export const visitorClientMessageSchema = z.discriminatedUnion('type', [
  visitorHelloSchema,
  visitorStartSchema,
  visitorReplySchema,
  visitorChatMessageSchema,
  visitorTypingSchema,
  visitorReadSchema,
  visitorEndSchema,
  visitorTrackSchema,
  visitorLeaveMessageSchema,
  visitorTalkToPersonSchema,
  visitorEmailTranscriptSchema,
]);
export type VisitorClientMessage = z.infer<typeof visitorClientMessageSchema>;

// ---------------------------------------------------------------- server → client

/** Where a conversation stands: the bot runs the stream, waiting for an agent, live with an agent, or over. */
export const conversationStatusSchema = z.enum(['bot', 'waiting', 'live', 'ended']);
export type ConversationStatus = z.infer<typeof conversationStatusSchema>;

export const visitorConversationSnapshotSchema = z.object({
  id: idSchema,
  dialogueId: idSchema,
  /** The published version it runs on (pinned for its whole life). */
  version: z.number().int().positive(),
  status: conversationStatusSchema,
  agent: agentCardSchema.nullable(),
  /** Entries with `seq > hello.lastSeq`, in order. */
  items: z.array(visitorItemSchema),
  /** The highest `seq` so far. */
  lastSeq: z.number().int().nonnegative(),
  /** The stream has a "talk to a person" card: the widget shows the header action while the bot runs. */
  talkToPerson: z.boolean().optional(),
});

/**
 * Answer to `hello`. Keep `visitorToken` for the next hello (a new visitor's when the hello had none or one this
 * server did not issue). `visitorId` is the visitor's public id (what agents and webhooks see): it opens nothing.
 * `conversation` is the resumed conversation, or null when there is none to resume (none given, unknown, not this
 * visitor's, or already ended). An ended conversation that missed a chat, with no message left for it yet, is
 * resumed too (status `ended`), and its `missed` message follows the welcome.
 */
export const visitorWelcomeSchema = z.object({
  type: z.literal('welcome'),
  v: z.number().int(),
  visitorId: idSchema,
  visitorToken: visitorTokenSchema,
  now: epochMsSchema,
  conversation: visitorConversationSnapshotSchema.nullable(),
});

/** Answer to `start`: keep `conversationId` for resuming. The bot's first entries follow. */
export const visitorStartedSchema = z.object({
  type: z.literal('started'),
  id: clientIdSchema,
  conversationId: idSchema,
  dialogueId: idSchema,
  version: z.number().int().positive(),
  /** The stream has a "talk to a person" card (see the snapshot's field of the same name). */
  talkToPerson: z.boolean().optional(),
});

/** The message with client id `id` is stored as transcript entry `seq`. Resending that id gets the same ack. */
export const visitorAckSchema = z.object({
  type: z.literal('ack'),
  id: clientIdSchema,
  seq: z.number().int().positive(),
});

/** The agent is typing (or stopped). */
export const visitorAgentTypingSchema = z.object({
  type: z.literal('typing'),
  on: z.boolean(),
  agent: agentCardSchema.optional(),
});

/** The visitor's messages up to `upTo` have reached the agent (`delivered`) or been seen (`read`). */
export const visitorReceiptSchema = z.object({
  type: z.literal('receipt'),
  upTo: z.number().int().nonnegative(),
  state: deliveryStateSchema,
});

/**
 * Callback events in the spirit of Dynamic Chat's page API. The widget dispatches each one on the host page.
 * `triggered` and `closed` happen in the page (the widget emits them itself and reports them with `track`);
 * the server sends the rest with `callback`, once, when they happen (not again on resume).
 */
export const CALLBACK_EVENTS = [
  'triggered',
  'engaged',
  'completed',
  'closed',
  'emailCaptured',
  'phoneCaptured',
  'liveChatRequested',
  'liveChatInitiated',
  'liveChatEnded',
  'requestTimeout',
] as const;
export const callbackEventSchema = z.enum(CALLBACK_EVENTS);
export type CallbackEvent = z.infer<typeof callbackEventSchema>;

export const visitorCallbackSchema = z.object({
  type: z.literal('callback'),
  name: callbackEventSchema,
  dialogueId: idSchema,
  conversationId: idSchema,
  /** e.g. `{ email }` for emailCaptured, `{ agentId, agentName }` for liveChatInitiated, `{ reason }` for requestTimeout. */
  data: z.record(z.string(), z.string()).default({}),
});

/**
 * The visitor waits in the live-chat queue (SPEC §4): its 1-based place and an estimate of the wait, sent when it
 * joins, whenever its place moves, and on resume; `position: 0` when it is no longer queued (offered, or over).
 */
export const visitorQueueSchema = z.object({
  type: z.literal('queue'),
  conversationId: idSchema,
  position: z.number().int().nonnegative(),
  /** Seconds, rounded up to whole minutes; 0 when not queued. */
  estimatedWaitSec: z.number().int().nonnegative(),
});

/**
 * Nobody could take the chat (the `fallback` entry came just before): the widget keeps its text box open for a
 * message that an agent answers by email later, asking for the email first when the server knows none.
 */
export const visitorMissedSchema = z.object({
  type: z.literal('missed'),
  conversationId: idSchema,
  emailKnown: z.boolean(),
});

/** The message left after a fallback (client id `id`) is stored for the follow-up. */
export const visitorMessageLeftSchema = z.object({ type: z.literal('messageLeft'), id: clientIdSchema });

/**
 * Answer to `emailTranscript` (client id `id`): `sent` with the address it goes to (queued: the mailer retries
 * until the SMTP server takes it), or `sent: false` when no email is known: ask for one and send again with it.
 */
export const visitorTranscriptEmailSchema = z.object({
  type: z.literal('transcriptEmail'),
  id: clientIdSchema,
  sent: z.boolean(),
  to: z.string().max(320).optional(),
});

export const visitorServerMessageSchema = z.discriminatedUnion('type', [
  visitorWelcomeSchema,
  visitorStartedSchema,
  visitorAckSchema,
  visitorItemSchema,
  visitorAgentTypingSchema,
  visitorReceiptSchema,
  visitorCallbackSchema,
  visitorQueueSchema,
  visitorMissedSchema,
  visitorMessageLeftSchema,
  visitorTranscriptEmailSchema,
  errorMessageSchema,
]);
export type VisitorServerMessage = z.infer<typeof visitorServerMessageSchema>;

export function parseVisitorClientMessage(raw: string): Parsed<VisitorClientMessage> {
  return parseFrame(visitorClientMessageSchema, raw);
}

export function parseVisitorServerMessage(raw: string): Parsed<VisitorServerMessage> {
  return parseFrame(visitorServerMessageSchema, raw);
}

// ---------------------------------------------------------------- HTTP: the loader's resolve call

/**
 * POST /api/widget/resolve with `{workspace, url, visitorToken?}` — what the tiny loader asks before it loads the
 * widget (a body, so that the credential is never in a URL). `dialogue` is the one that applies to the page
 * (targeting, priority, show-once), or null. `resume` is the visitor's conversation still in progress (the widget
 * opens it at once, whatever the page), or the one that just missed a chat while no message was left for it.
 */
export const resolveRequestSchema = z.object({
  workspace: z.string().max(100),
  url: z.string().min(1, 'give the page URL').max(2048),
  visitorToken: visitorTokenSchema.optional(),
});

export const triggersSchema = z.object({
  secondsOnPage: z.number().int().nonnegative().optional(),
  secondsOnSite: z.number().int().nonnegative().optional(),
  scrollPercent: z.number().int().min(0).max(100).optional(),
});
export type Triggers = z.infer<typeof triggersSchema>;

export const resolveResponseSchema = z.object({
  dialogue: z
    .object({
      id: idSchema,
      version: z.number().int().positive(),
      triggers: triggersSchema,
      /** The start card's teaser text when it has `poke`, tokens replaced. */
      poke: z.string().nullable(),
    })
    .nullable(),
  resume: z
    .object({
      conversationId: idSchema,
      dialogueId: idSchema,
      status: conversationStatusSchema,
      /** The conversation ended in a fallback and the visitor has left no message yet (status `ended`): the widget
       * comes back with the box to leave one (asking for an email first when `emailKnown` is false). */
      missed: z.object({ emailKnown: z.boolean() }).optional(),
    })
    .nullable(),
  /** The visitor's credential: the one given when this server issued it, else a new visitor's, to keep (and send as
   * `hello.visitorToken` and in the track beacon). */
  visitorToken: visitorTokenSchema,
  /** How the widget looks: the workspace's appearance with the dialogue's override (the resumed one's, first). */
  appearance: appearanceSchema,
});
export type ResolveResponse = z.infer<typeof resolveResponseSchema>;
