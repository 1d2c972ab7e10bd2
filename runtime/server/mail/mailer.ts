import nodemailer from 'nodemailer';
import type { Logger } from 'pino';
import type { EmailSettings } from '../../../shared/api/email.ts';
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
}

/**
 * The runtime's one way to send email (SMTP settings in the workspace: `meta.emailSettings`). Every send is
 * queued and returns at once: a refusing or hanging SMTP server is logged and retried with backoff, and never
 * holds a chat, a request or the event loop. One email per recipient, each retried on its own. The queue is this
 * process's memory: a node that stops gives up what it still had to send (logged).
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
  /** Resolves once nothing is queued, waiting or in flight (tests, a graceful stop). */
  idle(): Promise<void>;
  /** Emails queued or in flight now. */
  pending(): number;
  /** Drops the retry timers (what is still queued is logged as given up). */
  stop(): void;
}

const DEFAULT_RETRIES = [5_000, 30_000, 120_000, 600_000, 1_800_000, 3_600_000];

export function createMailer(
  deps: { store: Pick<Store, 'meta' | 'users' | 'teams' | 'conversations'>; log: Logger },
  opts: MailerOptions = {},
): Mailer {
  const { store, log } = deps;
  const retries = opts.retryDelaysMs ?? DEFAULT_RETRIES;
  const timeoutMs = opts.timeoutMs ?? 20_000;
  const timers = new Set<NodeJS.Timeout>();
  let inFlight = 0;
  let waiters: (() => void)[] = [];
  let stopped = false;

  const settle = () => {
    if (inFlight === 0 && timers.size === 0) {
      const w = waiters;
      waiters = [];
      for (const f of w) f();
    }
  };

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

  const attempt = async (to: string, mail: Mail, n: number) => {
    inFlight++;
    try {
      // Read each time: an admin who fixes the settings fixes the retries too.
      const settings = await store.meta.emailSettings();
      if (!settings) {
        log.info({ to, subject: mail.subject }, 'email is off: not sent');
        return;
      }
      await deliver(settings, to, mail);
      log.info({ to, subject: mail.subject, attempt: n + 1 }, 'email sent');
    } catch (err) {
      const delay = retries[n];
      if (delay === undefined || stopped) {
        log.error({ err: String(err), to, subject: mail.subject, attempts: n + 1 }, 'email given up');
        return;
      }
      log.warn({ err: String(err), to, subject: mail.subject, attempt: n + 1, retryInMs: delay }, 'email failed');
      const t = setTimeout(() => {
        timers.delete(t);
        void attempt(to, mail, n + 1);
      }, delay);
      t.unref();
      timers.add(t);
    } finally {
      inFlight--;
      settle();
    }
  };

  const queue = (to: string, mail: Mail) => {
    if (stopped) return void log.warn({ to, subject: mail.subject }, 'mailer stopped: email not sent');
    void attempt(to, mail, 0);
  };

  const toUsers = async (ids: readonly string[], mail: Mail) => {
    const to: string[] = [];
    for (const id of new Set(ids)) {
      const u = await store.users.get(id);
      if (u) to.push(u.email);
    }
    for (const a of to) queue(a, mail);
    return to;
  };

  return {
    async toPool(pool, mail) {
      return toUsers(await agentsOfPool(store, pool), mail);
    },
    toUsers,
    toVisitor: (email, mail) => queue(email, mail),
    async transcript(conversationId, email) {
      const rec = await store.conversations.get(conversationId);
      if (!rec) throw new Error(`no conversation ${conversationId}`);
      const items = await store.conversations.items(conversationId);
      queue(email, transcriptText(rec, items));
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
    idle: () => (inFlight === 0 && timers.size === 0 ? Promise.resolve() : new Promise<void>((ok) => waiters.push(ok))),
    pending: () => inFlight + timers.size,
    stop() {
      stopped = true;
      if (timers.size) log.warn({ emails: timers.size }, 'mailer stopped: queued emails given up');
      for (const t of timers) clearTimeout(t);
      timers.clear();
      settle();
    },
  };
}
