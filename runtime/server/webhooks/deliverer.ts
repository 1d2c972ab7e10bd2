import type { Logger } from 'pino';
import { Webhook } from 'standardwebhooks';
import type { Store } from '../store/store.ts';
import { FAN_OUT_BATCH, PURGE_BATCH, type WebhookDelivery, type WebhookEndpoint } from '../store/webhooks.ts';
import type { WebhookConfig } from './config.ts';

/**
 * Sends the outbox's due deliveries, on every node: first the events stored since the last round are fanned out
 * to their endpoints' deliveries (`fanOut`), then each due delivery is claimed with a lease in the store (one sender at a
 * time, and a node killed mid-send releases it when the lease runs out), POSTed with Standard Webhooks headers
 * signed with the endpoint's secret, and its attempt recorded. Failures back off (`WebhookConfig`) until the
 * retry window closes; an endpoint failing for `disableAfterMs` is disabled and the admins told. Finished
 * deliveries older than `keepLogMs` are deleted in batches (the delivery log's retention). Nothing here runs
 * on a visitor's path: the outbox rows were written with the steps.
 */
export class Deliverer {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private stopped = false;
  private again = false;

  constructor(
    private readonly store: Store,
    private readonly log: Logger,
    private readonly config: WebhookConfig,
    /** An endpoint was disabled: tell the admins. */
    private readonly onDisabled: (endpoint: WebhookEndpoint) => void = () => {},
    private readonly now: () => number = Date.now,
  ) {}

  start(): void {
    this.stopped = false;
    this.schedule(0);
  }

  /** Looks for due deliveries now (a test event, a resend). */
  kick(): void {
    if (this.running) this.again = true;
    else this.schedule(0);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.running;
  }

  private schedule(ms: number): void {
    if (this.stopped) return;
    clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.running = this.poll()
        .catch((err) => this.log.warn({ err }, 'webhook delivery round failed'))
        .finally(() => {
          this.running = undefined;
          this.schedule(this.again ? 0 : this.config.pollMs);
          this.again = false;
        });
    }, ms);
  }

  private async poll(): Promise<void> {
    // The events the steps stored become deliveries here, off the visitors' path (store/webhooks.ts).
    if ((await this.store.webhooks.fanOut(FAN_OUT_BATCH)) === FAN_OUT_BATCH) this.again = true;
    const now = this.now();
    // The delivery log's retention: finished deliveries past `keepLogMs` go, a batch a round.
    if ((await this.store.webhooks.purgeFinished(now - this.config.keepLogMs, PURGE_BATCH)) === PURGE_BATCH)
      this.again = true;
    const due = await this.store.webhooks.due(now, this.config.concurrency);
    if (due.length === this.config.concurrency) this.again = true;
    await Promise.all(due.map((d) => this.deliver(d)));
  }

  private async deliver(d: WebhookDelivery): Promise<void> {
    const now = this.now();
    if (!(await this.store.webhooks.claim(d.id, now, now + this.config.leaseMs))) return;
    const endpoint = await this.store.webhooks.endpoint(d.endpointId);
    if (!endpoint) return;
    const body = await this.body(d);
    const started = this.now();
    const sentAt = new Date(started);
    let status: number | null = null;
    let error: string | null = null;
    try {
      const res = await fetch(endpoint.url, {
        method: 'POST',
        redirect: 'manual',
        signal: AbortSignal.timeout(this.config.timeoutMs),
        headers: {
          'content-type': 'application/json',
          'user-agent': 'Tributary-Webhooks/1',
          'webhook-id': d.id,
          'webhook-timestamp': String(Math.floor(sentAt.getTime() / 1000)),
          'webhook-signature': signature(endpoint, d.id, sentAt, body),
        },
        body,
      });
      status = res.status;
      // The body is not needed; reading it frees the connection.
      await res.arrayBuffer().catch(() => undefined);
      if (status < 200 || status >= 300)
        error = status >= 300 && status < 400 ? `redirect (HTTP ${status}) not followed` : `HTTP ${status}`;
    } catch (err) {
      const e = err as Error & { cause?: { code?: string } };
      error = e.name === 'TimeoutError' ? `no answer within ${this.config.timeoutMs} ms` : (e.cause?.code ?? e.message);
    }
    const done = this.now();
    const attempts = d.attempts + 1;
    const ok = error === null;
    const wait = this.config.backoffMs[Math.min(attempts - 1, this.config.backoffMs.length - 1)];
    const giveUp = !ok && done + wait > d.createdAt + this.config.retryForMs;
    await this.store.webhooks.attempted(d.id, attempts, {
      status: ok ? 'delivered' : giveUp ? 'failed' : 'pending',
      nextAt: ok || giveUp ? done : done + wait,
      lastStatus: status,
      lastError: error,
      lastMs: done - started,
      lastAt: done,
    });
    await this.health(endpoint, ok, done, error);
  }

  /** A success clears the endpoint's failing mark; failing past `disableAfterMs` disables it. */
  private async health(endpoint: WebhookEndpoint, ok: boolean, now: number, error: string | null): Promise<void> {
    const current = (await this.store.webhooks.endpoint(endpoint.id)) ?? endpoint;
    if (ok) {
      if (current.failingSince !== null)
        await this.store.webhooks.setEndpointState(endpoint.id, { failingSince: null });
      return;
    }
    if (current.failingSince === null) {
      await this.store.webhooks.setEndpointState(endpoint.id, { failingSince: now });
      return;
    }
    if (!current.enabled || now - current.failingSince < this.config.disableAfterMs) return;
    const reason = `every delivery failed since ${new Date(current.failingSince).toISOString()} (last: ${error})`;
    await this.store.webhooks.setEndpointState(endpoint.id, {
      enabled: false,
      disabledAt: now,
      disabledReason: reason,
    });
    this.log.warn({ endpoint: endpoint.id, url: endpoint.url, reason }, 'webhook endpoint disabled');
    this.onDisabled({ ...current, enabled: false, disabledAt: now, disabledReason: reason });
  }

  /** The body as sent: `conversation.ended` carries the transcript, read now (it no longer changes). */
  private async body(d: WebhookDelivery): Promise<string> {
    if (d.type !== 'conversation.ended') return d.payload;
    const event = JSON.parse(d.payload) as { data: { conversationId: string; transcript?: unknown } };
    event.data.transcript = await this.store.conversations.items(event.data.conversationId);
    return JSON.stringify(event);
  }
}

/**
 * The `webhook-signature` header: `v1,…` with the endpoint's secret and, for a day after a rotation, a second
 * `v1,…` with the secret it replaced (space-separated, as the Standard Webhooks convention allows), so that a
 * receiver verifies with either secret while it switches.
 */
export function signature(endpoint: WebhookEndpoint, id: string, at: Date, body: string): string {
  const own = new Webhook(endpoint.secret).sign(id, at, body);
  const old =
    endpoint.previousSecret && endpoint.previousUntil !== null && endpoint.previousUntil > at.getTime()
      ? new Webhook(endpoint.previousSecret).sign(id, at, body)
      : null;
  return old ? `${own} ${old}` : own;
}
