/**
 * What the server knows of where a visitor was when they talked to the workspace (SPEC §5 "the visitor's
 * context"): the page and its title, the referrer, the browser's user agent, the visitor's time zone and language.
 * One row per conversation, written when the conversation starts and again when the visitor asks for a person
 * (then `page` is the page where the live chat was requested). The widget sends what the server cannot know
 * (docs/protocol.md, `hello.page`); the user agent is the socket's `User-Agent` header.
 */
export interface VisitorContext {
  /** The page (its URL and title) where the chat was requested, or else where the conversation started. */
  url: string;
  title: string | null;
  /** The page's `document.referrer`: where the visitor came from. */
  referrer: string | null;
  userAgent: string | null;
  /** IANA time zone (`Asia/Seoul`) and BCP 47 language (`ko-KR`) of the visitor's browser. */
  timeZone: string | null;
  language: string | null;
  /** True once the live chat was requested on `url`. */
  requested: boolean;
  /** When it was written (epoch ms). */
  at: number;
}

/** Longest user agent kept (longer ones are cut): real ones are a few hundred characters. */
export const MAX_USER_AGENT = 512;

export interface VisitorContexts {
  /** Stores (or replaces) the context of a conversation. */
  set(conversationId: string, context: VisitorContext): Promise<void>;
  get(conversationId: string): Promise<VisitorContext | undefined>;
}

/** The table, the same SQL on both backends; also an index that lets a conversation's goals be read. */
export const visitorContextSchema = `
create table conversation_context (
  conversation_id text primary key,
  body text not null,
  at bigint not null
);
create index callbacks_conversation on callbacks (conversation_id, name);
`;

export const UPSERT_CONTEXT = `insert into conversation_context (conversation_id, body, at) values (?, ?, ?)
  on conflict (conversation_id) do update set body = excluded.body, at = excluded.at`;

export const toContext = (r: { body: string } | undefined): VisitorContext | undefined =>
  r ? (JSON.parse(r.body) as VisitorContext) : undefined;
