import pg from 'pg';
import { StoreUnavailableError } from '../errors.ts';

// bigint (int8) columns hold epoch milliseconds, ids and counts: all far below 2^53, so read them as numbers.
pg.types.setTypeParser(pg.types.builtins.INT8, (v) => Number(v));

/** `?` placeholders (what the shared where-clause builders write) as PostgreSQL's `$1, $2, …`. */
export function numbered(sql: string): string {
  let n = 0;
  return sql.replace(/\?/g, () => `$${++n}`);
}

/** SQLSTATE classes and errors that mean "the database is not reachable now", not "this statement is wrong". */
export function isUnavailable(err: unknown): boolean {
  const e = err as { code?: string; message?: string } | undefined;
  const code = e?.code ?? '';
  if (code.startsWith('08') || code === '57P01' || code === '57P02' || code === '57P03') return true;
  if (['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'ENOTFOUND', 'EHOSTUNREACH'].includes(code)) return true;
  const m = e?.message ?? '';
  return /Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error/.test(
    m,
  );
}

/** Turns an unreachable database into StoreUnavailableError (503); other errors pass as they are. */
export function unavailable(err: unknown): never {
  throw isUnavailable(err) && !(err instanceof StoreUnavailableError) ? new StoreUnavailableError(err) : err;
}

export interface PoolOptions {
  url: string;
  /** How long a request waits for a connection before it fails with 503. */
  connectTimeoutMs?: number;
  max?: number;
  /** Send each query without waiting for the reply of the one before (the commit connection, commit.ts). */
  pipeline?: boolean;
}

/**
 * The node's connection pool. Every connection runs with `synchronous_commit = on`: COMMIT returns once the WAL
 * is flushed, which is what the unit of work waits for before it acknowledges. A connection that breaks is
 * dropped and replaced on the next use, so the node recovers by itself when the database comes back.
 */
export function createPool(opts: PoolOptions, onError: (err: unknown) => void): pg.Pool {
  const pool = new pg.Pool({
    connectionString: opts.url,
    max: opts.max ?? 10,
    connectionTimeoutMillis: opts.connectTimeoutMs ?? 5000,
    idleTimeoutMillis: 30_000,
    options: '-c synchronous_commit=on',
    pipeline: opts.pipeline,
  });
  // An idle connection that dies (the server restarted) is reported here, not thrown.
  pool.on('error', onError);
  return pool;
}

/** A read on the pool, with `?` placeholders. */
export async function query<R extends pg.QueryResultRow = any>(
  pool: pg.Pool | pg.PoolClient,
  sql: string,
  values: unknown[] = [],
): Promise<R[]> {
  try {
    return (await pool.query<R>(numbered(sql), values)).rows;
  } catch (err) {
    return unavailable(err);
  }
}
