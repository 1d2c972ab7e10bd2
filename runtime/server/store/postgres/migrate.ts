import type pg from 'pg';
import type { PgMigration } from './migrations.ts';

/** The advisory lock key of migrations and of `Store.exclusively` locks: a stable hash of the name. */
export const LOCK_SQL = "select pg_advisory_lock(hashtext('tributary:' || $1))";
export const UNLOCK_SQL = "select pg_advisory_unlock(hashtext('tributary:' || $1))";

/**
 * Applies the migrations not yet recorded in `_migrations`, each in its own transaction, holding a session-level
 * advisory lock: when N nodes start at once on an empty database, one migrates and the others wait, then find
 * everything applied. Returns the ids this call applied.
 */
export async function migrate(pool: pg.Pool, migrations: readonly PgMigration[]): Promise<string[]> {
  const seen = new Set<string>();
  for (const m of migrations) {
    if (seen.has(m.id)) throw new Error(`migration ${m.id} is listed twice`);
    seen.add(m.id);
  }
  const client = await pool.connect();
  let broken = false;
  try {
    await client.query(LOCK_SQL, ['migrate']);
    try {
      await client.query('create table if not exists _migrations (id text primary key, applied_at bigint not null)');
      const done = new Set((await client.query<{ id: string }>('select id from _migrations')).rows.map((r) => r.id));
      const applied: string[] = [];
      for (const m of migrations) {
        if (done.has(m.id)) continue;
        await client.query('BEGIN');
        try {
          await m.up(client);
          await client.query('insert into _migrations (id, applied_at) values ($1, $2)', [m.id, Date.now()]);
          await client.query('COMMIT');
        } catch (err) {
          await client.query('ROLLBACK').catch(() => undefined);
          throw new Error(`migration ${m.id} failed: ${(err as Error).message}`, { cause: err });
        }
        applied.push(m.id);
      }
      return applied;
    } finally {
      await client.query(UNLOCK_SQL, ['migrate']).catch(() => (broken = true));
    }
  } catch (err) {
    broken = true;
    throw err;
  } finally {
    client.release(broken);
  }
}
