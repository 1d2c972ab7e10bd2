import type { Logger } from 'pino';
import type { Auth } from '../auth/authenticate.ts';
import type { Drafts } from '../collab/drafts.ts';
import type { Mailer } from '../mail/mailer.ts';
import type { Security } from '../security/security.ts';
import type { VisitorCredentials } from '../security/visitorCredentials.ts';
import type { Store } from '../store/store.ts';

/** What the runtime's live side offers the HTTP API (kept as an interface so the API does not import it). */
export interface LiveHooks {
  /** This node's id and whether it owns routing now (for `/healthz`). */
  health(): { node: string; routingOwner: boolean };
  /** The workspace's agents, teams, rules or settings changed: the routing engine takes the new facts. */
  workspaceChanged(): Promise<void>;
  /** A user's name or picture changed: agents' cards (in chats, offers, typing) show the new ones. */
  profileChanged(): Promise<void>;
  /** A user was removed: their offers lapse and their sockets close. */
  userRemoved(userId: string): void;
  /**
   * A user's access changed. `sessionsEnded`: their password was changed or reset, so every session but `keep` was
   * revoked and the sockets opened with them close (sessionEnded). Then sockets the user's roles and permissions
   * no longer allow close at once (accessRevoked): /ws/agent without live chat, /collab without the marketer role.
   */
  userChanged(userId: string, change: { sessionsEnded: boolean; keep?: string }): Promise<void>;
  /** A session was revoked: sockets opened with it close. */
  sessionRevoked(token: string): void;
  /** Live chats each agent holds now (connected), by user id. */
  openChats(): Map<string, number>;
  /** Who waits in each live-chat queue, in order, since when (epoch ms). */
  waiting(): { pool: string; visitors: { conversationId: string; since: number }[] }[];
  /** Who has the stream open in the editor now (when the co-editing server can tell). */
  editorsOf(streamId: string): { userId: string; name: string }[];
  /** A deleted stream's editors are closed (CLOSE.notFound) so that nobody keeps editing a draft that is gone. */
  streamRemoved(streamId: string): void;
}

/** What the webhook routes need of the running node. */
export interface WebhookHooks {
  /** The ports this node listens on: a webhook URL naming them on this host is refused. */
  ownPorts(): number[];
  /** Look for due deliveries now (after a test event or a resend). */
  deliverSoon(): void;
}

export interface ApiContext {
  store: Store;
  auth: Auth;
  drafts: Drafts;
  live: LiveHooks;
  log: Logger;
  /** Limits, counters and the sign-in throttle (docs/security.md). */
  security: Security;
  /** Outgoing email (runtime/server/mail/mailer.ts). */
  mailer: Mailer;
  /** Issues and checks the widget's visitor credentials (protocol version 2). */
  visitorCredentials: VisitorCredentials;
  webhooks: WebhookHooks;
}
