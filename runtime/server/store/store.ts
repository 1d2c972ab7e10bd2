import type { Drafts } from '../collab/drafts.ts';
import type { Attributes } from './attributes.ts';
import type { Conversations } from './conversations.ts';
import type { Decisions } from './decisions.ts';
import type { Dialogues } from './dialogues.ts';
import type { RoutingStore } from './routingJournal.ts';
import type { Sessions } from './sessions.ts';
import type { PushSubscriptions } from './pushSubscriptions.ts';
import type { Results } from './results.ts';
import type { MissedChats } from './missed.ts';
import type { Retries } from './retries.ts';
import type { VisitorContexts } from './visitorContext.ts';
import type { CannedReplies } from './cannedReplies.ts';
import type { Webhooks } from './webhooks.ts';
import type { Leads } from './leads.ts';
import type { Meta } from './settings.ts';
import type { Streams } from './streams.ts';
import type { Teams } from './teams.ts';
import type { UnitOfWork } from './unitOfWork.ts';
import type { Users } from './users.ts';
import type { WidgetSettings } from './widget.ts';

/**
 * The runtime's storage: narrow asynchronous repositories, one set per aggregate (docs/store.md), over one of two
 * backends: SQLite in DATA_DIR (one process) or PostgreSQL (any number of nodes). Nothing outside `store/` writes
 * SQL. Every write is queued in the unit of work (`commit`): one transaction per turn of the event loop, and a
 * write resolves (its `after` callbacks run) only once that transaction is durable.
 */
export interface Store {
  readonly backend: 'sqlite' | 'postgres';
  readonly commit: UnitOfWork;
  /** People: users and their sign-in sessions. */
  readonly users: Users;
  readonly sessions: Sessions;
  /** Agents' Web Push subscriptions, each kept for the session that made it. */
  readonly push: PushSubscriptions;
  /** The workspace: settings and other values, teams, custom attributes. */
  readonly meta: Meta;
  readonly teams: Teams;
  readonly attributes: Attributes;
  /** Streams: metadata, published versions and the co-edited drafts. */
  readonly streams: Streams;
  readonly drafts: Drafts;
  readonly dialogues: Dialogues;
  /** Visitors, conversations and their transcripts. */
  readonly conversations: Conversations;
  /** The routing log: decisions, engine input, callback events. */
  readonly decisions: Decisions;
  /** Missed chats: one row per fallback, with what the visitor left and who follows it up. */
  readonly missed: MissedChats;
  /** Emails and Web Pushes to retry, kept until they go (retries.ts). */
  readonly retries: Retries;
  /** Where the visitor was when they talked to us: page, referrer, browser, time zone, language (per conversation). */
  readonly visitorContexts: VisitorContexts;
  /** Canned replies: the workspace's (admins) and each agent's own. */
  readonly cannedReplies: CannedReplies;
  /** Routing's journal, the routing lease's epochs and the routing owner's state (docs/scale-out.md). */
  readonly routing: RoutingStore;
  /** Results: per-version counters in day buckets (SPEC §8.7). */
  readonly results: Results;
  /** Webhook endpoints and the outbox of their deliveries (SPEC §8.7). */
  readonly webhooks: Webhooks;
  /** Leads: what each conversation yielded (page, captures, goal, score), and erasures of a person's data. */
  readonly leads: Leads;
  /** The widget's appearance, allowed origins, the sites it was seen on and its pictures. */
  readonly widget: WidgetSettings;
  /** Runs `fn` holding the store-wide lock `name`: on PostgreSQL an advisory lock, so that one node at a time
   * does it (seeding a fresh workspace); on SQLite, one process owns the file, and calls only queue up. */
  exclusively<T>(name: string, fn: () => Promise<T>): Promise<T>;
  /** Commits what is queued, waits until it is durable and its callbacks ran, and closes the connections. */
  close(): Promise<void>;
}

/** What a store reports: a failed commit (nothing of it was acknowledged), a callback that threw, a fault of a
 * background task (the SQLite checkpoint thread, a dropped Postgres connection). */
export type StoreErrorKind = 'commit' | 'callback' | 'background';
export type StoreErrorHandler = (err: unknown, kind: StoreErrorKind) => void;
