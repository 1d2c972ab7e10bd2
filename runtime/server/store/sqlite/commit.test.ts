import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { SqliteCommit } from './commit.ts';

const count = (db: Database.Database) => (db.prepare('select count(*) c from t').get() as { c: number }).c;

/**
 * A WAL database in a temporary folder whose commit's syncs are held until the test lets them return, in any order
 * (`syncs`); `turn(n)` writes n and records its acknowledgement in `acked`, then lets the turn end. `overlapAfterMs`:
 * how old the sync in flight must be before a turn starts another beside it; `windowMs`: the commit window.
 */
async function withHeldSyncs(
  overlapAfterMs: number,
  test: (h: {
    db: Database.Database;
    gc: SqliteCommit;
    syncs: Array<() => void>;
    acked: number[];
    turn(n: number): Promise<void>;
  }) => Promise<void>,
  windowMs = 0,
): Promise<void> {
  await withWalDb(async (db) => {
    const syncs: Array<() => void> = [];
    class Held extends SqliteCommit {
      protected override sync(): Promise<void> {
        return new Promise((resolve) => syncs.push(resolve));
      }
    }
    const gc = new Held(db, undefined, { overlapAfterMs, windowMs });
    const acked: number[] = [];
    const turn = async (n: number) => {
      gc.write(() => db.prepare('insert into t values (?)').run(n));
      gc.after(() => void acked.push(n));
      await new Promise((r) => setImmediate(r));
    };
    await test({ db, gc, syncs, acked, turn });
    gc.close();
  });
}

/** A WAL database at `synchronous = NORMAL` (as openDb.ts opens one) with a table `t`, in a temporary folder. */
async function withWalDb(test: (db: Database.Database, dir: string) => Promise<void>): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'tributary-commit-'));
  try {
    const db = new Database(join(dir, 'db'));
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    db.exec('create table t (n integer)');
    try {
      await test(db, dir);
    } finally {
      db.close();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe('SqliteCommit', () => {
  it('commits one turn of writes in one transaction before any callback runs', async () => {
    const db = new Database(':memory:');
    db.exec('create table t (n integer)');
    const gc = new SqliteCommit(db);
    const seen: number[] = [];
    for (let i = 0; i < 5; i++) {
      gc.write(() => db.prepare('insert into t values (?)').run(i));
      gc.after(() => void seen.push(count(db)));
    }
    expect(seen).toEqual([]);
    await gc.settled();
    expect(seen).toEqual([5, 5, 5, 5, 5]);
  });

  it('runs no callback of a turn whose transaction failed, and rolls it back', async () => {
    const db = new Database(':memory:');
    db.exec('create table t (n integer not null)');
    const errors: unknown[] = [];
    const gc = new SqliteCommit(db, (e) => errors.push(e));
    let called = 0;
    gc.write(() => db.prepare('insert into t values (1)').run());
    gc.after(() => void called++);
    const failed = gc.queue(() => db.prepare('insert into t values (null)').run());
    gc.after(() => void called++);
    await gc.settled();
    await expect(failed).rejects.toThrow(/NOT NULL/);
    expect(called).toBe(0);
    expect(errors).toHaveLength(1);
    expect(count(db)).toBe(0);
  });

  it('fails an isolated write alone, and a group as a whole', async () => {
    const db = new Database(':memory:');
    db.exec('create table t (n integer not null)');
    const gc = new SqliteCommit(db);
    const ok = gc.queue(() => db.prepare('insert into t values (1)').run().changes);
    const alone = gc.queue(() => db.prepare('insert into t values (null)').run(), true);
    const group = gc.atomically(() => {
      void gc.queue(() => db.prepare('insert into t values (2)').run());
      void gc.queue(() => db.prepare('insert into t values (null)').run());
    });
    const after = gc.queue(() => db.prepare('insert into t values (3)').run().changes);
    await expect(ok).resolves.toBe(1);
    await expect(alone).rejects.toThrow(/NOT NULL/);
    await expect(group).rejects.toThrow(/NOT NULL/);
    await expect(after).resolves.toBe(1);
    expect(db.prepare('select n from t order by n').all()).toEqual([{ n: 1 }, { n: 3 }]);
  });

  it('holds the callbacks after one that returns a promise until it settles', async () => {
    const db = new Database(':memory:');
    const gc = new SqliteCommit(db);
    const order: string[] = [];
    gc.after(async () => {
      await new Promise((r) => setTimeout(r, 5));
      order.push('slow');
    });
    gc.after(() => void order.push('next'));
    await gc.settled();
    expect(order).toEqual(['slow', 'next']);
  });

  it('tries a turn again when the database is locked at its start, and commits it once the lock is gone', async () => {
    await withWalDb(async (db, dir) => {
      // Locked at once, as a checkpoint restarting the WAL can make it: no busy wait, SQLITE_BUSY straight away.
      db.pragma('busy_timeout = 0');
      const other = new Database(join(dir, 'db'));
      other.exec('begin immediate');
      const gc = new SqliteCommit(db);
      const done = gc.queue(() => db.prepare('insert into t values (1)').run().changes);
      await new Promise((r) => setTimeout(r, 30));
      expect(count(db)).toBe(0);
      other.exec('commit');
      await expect(done).resolves.toBe(1);
      expect(count(db)).toBe(1);
      other.close();
      gc.close();
    });
  });

  it('waits on a timer, not in the busy handler, while the checkpoint thread holds writers off', async () => {
    const db = new Database(':memory:');
    db.exec('create table t (n integer)');
    const gc = new SqliteCommit(db);
    let held = true;
    gc.waitWhile(() => held);
    const acked: number[] = [];
    gc.write(() => db.prepare('insert into t values (1)').run());
    gc.after(() => void acked.push(1));
    await new Promise((r) => setTimeout(r, 20));
    // The loop ran timers meanwhile; a second turn queues behind the first.
    gc.write(() => db.prepare('insert into t values (2)').run());
    gc.after(() => void acked.push(2));
    await new Promise((r) => setTimeout(r, 20));
    expect(count(db)).toBe(0);
    held = false;
    await gc.settled();
    expect(acked).toEqual([1, 2]);
    expect(db.prepare('select n from t order by rowid').pluck().all()).toEqual([1, 2]);
  });

  it('writes a turn while the turns before wait for their syncs, and acknowledges in commit order once a later sync covers them', async () => {
    // Every turn may start a sync beside the ones in flight, however young they are.
    await withHeldSyncs(0, async ({ db, gc, syncs, acked, turn }) => {
      await turn(1);
      await turn(2);
      await turn(3);
      // All three written, each with its own sync in flight; the fourth turn waits for a free one.
      expect(count(db)).toBe(3);
      expect(syncs).toHaveLength(3);
      await turn(4);
      await turn(5);
      expect(count(db)).toBe(3);
      // The second sync returns first: it began after turns 1 and 2 were written, so both are on disk.
      syncs[1]();
      await new Promise((r) => setImmediate(r));
      expect(acked).toEqual([1, 2]);
      // Its slot is free: turns 4 and 5 were written as one transaction with one sync.
      expect(count(db)).toBe(5);
      expect(syncs).toHaveLength(4);
      // The first sync returning late changes nothing; turn 3 still waits for a sync that began after it.
      syncs[0]();
      await new Promise((r) => setImmediate(r));
      expect(acked).toEqual([1, 2]);
      syncs[3]();
      await new Promise((r) => setImmediate(r));
      expect(acked).toEqual([1, 2, 3, 4, 5]);
      syncs[2]();
      await gc.settled();
      expect(acked).toEqual([1, 2, 3, 4, 5]);
    });
  });

  it('lets a turn that ends while a young sync runs wait for it and share the next transaction', async () => {
    // A sync counts as young for the whole test.
    await withHeldSyncs(60_000, async ({ db, gc, syncs, acked, turn }) => {
      for (const n of [1, 2, 3]) await turn(n);
      expect(count(db)).toBe(1);
      expect(syncs).toHaveLength(1);
      syncs[0]();
      await new Promise((r) => setImmediate(r));
      expect(acked).toEqual([1]);
      // Turns 2 and 3: one transaction, one sync.
      expect(count(db)).toBe(3);
      expect(syncs).toHaveLength(2);
      syncs[1]();
      await gc.settled();
      expect(acked).toEqual([1, 2, 3]);
    });
  });

  it('writes the turns that end within the commit window of a transaction as one transaction, and a turn after a quiet moment at once', async () => {
    const windowMs = 300;
    const wait = (ms: number) => new Promise((r) => setTimeout(r, ms));
    await withHeldSyncs(
      0,
      async ({ db, gc, syncs, acked, turn }) => {
        await turn(1);
        // Nothing was written for a while: at once.
        expect(count(db)).toBe(1);
        expect(syncs).toHaveLength(1);
        await turn(2);
        await turn(3);
        // Within the window of the first transaction: held, and gathered.
        expect(count(db)).toBe(1);
        await wait(windowMs + 100);
        expect(count(db)).toBe(3);
        expect(syncs).toHaveLength(2);
        syncs[0]();
        syncs[1]();
        await wait(windowMs + 100);
        expect(acked).toEqual([1, 2, 3]);
        // A quiet moment longer than the window: the next turn is written at once.
        await turn(4);
        expect(count(db)).toBe(4);
        syncs[2]();
        await gc.settled();
        expect(acked).toEqual([1, 2, 3, 4]);
      },
      windowMs,
    );
  });

  it('commits a held turn at once on an explicit flush (shutdown)', async () => {
    await withHeldSyncs(
      0,
      async ({ db, gc, syncs, turn }) => {
        await turn(1);
        await turn(2);
        expect(count(db)).toBe(1);
        gc.flush();
        expect(count(db)).toBe(2);
        for (const s of syncs) s();
        await gc.settled();
      },
      60_000,
    );
  });

  it('never writes a transaction sooner than the window after the one before, however the turns fall', async () => {
    const windowMs = 20;
    await withWalDb(async (db) => {
      // When each transaction began (the window counts from there).
      const written: number[] = [];
      class Timed extends SqliteCommit {
        protected override commit(batch: Parameters<SqliteCommit['commit']>[0]): Promise<void> {
          written.push(performance.now());
          return super.commit(batch);
        }
        protected override sync(): Promise<void> {
          return Promise.resolve();
        }
      }
      const gc = new Timed(db, undefined, { windowMs });
      for (let n = 0; n < 60; n++) {
        gc.write(() => db.prepare('insert into t values (?)').run(n));
        await new Promise((r) => setTimeout(r, n % 7));
      }
      await gc.settled();
      expect(count(db)).toBe(60);
      expect(written.length).toBeGreaterThan(2);
      for (let i = 1; i < written.length; i++) expect(written[i] - written[i - 1]).toBeGreaterThanOrEqual(windowMs);
      gc.close();
    });
  });
});
