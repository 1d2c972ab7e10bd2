import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { GroupCommit } from './groupCommit.ts';

describe('GroupCommit', () => {
  it('commits one turn of writes in one transaction before any callback runs', async () => {
    const db = new Database(':memory:');
    db.exec('create table t (n integer)');
    const gc = new GroupCommit(db);
    const seen: number[] = [];
    for (let i = 0; i < 5; i++) {
      gc.run(
        () => db.prepare('insert into t values (?)').run(i),
        () => seen.push((db.prepare('select count(*) c from t').get() as { c: number }).c),
      );
    }
    expect(seen).toEqual([]);
    await gc.settled();
    expect(seen).toEqual([5, 5, 5, 5, 5]);
  });

  it('runs no callback of a turn whose transaction failed, and rolls it back', async () => {
    const db = new Database(':memory:');
    db.exec('create table t (n integer not null)');
    const errors: unknown[] = [];
    const gc = new GroupCommit(db, (e) => errors.push(e));
    let called = 0;
    gc.run(
      () => db.prepare('insert into t values (1)').run(),
      () => called++,
    );
    gc.run(
      () => db.prepare('insert into t values (null)').run(),
      () => called++,
    );
    await gc.settled();
    expect(called).toBe(0);
    expect(errors).toHaveLength(1);
    expect((db.prepare('select count(*) c from t').get() as { c: number }).c).toBe(0);
  });
});
