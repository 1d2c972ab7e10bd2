import nodemailer from 'nodemailer';
import type { Logger } from 'pino';
import type { EmailSettings } from '../../../shared/api/email.ts';
import { createRetryQueue } from '../retries/retryQueue.ts';
import type { Store } from '../store/store.ts';
import { agentsOfPool } from './missedPool.ts';
import { transcriptText } from './transcriptText.ts';

/** One email: plain text (and HTML when the caller has it). */
export interface Mail {
  subject: string;
  text: string;
  html?: string;
  replyTo?: string;
}

/** Whose agents an email goes to: a team's members, one agent, or every agent allowed to take live chats. */
export type Pool = { teamId: string } | { agentId: string } | 'all';

export interface MailerOptions {
  /** Waits before each retry of a failed delivery; after the last one the email is given up (and logged). */
  retryDelaysMs?: readonly number[];
  /** How long a connection, the server's greeting and any silence of the socket may last. */
  timeoutMs?: number;
  /** How often the worker looks for due retries (default: the first retry delay, at most 5 s). */
  pollMs?: number;
}

/**
 * The runtime's one way to send email (SMTP settings in the workspace: `meta.emailSettings`). Every send is
 * queued and returns at once: a refusing or hanging SMTP server is logged and retried with backoff, and never
 * holds a chat, a request or the event loop. One email per recipient, each retried on its own. The first attempt
 * is made at once; an email that failed is kept in the store (`retries`, kind `email`) until it goes or is given
 * up, and the worker of any node (`start`) claims it when due: a node that stops loses none (at least once).
 */
export interface Mailer {
  /** To the agents of a pool (their account emails). Resolves once queued; the recipients' addresses. */
  toPool(pool: Pool, mail: Mail): Promise<string[]>;
  /** To these users (unknown ids are skipped). Resolves once queued. */
  toUsers(userIds: readonly string[], mail: Mail): Promise<string[]>;
  /** To a visitor's address. */
  toVisitor(email: string, mail: Mail): void;
  /** The conversation's transcript (notes left out) to a visitor who asked for it. */
  transcript(conversationId: string, email: string): Promise<void>;
  /** Sends now, without queueing, and says what the server answered (the admin's test email). */
  sendNow(to: string, mail: Mail): Promise<{ sent: boolean; error?: string }>;
  /** Starts the worker that retries the stored failed emails (the server's mailer; a node's every restart). */
  start(): void;
  /** Resolves once nothing is in flight (and, once started, no stored retry is left). */
  idle(): Promise<void>;
  /** Emails in flight now. */
  pending(): number;
  /** Stops the worker; resolves once the emails in flight have settled. Stored retries stay for the next start. */
  stop(): Promise<void>;
}

const DEFAULT_RETRIES = [5_000, 30_000, 120_000, 600_000, 1_800_000, 3_600_000];

export function createMailer(
  deps: { store: Pick<Store, 'meta' | 'users' | 'teams' | 'conversations' | 'retries'>; log: Logger },
  opts: MailerOptions = {},
): Mailer {
  const { store, log } = deps;
  const timeoutMs = opts.timeoutMs ?? 20_000;

  const deliver = async (settings: EmailSettings, to: string, mail: Mail) => {
    const transport = nodemailer.createTransport({
      host: settings.host,
      port: settings.port,
      secure: settings.security === 'tls',
      requireTLS: settings.security === 'starttls',
      ignoreTLS: settings.security === 'none',
      auth: settings.user ? { user: settings.user, pass: settings.password } : undefined,
      connectionTimeout: timeoutMs,
      greetingTimeout: timeoutMs,
      socketTimeout: timeoutMs,
    });
    try {
      await transport.sendMail({ from: settings.from, to, ...mail });
    } finally {
      transport.close();
    }
  };

  const queue = createRetryQueue<{ to: string; mail: Mail }>({
    kind: 'email',
    store,
    log,
    delaysMs: opts.retryDelaysMs ?? DEFAULT_RETRIES,
    // Connection, greeting and transfer.
    attemptMs: timeoutMs * 3,
    pollMs: opts.pollMs,
    describe: ({ to, mail }) => ({ to, subject: mail.subject }),
    async attempt({ to, mail }) {
      // Read each time: an admin who fixes the settings fixes the retries too.
      const settings = await store.meta.emailSettings();
      if (!settings) {
        log.info({ to, subject: mail.subject }, 'email is off: not sent');
        return false;
      }
      await deliver(settings, to, mail);
      return true;
    },
  });
  const send = (to: string, mail: Mail) => queue.send({ to, mail });

  const toUsers = async (ids: readonly string[], mail: Mail) => {
    const to: string[] = [];
    for (const id of new Set(ids)) {
      const u = await store.users.get(id);
      if (u) to.push(u.email);
    }
    for (const a of to) send(a, mail);
    return to;
  };

  return {
    async toPool(pool, mail) {
      return toUsers(await agentsOfPool(store, pool), mail);
    },
    toUsers,
    toVisitor: (email, mail) => send(email, mail),
    async transcript(conversationId, email) {
      const rec = await store.conversations.get(conversationId);
      if (!rec) throw new Error(`no conversation ${conversationId}`);
      const items = await store.conversations.items(conversationId);
      send(email, transcriptText(rec, items));
    },
    async sendNow(to, mail) {
      const settings = await store.meta.emailSettings();
      if (!settings) return { sent: false, error: 'email is off' };
      try {
        await deliver(settings, to, mail);
        return { sent: true };
      } catch (err) {
        return { sent: false, error: err instanceof Error ? err.message : String(err) };
      }
    },
    start: queue.start,
    idle: queue.idle,
    pending: queue.pending,
    stop: queue.stop,
  };
}
