/** How this node takes part in a cluster, from the environment (docs/scale-out.md). */
export type ScaleOut = { ok: true; redisUrl?: string; ttlMs?: number } | { ok: false; error: string };

/**
 * `REDIS_URL` lets nodes share work, which needs a database they all share: without `DATABASE_URL` it is refused
 * with one line (SPEC §8.6), since several nodes cannot share SQLite files. `TRIBUTARY_NODE_TTL_MS` (optional)
 * is how long a silent node keeps counting and a silent routing owner keeps its lease (default 3 s).
 */
export function scaleOutConfig(env: NodeJS.ProcessEnv): ScaleOut {
  const redisUrl = env.REDIS_URL?.trim();
  if (!redisUrl) return { ok: true };
  if (!env.DATABASE_URL?.trim())
    return {
      ok: false,
      error: 'REDIS_URL needs DATABASE_URL: nodes share one PostgreSQL database, not SQLite files (docs/scale-out.md)',
    };
  const ttl = env.TRIBUTARY_NODE_TTL_MS?.trim();
  if (!ttl) return { ok: true, redisUrl };
  const ttlMs = Number(ttl);
  // Renewals come every third of it: below 300 ms a busy event loop would lose the lease on its own.
  if (!Number.isInteger(ttlMs) || ttlMs < 300 || ttlMs > 600_000)
    return {
      ok: false,
      error: `TRIBUTARY_NODE_TTL_MS must be a whole number of milliseconds from 300 to 600000, not ${ttl}`,
    };
  return { ok: true, redisUrl, ttlMs };
}
