import type pg from 'pg';
import { TurnQueue, type Batch, type Entry, type ErrorKind } from '../unitOfWork.ts';
import { unavailable } from './pool.ts';

/**
 * A write whose calls can share one statement: `create` makes empty rows, `add` puts one call's row into them
 * (false when it cannot join them, e.g. the record it updates is among them already), `run` writes them all.
 */
export interface Gatherer<R> {
  create(): R;
  run(c: pg.PoolClient, rows: R): Promise<unknown>;
}

interface Gathering {
  gatherer: Gatherer<unknown>;
  rows: unknown;
  done: Promise<void>;
}

/**
 * The unit of work on PostgreSQL: a turn's writes in one transaction on one pooled connection (BEGIN, each write,
 * COMMIT), delivered once COMMIT has returned (durable: `synchronous_commit = on`). An isolated write runs in a
 * savepoint of its own. If the connection breaks, the batch fails as a whole (nothing of it is acknowledged), the
 * connection is dropped, and the next batch takes a fresh one.
 */
export class PgCommit extends TurnQueue<pg.PoolClient> {
  private readonly gatherings = new WeakMap<Entry<pg.PoolClient>, Gathering>();

  constructor(
    private readonly pool: pg.Pool,
    onError: (err: unknown, kind: ErrorKind) => void,
  ) {
    super(onError);
  }

  /**
   * Queues one call's row of a `gatherer` write. When the write queued just before is of the same gatherer and
   * takes the row, the row joins it: calls made one after the other in a turn (the live layer's rows, records and
   * profiles of every conversation) become one statement, one round trip instead of one per conversation. Nothing
   * was queued between them, so order and all-or-nothing are those of separate writes. Resolves once durable.
   */
  gather<R>(gatherer: Gatherer<R>, add: (rows: R) => boolean): Promise<void> {
    const last = this.last();
    const open = last && this.gatherings.get(last);
    if (open && open.gatherer === gatherer && add(open.rows as R)) return open.done;
    const rows = gatherer.create();
    add(rows);
    const done = this.queue(async (c) => void (await gatherer.run(c, rows)));
    this.gatherings.set(this.last()!, { gatherer: gatherer as Gatherer<unknown>, rows, done });
    return done;
  }

  protected async commit(batch: Batch<pg.PoolClient>): Promise<void> {
    // Nodes' transactions may wait on each other's locks in opposite orders (two nodes writing one conversation):
    // PostgreSQL then aborts one of them, which rolled back whole and is run again.
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.commitOnce(batch);
      } catch (err) {
        const code = (err as { code?: string }).code;
        if (attempt >= 3 || (code !== '40P01' && code !== '40001')) throw err;
      }
    }
  }

  private async commitOnce(batch: Batch<pg.PoolClient>): Promise<void> {
    let client: pg.PoolClient;
    try {
      client = await this.pool.connect();
    } catch (err) {
      return unavailable(err);
    }
    let broken: unknown;
    try {
      await client.query('BEGIN');
      for (const e of batch) {
        if (!e.run) continue;
        e.error = undefined;
        if (!e.isolated) e.value = await e.run(client);
        else {
          await client.query('SAVEPOINT w');
          try {
            e.value = await e.run(client);
            await client.query('RELEASE SAVEPOINT w');
          } catch (err) {
            e.error = err;
            await client.query('ROLLBACK TO SAVEPOINT w');
          }
        }
      }
      await client.query('COMMIT');
    } catch (err) {
      broken = err;
      await client.query('ROLLBACK').catch(() => undefined);
      return unavailable(err);
    } finally {
      // A connection that failed mid-transaction is not reused.
      client.release(broken !== undefined);
    }
  }

  protected async runGroup(client: pg.PoolClient, group: Entry<pg.PoolClient>[]): Promise<undefined> {
    for (const e of group) e.value = await e.run?.(client);
    return undefined;
  }
}
