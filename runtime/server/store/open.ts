import { openPostgresStore } from './postgres/store.ts';
import { isUnavailable } from './postgres/pool.ts';
import { openSqliteStore } from './sqlite/store.ts';
import type { Store, StoreErrorHandler } from './store.ts';

export interface StoreOptions {
  /** Where the SQLite file lives (`tributary.db`) when there is no `databaseUrl`. */
  dataDir: string;
  /** `postgres://…` (DATABASE_URL): the store is that PostgreSQL database, shared by every node. */
  databaseUrl?: string;
  /** How long a node that starts keeps trying to reach PostgreSQL before it gives up (default 30 s). */
  startTimeoutMs?: number;
  /** Called before each retry while PostgreSQL cannot be reached at start. */
  onRetry?(err: unknown, attempt: number, delayMs: number): void;
}

/**
 * Opens the runtime's store: PostgreSQL when `databaseUrl` is given (migrated under an advisory lock), else SQLite
 * in `dataDir`. A node that starts before PostgreSQL accepts connections retries with backoff (0.25 s doubling to
 * 4 s) for `startTimeoutMs`, then fails with one line naming the server (`npm start` exits 1).
 */
export async function openStore(opts: StoreOptions, onError: StoreErrorHandler): Promise<Store> {
  if (!opts.databaseUrl) return openSqliteStore(opts.dataDir, onError);
  const url = new URL(opts.databaseUrl);
  if (url.protocol !== 'postgres:' && url.protocol !== 'postgresql:')
    throw new Error(`DATABASE_URL must be a postgres:// URL, not ${url.protocol}//…`);
  const until = Date.now() + (opts.startTimeoutMs ?? 30_000);
  for (let attempt = 1; ; attempt++) {
    try {
      return await openPostgresStore({ url: opts.databaseUrl }, onError);
    } catch (err) {
      if (!isUnavailable(err) && !isUnavailable((err as Error).cause)) throw err;
      const delay = Math.min(4000, 250 * 2 ** (attempt - 1));
      if (Date.now() + delay > until) {
        const why = (err as Error).message || String((err as { code?: string }).code ?? err);
        throw new Error(`cannot reach PostgreSQL at ${url.host}: ${why}`, { cause: err });
      }
      opts.onRetry?.(err, attempt, delay);
      await new Promise((r) => setTimeout(r, delay));
    }
  }
}
