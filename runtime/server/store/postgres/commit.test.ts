import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TestPostgres } from '../../../../testing/postgres.ts';
import { PgCommit } from './commit.ts';
import { createPool } from './pool.ts';

let server: TestPostgres;
beforeAll(async () => {
  server = await TestPostgres.start({ fsync: false });
});
afterAll(async () => {
  await server?.destroy();
});

/**
 * A database whose COMMIT of a row of `t` waits for an advisory lock the test holds (a deferred trigger takes it),
 * and fails for a negative row: `hold()` keeps the next COMMIT from returning until `let()`. `sent` and `replied`
 * list the commit connection's queries as they go out and as their replies come back, in order.
 */
async function withHeldCommits(
  test: (h: {
    gc: PgCommit;
    admin: pg.Pool;
    log: string[];
    acked: number[];
    errors: unknown[];
    turn(n: number, child?: boolean): Promise<void>;
    hold(): Promise<void>;
    let(): Promise<void>;
    rows(): Promise<number[]>;
  }) => Promise<void>,
): Promise<void> {
  const url = await server.createDatabase();
  const admin = new pg.Pool({ connectionString: url, max: 3 });
  await admin.query(`
    create table t (n int primary key);
    create table child (n int primary key references t (n));
    create function at_commit() returns trigger language plpgsql as $$
    begin
      perform pg_advisory_xact_lock(1);
      if new.n < 0 then raise exception 'refused at commit'; end if;
      return null;
    end $$;
    create constraint trigger at_commit after insert on t deferrable initially deferred
      for each row execute function at_commit();`);
  const pool = createPool({ url, max: 1, pipeline: true }, () => undefined);
  const log: string[] = [];
  // The commit connection as PgCommit sees it, with each query written to `log` when sent and when answered.
  const logged = {
    connect: async () => {
      const client = await pool.connect();
      return new Proxy(client, {
        get(target, key) {
          if (key !== 'query') return Reflect.get(target, key, target);
          return (sql: string, values?: unknown[]) => {
            const q = sql.split(' ').slice(0, 3).join(' ') + (values ? ` ${values[0]}` : '');
            log.push(`sent ${q}`);
            const p = target.query(sql, values);
            p.then(
              (r) => log.push(`replied ${q}: ${r.command}`),
              (e: Error) => log.push(`replied ${q}: ${e.message}`),
            );
            return p;
          };
        },
      });
    },
  } as unknown as pg.Pool;
  const errors: unknown[] = [];
  const gc = new PgCommit(logged, (e) => errors.push(e));
  const acked: number[] = [];
  const turn = async (n: number, child = false) => {
    gc.statement('insert into t values ($1)', [n]).catch(() => undefined);
    if (child) gc.statement('insert into child values ($1)', [n - 1]).catch(() => undefined);
    gc.after(() => void acked.push(n));
    await new Promise((r) => setImmediate(r));
  };
  let lock: pg.PoolClient | undefined;
  const hold = async () => {
    lock = await admin.connect();
    await lock.query('select pg_advisory_lock(1)');
  };
  const release = async () => {
    await lock!.query('select pg_advisory_unlock(1)');
    lock!.release();
  };
  const rows = async () => (await admin.query<{ n: number }>('select n from t order by n')).rows.map((r) => r.n);
  try {
    await test({ gc, admin, log, acked, errors, turn, hold, let: release, rows });
    await gc.settled();
  } finally {
    await pool.end();
    await admin.end();
  }
}

/** Waits until `ok()` (a query went out, a commit settled). */
async function until(ok: () => boolean): Promise<void> {
  while (!ok()) await new Promise((r) => setTimeout(r, 5));
}

describe('PgCommit', () => {
  it("sends the next turn's statements behind a COMMIT that has not returned, and commits them after it", async () => {
    await withHeldCommits(async ({ gc, log, acked, turn, hold, let: release, rows }) => {
      await hold();
      await turn(1);
      await until(() => log.includes('sent COMMIT'));
      // Turn 2 writes a row that refers to turn 1's: it runs after turn 1's COMMIT, so it sees that row.
      await turn(2, true);
      await until(() => log.includes('sent insert into child 1'));
      expect(log.filter((l) => l.startsWith('replied COMMIT'))).toEqual([]);
      expect(acked).toEqual([]);
      await release();
      await gc.settled();
      expect(acked).toEqual([1, 2]);
      expect(await rows()).toEqual([1, 2]);
      // Turn 2's COMMIT goes out only once turn 1's has returned.
      const commits = log.flatMap((l, i) => (l.startsWith('sent COMMIT') || l.startsWith('replied COMMIT') ? [i] : []));
      expect(commits.map((i) => log[i])).toEqual([
        'sent COMMIT',
        'replied COMMIT: COMMIT',
        'sent COMMIT',
        'replied COMMIT: COMMIT',
      ]);
    });
  });

  it('rolls back a turn sent behind a COMMIT that failed, and acknowledges nothing of either', async () => {
    await withHeldCommits(async ({ gc, log, acked, errors, turn, hold, let: release, rows }) => {
      await hold();
      await turn(-1);
      await until(() => log.includes('sent COMMIT'));
      await turn(2);
      await until(() => log.includes('sent insert into t 2'));
      await release();
      await gc.settled();
      expect(acked).toEqual([]);
      expect(errors.map((e) => (e as Error).message)).toEqual(['refused at commit']);
      expect(await rows()).toEqual([]);
      // What is queued after the failure is known commits as usual.
      await turn(3);
      await gc.settled();
      expect(acked).toEqual([3]);
      expect(await rows()).toEqual([3]);
    });
  });

  it('fails both when the connection breaks during a COMMIT with a turn behind it; the next turn gets a new one', async () => {
    await withHeldCommits(async ({ gc, admin, log, acked, errors, turn, hold, let: release, rows }) => {
      await hold();
      await turn(1);
      await until(() => log.includes('sent COMMIT'));
      await turn(2);
      await until(() => log.includes('sent insert into t 2'));
      await admin.query(`select pg_terminate_backend(pid) from pg_locks where locktype = 'advisory' and not granted`);
      await gc.settled();
      expect(acked).toEqual([]);
      expect(errors).toHaveLength(1);
      expect(await rows()).toEqual([]);
      await release();
      await turn(3);
      await gc.settled();
      expect(acked).toEqual([3]);
      expect(await rows()).toEqual([3]);
    });
  });

  it('reports a failed COMMIT once though the turn behind it fails with it, and each failure again', async () => {
    await withHeldCommits(async ({ gc, log, errors, hold, let: release }) => {
      for (let i = 1; i <= 2; i++) {
        await hold();
        const failed = gc.statement('insert into t values ($1)', [-i]);
        await until(() => log.filter((l) => l === 'sent COMMIT').length === i);
        const behind = gc.statement('insert into t values ($1)', [10 + i]);
        await until(() => log.includes(`sent insert into t ${10 + i}`));
        await release();
        await gc.settled();
        const err = await failed.catch((e: unknown) => e);
        expect(await behind.catch((e: unknown) => e)).toBe(err);
        expect(errors).toHaveLength(i);
        expect(errors[i - 1]).toBe(err);
      }
    });
  });

  it('sends at most 32 statements of a turn before it waits for their replies', async () => {
    await withHeldCommits(async ({ gc, log, rows }) => {
      for (let n = 1; n <= 40; n++) gc.statement('insert into t values ($1)', [n]).catch(() => undefined);
      await gc.settled();
      const firstReply = log.findIndex((l) => l.startsWith('replied'));
      // BEGIN and 31 inserts, then their replies, then the other 9 inserts and COMMIT.
      expect(log.slice(0, firstReply).filter((l) => l.startsWith('sent'))).toHaveLength(32);
      expect(await rows()).toHaveLength(40);
    });
  });

  it('sends a write that reads right behind the statements in flight, and a savepoint with its first statement', async () => {
    await withHeldCommits(async ({ gc, log, rows }) => {
      await gc.statement('insert into t values ($1)', [1]);
      log.length = 0;
      // A write that reads what the one before it wrote, then an isolated group (a one-statement write and a
      // write that reads), then a write that reads again.
      const counted: number[] = [];
      const count = (c: pg.PoolClient) =>
        c.query<{ n: number }>('select count(*)::int n from t').then((r) => void counted.push(r.rows[0].n));
      gc.statement('insert into t values ($1)', [2]).catch(() => undefined);
      const reading = gc.queue(async (c) => {
        await count(c);
        await c.query('insert into t values (3)');
      });
      const group = gc.atomically(() => {
        gc.statement('insert into t values ($1)', [4]).catch(() => undefined);
        void gc.queue(async (c) => void (await count(c)));
      });
      const last = gc.queue(async (c) => void (await count(c)));
      await gc.settled();
      await Promise.all([reading, group, last]);
      expect(counted).toEqual([2, 4, 4]);
      expect(await rows()).toEqual([1, 2, 3, 4]);
      const before = (a: string, b: string) => log.indexOf(a) >= 0 && log.indexOf(a) < log.indexOf(b);
      // The read goes out before the insert ahead of it has answered, and sees it.
      expect(before('sent select count(*)::int n', 'replied insert into t 2: INSERT')).toBe(true);
      // SAVEPOINT goes out with the group's first statements, RELEASE with the next write's.
      expect(before('sent insert into t 4', 'replied SAVEPOINT w: SAVEPOINT')).toBe(true);
      const release = log.indexOf('sent RELEASE SAVEPOINT w');
      expect(release).toBeGreaterThan(0);
      expect(log.slice(release + 1).indexOf('sent select count(*)::int n')).toBeLessThan(
        log.slice(release + 1).indexOf('replied RELEASE SAVEPOINT w: RELEASE'),
      );
    });
  });

  it('fails a write that reads behind a statement that failed with that statement’s error', async () => {
    await withHeldCommits(async ({ gc, rows }) => {
      await gc.statement('insert into t values ($1)', [1]);
      const dup = gc.statement('insert into t values ($1)', [1]);
      const reading = gc.queue(async (c) => void (await c.query('select count(*) from t')));
      await gc.settled();
      await expect(dup).rejects.toThrow(/duplicate key/);
      await expect(reading).rejects.toThrow(/duplicate key/);
      // In an isolated group, the group fails alone, with its statement's error.
      const group = gc.atomically(() => {
        gc.statement('insert into t values ($1)', [1]).catch(() => undefined);
        void gc.queue(async (c) => void (await c.query('select count(*) from t'))).catch(() => undefined);
      });
      const beside = gc.statement('insert into t values ($1)', [2]);
      await gc.settled();
      await expect(group).rejects.toThrow(/duplicate key/);
      await expect(beside).resolves.toBeUndefined();
      expect(await rows()).toEqual([1, 2]);
    });
  });

  it("sends a group's statements together; one failing rolls back its group alone", async () => {
    await withHeldCommits(async ({ gc, log, rows }) => {
      await gc.statement('insert into t values ($1)', [2]);
      log.length = 0;
      const group = gc.atomically(() => {
        for (const n of [1, 2, 3]) gc.statement('insert into t values ($1)', [n]).catch(() => undefined);
      });
      const beside = gc.statement('insert into t values ($1)', [4]);
      await gc.settled();
      await expect(group).rejects.toThrow(/duplicate key/);
      await expect(beside).resolves.toBeUndefined();
      const firstInsertReply = log.findIndex((l) => l.startsWith('replied insert'));
      expect(log.slice(0, firstInsertReply).filter((l) => l.startsWith('sent insert'))).toHaveLength(3);
      expect(await rows()).toEqual([2, 4]);
    });
  });

  it("fails a turn whose statement fails with that statement's error; an isolated write fails alone", async () => {
    await withHeldCommits(async ({ gc, acked, errors, turn, rows }) => {
      await turn(1);
      await gc.settled();
      const dup = gc.statement('insert into t values ($1)', [1]);
      const after = gc.statement('insert into t values ($1)', [5]);
      gc.after(() => void acked.push(5));
      await gc.settled();
      await expect(dup).rejects.toThrow(/duplicate key/);
      await expect(after).rejects.toThrow(/duplicate key/);
      expect(errors).toHaveLength(1);
      const alone = gc.queue(async (c) => void (await c.query('insert into t values (1)')), true);
      const beside = gc.statement('insert into t values ($1)', [6]);
      await gc.settled();
      await expect(alone).rejects.toThrow(/duplicate key/);
      await expect(beside).resolves.toBeUndefined();
      expect(acked).toEqual([1]);
      expect(await rows()).toEqual([1, 6]);
    });
  });
});
