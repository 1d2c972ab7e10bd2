/** How this node takes part in a cluster, from the environment (docs/scale-out.md). */
export type ScaleOut = { ok: true; redisUrl?: string } | { ok: false; error: string };

/**
 * `REDIS_URL` lets nodes share work, which needs a database they all share: without `DATABASE_URL` it is refused
 * with one line (SPEC §8.6), since several nodes cannot share SQLite files.
 */
export function scaleOutConfig(env: NodeJS.ProcessEnv): ScaleOut {
  const redisUrl = env.REDIS_URL?.trim();
  if (!redisUrl) return { ok: true };
  if (!env.DATABASE_URL?.trim())
    return {
      ok: false,
      error: 'REDIS_URL needs DATABASE_URL: nodes share one PostgreSQL database, not SQLite files (docs/scale-out.md)',
    };
  return { ok: true, redisUrl };
}
