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
 * How many statements go out before their replies are awaited. Unbounded, the batches of thousands of one-statement
 * writes that 10,000 visitors connecting make took several times as long as sent one by one (2,968 writes 0.8 s,
 * 10,480 writes 2.1 s, against ~0.2 s for 2,000 one by one), and the queue fell seconds behind for good. 32 keeps a
 * usual turn in one round trip.
 */
const PIPELINE_DEPTH = 32;

/** A batch's transaction: running its statements, waiting for the outcome of the one before it, or committing. */
interface Txn {
  stage: 'statements' | 'waiting' | 'committing';
  done: Promise<void>;
}

/** The commit connection and how many transactions use it. */
interface Held {
  client: Promise<pg.PoolClient>;
  users: number;
  broken: boolean;
  onError: () => void;
}

/**
 * The unit of work on PostgreSQL: a turn's writes in one transaction (BEGIN, each write, COMMIT) on the node's
 * commit connection, delivered once COMMIT has returned (durable: `synchronous_commit = on`). An isolated write
 * runs in a savepoint of its own. If the connection breaks, the batch fails as a whole (nothing of it is
 * acknowledged), the connection is dropped, and the next batch takes a fresh one.
 *
 * The commit connection is pipelined (`pipeline: true`): a query is sent without waiting for the reply of the one
 * before, and PostgreSQL runs them one after the other in the order sent. So a turn's BEGIN and its one-statement
 * writes (`gather`, `statement`) go out together, and once a transaction's COMMIT is sent, the next turn's BEGIN
 * and statements go out behind it at once: PostgreSQL runs them as soon as the COMMIT's WAL flush is done, instead
 * of after the COMMIT's reply has come back and the next turn has sent each statement and waited for it. That
 * next transaction sends its own COMMIT only once the COMMIT before it has returned: if that one failed, it rolls
 * back and fails as well, with its error (its writes were made on the state of the failed one: seqs that follow
 * the failed entries, records that include them), so a turn is only ever committed after every turn before it.
 * Because both run on one connection, the next turn's statements see everything the turn before wrote, exactly as
 * when they were sent after its COMMIT: no lock waits between a node's own transactions, the same checks of step
 * keys and routing epochs. (On a second connection they would run during the flush, but would not see the rows of the
 * transaction still committing: a new conversation's first entries would fail their foreign key, a fence read
 * would read the state before it.)
 */
export class PgCommit extends TurnQueue<pg.PoolClient> {
  private readonly gatherings = new WeakMap<Entry<pg.PoolClient>, Gathering>();
  /** Writes that are one statement, sent as `run` is called: they need not wait for the reply of the one before. */
  private readonly oneStatement = new WeakSet<Entry<pg.PoolClient>>();
  /** The transaction committed last, until its outcome is known. */
  private newest: Txn | undefined;
  private held: Held | undefined;

  /** `pool`: the node's commit connection, pipelined (one connection: `createPool` with `pipeline`, `max: 1`). */
  constructor(
    private readonly pool: pg.Pool,
    private readonly report: (err: unknown, kind: ErrorKind) => void,
  ) {
    super(report);
  }

  /**
   * Queues one call's row of a `gatherer` write. When the write queued just before is of the same gatherer and
   * takes the row, the row joins it: calls made one after the other in a turn (the live layer's rows, records and
   * profiles of every conversation) become one statement, one round trip instead of one per conversation. Nothing
   * was queued between them, so order and all-or-nothing are those of separate writes. Resolves once durable.
   */
  gather<R>(gatherer: Gatherer<R>, add: (rows: R) => boolean, reads = false): Promise<void> {
    const last = this.last();
    const open = last && this.gatherings.get(last);
    if (open && open.gatherer === gatherer && add(open.rows as R)) return open.done;
    const rows = gatherer.create();
    add(rows);
    const done = this.queue(async (c) => void (await gatherer.run(c, rows)));
    this.gatherings.set(this.last()!, { gatherer: gatherer as Gatherer<unknown>, rows, done });
    // A gatherer that reads before it writes (`reads`) awaits its queries: it is not sent as one statement.
    if (!reads) this.oneStatement.add(this.last()!);
    return done;
  }

  /** Queues a write that is one statement (sent with the statements beside it). Resolves once durable. */
  statement(sql: string, values: unknown[]): Promise<void> {
    const done = this.queue(async (c) => void (await c.query(sql, values)));
    this.oneStatement.add(this.last()!);
    return done;
  }

  /** The next batch may start once the one before has sent its COMMIT (its statements all succeeded). */
  protected override mayOverlap(inFlight: number): boolean {
    return inFlight === 0 || (inFlight === 1 && this.newest?.stage === 'committing');
  }

  protected commit(batch: Batch<pg.PoolClient>): Promise<void> {
    const previous = this.newest;
    const txn: Txn = { stage: 'statements', done: Promise.resolve() };
    this.newest = txn;
    txn.done = this.attempts(batch, txn, previous);
    const clear = () => {
      if (this.newest === txn) this.newest = undefined;
    };
    txn.done.then(clear, clear);
    return txn.done;
  }

  private async attempts(batch: Batch<pg.PoolClient>, txn: Txn, previous: Txn | undefined): Promise<void> {
    // Nodes' transactions may wait on each other's locks in opposite orders (two nodes writing one conversation):
    // PostgreSQL then aborts one of them, which rolled back whole and is run again. That happens only while its
    // statements run, before the next batch may start, so the order of batches holds.
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.commitOnce(batch, txn, previous);
      } catch (err) {
        const code = (err as { code?: string }).code;
        if (attempt >= 3 || txn.stage !== 'statements' || (code !== '40P01' && code !== '40001')) throw err;
      }
    }
  }

  private async commitOnce(batch: Batch<pg.PoolClient>, txn: Txn, previous: Txn | undefined): Promise<void> {
    txn.stage = 'statements';
    const held = await this.acquire();
    const client = await held.client;
    const sent = new Replies();
    let commit: Promise<pg.QueryResult> | undefined;
    let broken = false;
    try {
      sent.add(client.query('BEGIN'));
      for (const e of batch) {
        if (!e.run) continue;
        e.error = undefined;
        if (this.oneStatement.has(e)) {
          if (sent.size >= PIPELINE_DEPTH) await sent.all();
          sent.add(Promise.resolve(e.run(client)).then((v) => void (e.value = v)));
          continue;
        }
        const run = e.run;
        if (!e.isolated) {
          e.value = await behind(sent, () => run(client));
          continue;
        }
        // An isolated write fails alone, so the writes before it must be known to have succeeded. Its SAVEPOINT
        // goes out with its first statements, and its RELEASE with the next entry's.
        await sent.all();
        sent.add(client.query('SAVEPOINT w'));
        try {
          e.value = await behind(sent, () => run(client));
          sent.add(client.query('RELEASE SAVEPOINT w'));
        } catch (err) {
          e.error = err;
          await client.query('ROLLBACK TO SAVEPOINT w');
        }
      }
      // Nothing before it in flight: COMMIT goes out with the statements (PostgreSQL answers a COMMIT after a
      // failed statement with ROLLBACK, checked below).
      if (!previous) commit = quiet(client.query('COMMIT'));
      await sent.all();
      if (previous) {
        txn.stage = 'waiting';
        await previous.done;
        commit = quiet(client.query('COMMIT'));
      }
      txn.stage = 'committing';
      // The next turn's statements may go out now, behind this COMMIT.
      this.next();
      const r = await commit!;
      if (r.command !== 'COMMIT') throw new Error(`COMMIT answered ${r.command}`);
    } catch (err) {
      broken = true;
      await commit?.catch(() => undefined);
      await client.query('ROLLBACK').catch(() => undefined);
      // Behind a transaction that failed, this one fails with that one's error (whether it got to wait for it or
      // the same broken connection failed its own statements first): one failure, reported once.
      const failedBefore = await previous?.done.then(
        () => undefined,
        (e: unknown) => e,
      );
      return unavailable(failedBefore ?? err);
    } finally {
      // A connection that failed mid-transaction is not reused.
      this.release(held, broken);
    }
  }

  /** Starts the batch waiting, if any (a `beforeCommit` callback that throws is reported, not this commit's). */
  private next(): void {
    try {
      this.flush();
    } catch (err) {
      this.report(err, 'callback');
    }
  }

  /** The commit connection, shared by the transaction committing and the one sent behind it. */
  private async acquire(): Promise<Held> {
    let held = this.held;
    if (!held || held.broken) {
      const h: Held = { client: this.pool.connect(), users: 0, broken: false, onError: () => (h.broken = true) };
      // The pool listens for errors of idle connections only: a break while this one is held fails its queries,
      // and is reported here instead of as an uncaught error.
      h.client.then(
        (c) => c.on('error', h.onError),
        () => (h.broken = true),
      );
      held = this.held = h;
    }
    held.users++;
    try {
      await held.client;
    } catch (err) {
      this.release(held, true);
      return unavailable(err);
    }
    return held;
  }

  private release(held: Held, broken: boolean): void {
    if (broken) held.broken = true;
    if (--held.users > 0) return;
    if (this.held === held) this.held = undefined;
    held.client.then(
      (c) => {
        c.removeListener('error', held.onError);
        c.release(held.broken);
      },
      () => undefined,
    );
  }

  /** A group's writes (in its savepoint), its one-statement writes sent together as a turn's are: if one fails,
   * the group's savepoint is rolled back, whatever was sent after it in the group failing with it. */
  protected async runGroup(client: pg.PoolClient, group: Entry<pg.PoolClient>[]): Promise<undefined> {
    const sent = new Replies();
    for (const e of group) {
      if (!e.run) continue;
      if (this.oneStatement.has(e)) {
        if (sent.size >= PIPELINE_DEPTH) await sent.all();
        sent.add(Promise.resolve(e.run(client)).then((v) => void (e.value = v)));
        continue;
      }
      const run = e.run;
      e.value = await behind(sent, () => run(client));
    }
    await sent.all();
    return undefined;
  }
}

/** Replies to queries sent without waiting: `all` waits for them and throws the first error (the ones after it
 * in a failed transaction only say that it is aborted). */
class Replies {
  private pending: Promise<unknown>[] = [];

  get size(): number {
    return this.pending.length;
  }

  add(p: Promise<unknown>): void {
    this.pending.push(quiet(p));
  }

  async all(): Promise<void> {
    const settled = await Promise.allSettled(this.pending);
    this.pending = [];
    const failed = settled.find((s) => s.status === 'rejected');
    if (failed) throw failed.reason;
  }
}

/**
 * Runs a write that reads before it writes (its queries are awaited one by one), sent right behind the statements
 * still in flight instead of after their replies: PostgreSQL runs them in the order sent, so its reads see those
 * writes. If it fails, a statement before it that failed is the cause (the write's own queries then only say that
 * the transaction is aborted): that error is thrown instead.
 */
async function behind<T>(sent: Replies, run: () => T | Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (err) {
    await sent.all();
    throw err;
  }
}

/** `p`, marked handled: its rejection is read later, not reported as unhandled meanwhile. */
function quiet<T>(p: Promise<T>): Promise<T> {
  p.catch(() => undefined);
  return p;
}
