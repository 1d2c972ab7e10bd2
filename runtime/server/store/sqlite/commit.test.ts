import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { SqliteCommit } from './commit.ts';

const count = (db: Database.Database) => (db.prepare('select count(*) c from t').get() as { c: number }).c;

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
    const dir = mkdtempSync(join(tmpdir(), 'tributary-commit-'));
    try {
      const db = new Database(join(dir, 'db'));
      db.pragma('journal_mode = WAL');
      db.exec('create table t (n integer)');
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
      db.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
