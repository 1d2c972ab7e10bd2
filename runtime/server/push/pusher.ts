import type { Agent } from 'node:https';
import type { Logger } from 'pino';
import webpush from 'web-push';
import type { AgentServerMessage } from '../../../shared/protocol/agent.ts';
import type { PushSubscription } from '../store/pushSubscriptions.ts';
import { createRetryQueue } from '../retries/retryQueue.ts';
import type { Store } from '../store/store.ts';
import { noticeOf, payloadOf, type PushNotice } from './pushTexts.ts';
import { vapidKeys } from './vapid.ts';

export interface PushOptions {
  /** Waits before each retry of a push the push service did not take (unreachable, 429, 5xx). */
  retryDelaysMs?: readonly number[];
  /** How long one request to a push service may take. */
  timeoutMs?: number;
  /** How often the worker looks for due retries (default: the first retry delay, at most 5 s). */
  pollMs?: number;
  /** The VAPID `sub` claim: who the push services may contact (TRIBUTARY_PUSH_SUBJECT; a mailto: or https: URL). */
  subject?: string;
  /** The https agent for push services (tests: one that trusts the local test push service's certificate). */
  agent?: Agent;
}

/** What the live hub hands every message to an agent to (runtime/server/live/hub.ts). */
export interface AgentPush {
  toAgent(agentId: string, msg: AgentServerMessage): void;
}

/**
 * Web Push for agents (docs/inbox.md, Notifications): offers and visitor messages reach the agent's browsers as
 * system notifications through their push services, whether or not an inbox tab is open (the service worker
 * leaves them to a visible inbox page). Never blocks a chat: sends are queued and return at once. A push that an
 * unreachable or busy push service (no answer, 429, 5xx) did not take is kept in the store (`retries`, kind
 * `push`) and retried with backoff by the worker of any node until the notice expires (an offer at its deadline),
 * so a node that stops loses none; a retry goes only to a subscription still signed in. A push service that
 * answers 404 or 410 (the subscription is gone) has the subscription removed.
 */
export interface Pusher extends AgentPush {
  /** Pushes `notice` to every subscription of the agent whose session is signed in. Resolves once queued. */
  notify(agentId: string, notice: PushNotice): Promise<void>;
  /** Starts the worker that retries the stored failed pushes (this node's and any other's). */
  start(): void;
  /** Resolves once nothing is in flight (and, once started, no stored retry is left). */
  idle(): Promise<void>;
  /** Stops the worker; resolves once the pushes in flight have settled. Stored retries stay for the next start. */
  stop(): Promise<void>;
}

/** One push: the subscription it is for (looked up again before a retry) and what it says. */
interface Push {
  sub: PushSubscription;
  notice: PushNotice;
}

const DEFAULT_RETRIES = [2_000, 10_000, 60_000, 300_000];

export function createPusher(
  deps: {
    store: Pick<Store, 'push' | 'meta' | 'exclusively' | 'retries'>;
    log: Logger;
    /** The visitor of an open conversation (a message's push names them). */
    visitorOf(conversationId: string): { visitorId: string; profile: Record<string, string> } | undefined;
    now?: () => number;
  },
  opts: PushOptions = {},
): Pusher {
  const { store, log } = deps;
  const now = deps.now ?? Date.now;
  const timeout = opts.timeoutMs ?? 10_000;
  const subject = opts.subject ?? process.env.TRIBUTARY_PUSH_SUBJECT ?? 'mailto:webmaster@localhost';
  let inFlight = 0;
  let waiters: (() => void)[] = [];

  const send = async (sub: PushSubscription, notice: PushNotice) => {
    const ttl = Math.ceil((notice.expiresAt - now()) / 1000);
    if (ttl <= 0) {
      log.info({ agent: sub.userId, kind: notice.kind }, 'push expired before it was sent');
      return false;
    }
    const keys = await vapidKeys(store);
    try {
      await webpush.sendNotification(
        { endpoint: sub.endpoint, keys: { p256dh: sub.p256dh, auth: sub.auth } },
        JSON.stringify(payloadOf(notice, sub.lang)),
        {
          vapidDetails: { subject, publicKey: keys.publicKey, privateKey: keys.privateKey },
          TTL: ttl,
          urgency: 'high',
          timeout,
          ...(opts.agent ? { agent: opts.agent } : {}),
        },
      );
      return true;
    } catch (err) {
      const status = (err as { statusCode?: number }).statusCode;
      if (status !== 404 && status !== 410) throw err;
      log.info({ agent: sub.userId, status }, 'push subscription gone: removed');
      await store.push
        .remove(sub.endpoint)
        .catch((e) => log.warn({ err: String(e) }, 'removing a push subscription failed'));
      return false;
    }
  };

  const queue = createRetryQueue<Push>({
    kind: 'push',
    store,
    log,
    delaysMs: opts.retryDelaysMs ?? DEFAULT_RETRIES,
    attemptMs: timeout,
    pollMs: opts.pollMs,
    now,
    describe: (p) => ({ agent: p.sub.userId, kind: p.notice.kind }),
    errText,
    async attempt(p, n) {
      // A retry goes to the subscription as it is now: not to one signed out or unsubscribed meanwhile.
      const sub =
        n === 0 ? p.sub : (await store.push.ofUser(p.sub.userId, now())).find((s) => s.endpoint === p.sub.endpoint);
      if (!sub) {
        log.info({ agent: p.sub.userId, kind: p.notice.kind }, 'push subscription gone: not retried');
        return false;
      }
      return send(sub, p.notice);
    },
    retryable(err, p, nextAt) {
      const status = (err as { statusCode?: number }).statusCode;
      return (status === undefined || status === 429 || status >= 500) && nextAt < p.notice.expiresAt;
    },
  });

  const settle = () => {
    if (inFlight !== 0) return;
    const w = waiters;
    waiters = [];
    for (const f of w) f();
  };

  const notify = async (agentId: string, notice: PushNotice) => {
    inFlight++;
    try {
      for (const sub of await store.push.ofUser(agentId, now())) queue.send({ sub, notice });
    } catch (err) {
      log.warn({ err: errText(err), agent: agentId }, 'push subscriptions could not be read');
    } finally {
      inFlight--;
      settle();
    }
  };

  return {
    notify,
    toAgent(agentId, msg) {
      const notice = noticeOf(msg, deps.visitorOf, now());
      if (notice) void notify(agentId, notice);
    },
    start: queue.start,
    async idle() {
      if (inFlight !== 0) await new Promise<void>((ok) => waiters.push(ok));
      await queue.idle();
    },
    stop: queue.stop,
  };
}

function errText(err: unknown): string {
  const e = err as { statusCode?: number; body?: string; message?: string };
  return e.statusCode ? `${e.statusCode} ${String(e.body ?? '').slice(0, 200)}` : String(e.message ?? err);
}
