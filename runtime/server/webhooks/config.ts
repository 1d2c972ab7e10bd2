/** How webhook deliveries are paced (docs/results.md, Webhooks); each has an environment variable. */
export interface WebhookConfig {
  /** How often a node looks for due deliveries (TRIBUTARY_WEBHOOK_POLL_MS, default 1000). */
  pollMs: number;
  /** Waits before the 2nd, 3rd, … attempt; the last repeats (TRIBUTARY_WEBHOOK_BACKOFF_MS, comma-separated). */
  backoffMs: number[];
  /** A delivery is retried until this long after its event, then marked failed (TRIBUTARY_WEBHOOK_RETRY_FOR_MS,
   * default 24 h). */
  retryForMs: number;
  /** An endpoint whose deliveries have all failed for this long is disabled (TRIBUTARY_WEBHOOK_DISABLE_AFTER_MS,
   * default 24 h). */
  disableAfterMs: number;
  /** The delivery log's retention: delivered and failed deliveries are deleted this long after they finished
   * (TRIBUTARY_WEBHOOK_KEEP_LOG_MS, default 30 days). */
  keepLogMs: number;
  /** One attempt's time limit (TRIBUTARY_WEBHOOK_TIMEOUT_MS, default 10 s). */
  timeoutMs: number;
  /** How long a claimed delivery is held by the node sending it; a node that dies releases it this late
   * (TRIBUTARY_WEBHOOK_LEASE_MS, default 60 s). */
  leaseMs: number;
  /** Deliveries sent at once by one node. */
  concurrency: number;
}

/** From seconds up to an hour (SPEC §8.7): 5 s, 30 s, 2 min, 10 min, 30 min, then every hour. */
const BACKOFF = [5_000, 30_000, 120_000, 600_000, 1_800_000, 3_600_000];

export function webhookConfig(env: NodeJS.ProcessEnv = process.env, over: Partial<WebhookConfig> = {}): WebhookConfig {
  const num = (name: string, dflt: number) => {
    const v = env[name];
    if (v === undefined || v === '') return dflt;
    const n = Number(v);
    if (!Number.isFinite(n) || n < 0) throw new Error(`${name} must be a number of milliseconds, not ${v}`);
    return n;
  };
  const backoff = env.TRIBUTARY_WEBHOOK_BACKOFF_MS
    ? env.TRIBUTARY_WEBHOOK_BACKOFF_MS.split(',').map((s) => Number(s.trim()))
    : BACKOFF;
  if (backoff.length === 0 || backoff.some((n) => !Number.isFinite(n) || n < 0))
    throw new Error(`TRIBUTARY_WEBHOOK_BACKOFF_MS must list milliseconds, not ${env.TRIBUTARY_WEBHOOK_BACKOFF_MS}`);
  return {
    pollMs: num('TRIBUTARY_WEBHOOK_POLL_MS', 1000),
    backoffMs: backoff,
    retryForMs: num('TRIBUTARY_WEBHOOK_RETRY_FOR_MS', 24 * 3_600_000),
    disableAfterMs: num('TRIBUTARY_WEBHOOK_DISABLE_AFTER_MS', 24 * 3_600_000),
    keepLogMs: num('TRIBUTARY_WEBHOOK_KEEP_LOG_MS', 30 * 86_400_000),
    timeoutMs: num('TRIBUTARY_WEBHOOK_TIMEOUT_MS', 10_000),
    leaseMs: num('TRIBUTARY_WEBHOOK_LEASE_MS', 60_000),
    concurrency: 8,
    ...over,
  };
}
