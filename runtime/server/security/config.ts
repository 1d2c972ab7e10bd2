/**
 * The limits that protect the service (SPEC §8.8), each read once from an environment variable with a default.
 * docs/security.md lists them; `startServer({ security })` overrides any of them in code (tests, benchmarks).
 */
export interface SecurityConfig {
  /** Request bodies being read at once, in bytes, across all requests (`TRIBUTARY_BODY_BUDGET_BYTES`). */
  bodyBudgetBytes: number;
  /** Open `/ws/visitor` sockets per client address (`TRIBUTARY_VISITOR_SOCKETS_PER_ADDRESS`). */
  visitorSocketsPerAddress: number;
  /** New conversations a client address may start per minute (`TRIBUTARY_CONVERSATIONS_PER_ADDRESS_PER_MIN`). */
  conversationsPerAddressPerMin: number;
  /** Live-chat requests per client address per 10 minutes (`TRIBUTARY_LIVECHAT_REQUESTS_PER_ADDRESS`). */
  liveChatRequestsPerAddress: number;
  /** Live-chat requests per visitor per 10 minutes (`TRIBUTARY_LIVECHAT_REQUESTS_PER_VISITOR`). */
  liveChatRequestsPerVisitor: number;
  /** Live-chat requests one conversation may make (`TRIBUTARY_LIVECHAT_REQUESTS_PER_CONVERSATION`). */
  liveChatRequestsPerConversation: number;
  /** Widget beacons (`POST /api/widget/track`) per client address per minute (`TRIBUTARY_WIDGET_BEACONS_PER_ADDRESS_PER_MIN`). */
  beaconsPerAddressPerMin: number;
  /** Failed sign-ins per account before backoff (`TRIBUTARY_SIGNIN_FAILURES_PER_ACCOUNT`). */
  signInFailuresPerAccount: number;
  /** Failed sign-ins per client address before backoff (`TRIBUTARY_SIGNIN_FAILURES_PER_ADDRESS`). */
  signInFailuresPerAddress: number;
  /** Sign-ins checked at once (`TRIBUTARY_SIGNIN_CONCURRENCY`); more wait in line, past 4× that: 429. */
  signInConcurrency: number;
  /** Password hashes a second this process starts at most, whoever signs in (`TRIBUTARY_SIGNIN_HASHES_PER_SEC`; bursts of
   * twice that): a flood from many addresses and accounts, which no per-address or per-account limit sees, cannot
   * take more than this share of the CPU. */
  signInHashesPerSec: number;
  /** Threads that hash passwords (`TRIBUTARY_HASH_WORKERS`), apart from libuv's pool the store syncs on. */
  hashWorkers: number;
  /** Peers whose `X-Forwarded-For` is believed (`TRIBUTARY_TRUSTED_PROXIES`, comma-separated addresses). */
  trustedProxies: string[];
  /** A bearer token that may read `/metrics` (`TRIBUTARY_METRICS_TOKEN`); admins may always. */
  metricsToken: string | undefined;
  /** `/metrics` open to anyone (`TRIBUTARY_METRICS_PUBLIC=1`). */
  metricsPublic: boolean;
  /** Serve `*.map` files of the build (`TRIBUTARY_SOURCE_MAPS=1`). */
  sourceMaps: boolean;
  /** Ended conversations older than this many days are deleted by the retention job; 0 keeps them (`TRIBUTARY_RETENTION_DAYS`). */
  retentionDays: number;
  /** How often the retention job runs, in seconds (`TRIBUTARY_RETENTION_INTERVAL_SEC`). */
  retentionIntervalSec: number;
}

export const SECURITY_DEFAULTS: SecurityConfig = {
  bodyBudgetBytes: 64 * 1024 * 1024,
  visitorSocketsPerAddress: 1000,
  conversationsPerAddressPerMin: 30,
  liveChatRequestsPerAddress: 10,
  liveChatRequestsPerVisitor: 5,
  liveChatRequestsPerConversation: 3,
  beaconsPerAddressPerMin: 60,
  signInFailuresPerAccount: 5,
  signInFailuresPerAddress: 20,
  signInConcurrency: 4,
  signInHashesPerSec: 10,
  hashWorkers: 1,
  trustedProxies: [],
  metricsToken: undefined,
  metricsPublic: false,
  sourceMaps: false,
  retentionDays: 0,
  retentionIntervalSec: 3600,
};

const NUMERIC: Record<string, keyof SecurityConfig> = {
  TRIBUTARY_BODY_BUDGET_BYTES: 'bodyBudgetBytes',
  TRIBUTARY_VISITOR_SOCKETS_PER_ADDRESS: 'visitorSocketsPerAddress',
  TRIBUTARY_CONVERSATIONS_PER_ADDRESS_PER_MIN: 'conversationsPerAddressPerMin',
  TRIBUTARY_LIVECHAT_REQUESTS_PER_ADDRESS: 'liveChatRequestsPerAddress',
  TRIBUTARY_LIVECHAT_REQUESTS_PER_VISITOR: 'liveChatRequestsPerVisitor',
  TRIBUTARY_LIVECHAT_REQUESTS_PER_CONVERSATION: 'liveChatRequestsPerConversation',
  TRIBUTARY_WIDGET_BEACONS_PER_ADDRESS_PER_MIN: 'beaconsPerAddressPerMin',
  TRIBUTARY_SIGNIN_FAILURES_PER_ACCOUNT: 'signInFailuresPerAccount',
  TRIBUTARY_SIGNIN_FAILURES_PER_ADDRESS: 'signInFailuresPerAddress',
  TRIBUTARY_SIGNIN_CONCURRENCY: 'signInConcurrency',
  TRIBUTARY_SIGNIN_HASHES_PER_SEC: 'signInHashesPerSec',
  TRIBUTARY_HASH_WORKERS: 'hashWorkers',
  TRIBUTARY_RETENTION_DAYS: 'retentionDays',
  TRIBUTARY_RETENTION_INTERVAL_SEC: 'retentionIntervalSec',
};

/** The configuration from `env`; a malformed number is an error naming the variable (the process does not start). */
export function securityConfig(
  env: Record<string, string | undefined> = process.env,
  overrides: Partial<SecurityConfig> = {},
): SecurityConfig {
  const c: SecurityConfig = { ...SECURITY_DEFAULTS };
  const numbers = c as unknown as Record<string, number>;
  for (const [name, key] of Object.entries(NUMERIC)) {
    const raw = env[name];
    if (raw === undefined || raw === '') continue;
    const n = Number(raw);
    if (!Number.isInteger(n) || n < 0) throw new Error(`${name} must be a whole number ≥ 0, not ${raw}`);
    numbers[key] = n;
  }
  if (env.TRIBUTARY_TRUSTED_PROXIES)
    c.trustedProxies = env.TRIBUTARY_TRUSTED_PROXIES.split(',')
      .map((s) => s.trim())
      .filter(Boolean);
  if (env.TRIBUTARY_METRICS_TOKEN) c.metricsToken = env.TRIBUTARY_METRICS_TOKEN;
  if (env.TRIBUTARY_METRICS_PUBLIC === '1') c.metricsPublic = true;
  if (env.TRIBUTARY_SOURCE_MAPS === '1') c.sourceMaps = true;
  c.hashWorkers = Math.max(1, c.hashWorkers);
  c.signInConcurrency = Math.max(1, c.signInConcurrency);
  return { ...c, ...overrides };
}

/**
 * For test harnesses and benchmarks, where every client comes from 127.0.0.1: the per-address limits on sockets
 * and new conversations would count thousands of simulated visitors as one person. The security suite sets the
 * limits it tests itself.
 */
export const ONE_ADDRESS_LOAD: Partial<SecurityConfig> = {
  visitorSocketsPerAddress: 1_000_000,
  conversationsPerAddressPerMin: 1_000_000,
  liveChatRequestsPerAddress: 1_000_000,
  beaconsPerAddressPerMin: 1_000_000,
  // Suites sign in far more often than people do; the security suite and the benchmark set the budget themselves.
  signInHashesPerSec: 0,
};
