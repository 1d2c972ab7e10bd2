import type { Agent } from 'node:https';
import type { Logger } from 'pino';
import webpush from 'web-push';
import type { AgentServerMessage } from '../../../shared/protocol/agent.ts';
import type { PushSubscription } from '../store/pushSubscriptions.ts';
import type { Store } from '../store/store.ts';
import { noticeOf, payloadOf, type PushNotice } from './pushTexts.ts';
import { vapidKeys } from './vapid.ts';

export interface PushOptions {
  /** Waits before each retry of a push the push service did not take (unreachable, 429, 5xx). */
  retryDelaysMs?: readonly number[];
  /** How long one request to a push service may take. */
  timeoutMs?: number;
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
 * leaves them to a visible inbox page). Never blocks a chat: sends are queued and return at once; a push service
 * that is unreachable or busy is logged and retried with backoff until the notice expires (an offer at its
 * deadline); one that answers 404 or 410 (the subscription is gone) has the subscription removed.
 */
export interface Pusher extends AgentPush {
  /** Pushes `notice` to every subscription of the agent whose session is signed in. Resolves once queued. */
  notify(agentId: string, notice: PushNotice): Promise<void>;
  /** Resolves once nothing is queued, waiting or in flight (tests, a graceful stop). */
  idle(): Promise<void>;
  stop(): void;
}

const DEFAULT_RETRIES = [2_000, 10_000, 60_000, 300_000];

export function createPusher(
  deps: {
    store: Pick<Store, 'push' | 'meta' | 'exclusively'>;
    log: Logger;
    /** The visitor of an open conversation (a message's push names them). */
    visitorOf(conversationId: string): { visitorId: string; profile: Record<string, string> } | undefined;
    now?: () => number;
  },
  opts: PushOptions = {},
): Pusher {
  const { store, log } = deps;
  const now = deps.now ?? Date.now;
  const retries = opts.retryDelaysMs ?? DEFAULT_RETRIES;
  const timeout = opts.timeoutMs ?? 10_000;
  const subject = opts.subject ?? process.env.TRIBUTARY_PUSH_SUBJECT ?? 'mailto:webmaster@localhost';
  const timers = new Set<NodeJS.Timeout>();
  let inFlight = 0;
  let waiters: (() => void)[] = [];
  let stopped = false;

  const settle = () => {
    if (inFlight !== 0 || timers.size !== 0) return;
    const w = waiters;
    waiters = [];
    for (const f of w) f();
  };

  const attempt = async (sub: PushSubscription, notice: PushNotice, n: number) => {
    inFlight++;
    try {
      const ttl = Math.ceil((notice.expiresAt - now()) / 1000);
      if (ttl <= 0) return void log.info({ agent: sub.userId, kind: notice.kind }, 'push expired before it was sent');
      const keys = await vapidKeys(store);
      const res = await webpush.sendNotification(
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
      log.debug({ agent: sub.userId, kind: notice.kind, status: res.statusCode }, 'push sent');
    } catch (err) {
      const status = (err as { statusCode?: number }).statusCode;
      if (status === 404 || status === 410) {
        log.info({ agent: sub.userId, status }, 'push subscription gone: removed');
        await store.push
          .remove(sub.endpoint)
          .catch((e) => log.warn({ err: String(e) }, 'removing a push subscription failed'));
        return;
      }
      const retry = status === undefined || status === 429 || status >= 500;
      const delay = retries[n];
      const ctx = { err: errText(err), status, agent: sub.userId, kind: notice.kind, attempt: n + 1 };
      if (!retry || delay === undefined || stopped || now() + delay >= notice.expiresAt)
        return void log.warn(ctx, 'push given up');
      log.warn({ ...ctx, retryInMs: delay }, 'push failed');
      const t = setTimeout(() => {
        timers.delete(t);
        void attempt(sub, notice, n + 1);
      }, delay);
      t.unref();
      timers.add(t);
    } finally {
      inFlight--;
      settle();
    }
  };

  const notify = async (agentId: string, notice: PushNotice) => {
    if (stopped) return;
    inFlight++;
    try {
      for (const sub of await store.push.ofUser(agentId, now())) void attempt(sub, notice, 0);
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
    idle: () => (inFlight === 0 && timers.size === 0 ? Promise.resolve() : new Promise<void>((ok) => waiters.push(ok))),
    stop() {
      stopped = true;
      for (const t of timers) clearTimeout(t);
      timers.clear();
      settle();
    },
  };
}

function errText(err: unknown): string {
  const e = err as { statusCode?: number; body?: string; message?: string };
  return e.statusCode ? `${e.statusCode} ${String(e.body ?? '').slice(0, 200)}` : String(e.message ?? err);
}
