import Database from 'better-sqlite3';
import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { SqliteCommit } from '../store/sqlite/commit.ts';
import { sqliteDraftRows } from '../store/sqlite/draftRows.ts';
import { createDrafts, FANOUT } from './drafts.ts';
import { collabMigrations } from './migrations.ts';

function setup() {
  const db = new Database(':memory:');
  for (const m of collabMigrations) db.exec(m.sql);
  const groupCommit = new SqliteCommit(db);
  return { db, groupCommit, drafts: createDrafts(sqliteDraftRows(db, groupCommit), groupCommit) };
}

/** Rows per level: `log` for updates as received, then the merged levels. */
const levels = (db: Database.Database) => ({
  log: (db.prepare('select count(*) n from collab_log').get() as { n: number }).n,
  ...Object.fromEntries(
    (
      db.prepare('select level, count(*) n from collab_update group by level').all() as { level: number; n: number }[]
    ).map((r) => [r.level, r.n]),
  ),
});

const rows = (db: Database.Database) =>
  (
    db.prepare('select (select count(*) from collab_update) + (select count(*) from collab_log) n').get() as {
      n: number;
    }
  ).n;

/** What the collab endpoint passes as the origin of an editor's update. */
const EDITOR = 'editor';

function read(update: Uint8Array | null): Record<string, unknown> {
  const doc = new Y.Doc();
  if (update) Y.applyUpdate(doc, update);
  return doc.getMap('cards').toJSON();
}

/** A doc whose every change is captured as an update, as an editor would send them. */
function editor() {
  const doc = new Y.Doc();
  const updates: Uint8Array[] = [];
  doc.on('update', (u: Uint8Array) => updates.push(u));
  return { doc, updates, cards: doc.getMap('cards') };
}

describe('drafts', () => {
  it('creates, appends after commit, loads merged, compacts to one row and removes', async () => {
    const { db, groupCommit, drafts } = setup();
    const e = editor();
    e.cards.set('a', 1);
    await drafts.create('s', e.updates[0]);
    expect(await drafts.exists('s')).toBe(true);
    expect(await drafts.exists('t')).toBe(false);
    expect(await drafts.load('t')).toBeNull();

    const done: number[] = [];
    for (let i = 0; i < 100; i++) {
      e.cards.set(`k${i % 10}`, i);
      drafts.append('s', e.updates.at(-1)!, () => done.push(i), EDITOR);
    }
    expect(done).toEqual([]);
    await groupCommit.settled();
    expect(done).toHaveLength(100);
    // Tiered as they came: three merged runs of FANOUT updates, four in the log, the first state.
    expect(levels(db)).toEqual({ log: 4, 1: 3, 9: 1 });
    expect(read(await drafts.load('s'))).toEqual(e.cards.toJSON());

    await drafts.compact('s');
    expect(rows(db)).toBe(1);
    expect(read(await drafts.load('s'))).toEqual(e.cards.toJSON());

    await drafts.remove('s');
    expect(await drafts.exists('s')).toBe(false);
  });

  it('keeps an update whose predecessors are missing through compaction', async () => {
    const { drafts } = setup();
    const e = editor();
    e.cards.set('a', 1);
    e.cards.set('b', 2);
    drafts.create('s', new Uint8Array(Y.encodeStateAsUpdate(new Y.Doc())));
    // Only the second edit arrives (its client clock starts past 0), among enough others to be merged in a run
    // first (binary merge), then whole (through a scratch doc).
    drafts.append('s', e.updates[1], undefined, EDITOR);
    const other = editor();
    for (let i = 0; i < 40; i++) {
      other.cards.set(`o${i}`, i);
      drafts.append('s', other.updates.at(-1)!, undefined, EDITOR);
    }
    await new Promise<void>((resolve) => drafts.whenStored(resolve));
    await drafts.compact('s');
    const merged = (await drafts.load('s'))!;
    expect(Object.keys(read(merged))).toHaveLength(40);
    expect(read(Y.mergeUpdates([merged, e.updates[0]]))).toMatchObject({ a: 1, b: 2 });
  });

  it("merges the server's own appends into an editing run, and holds no run for a stream nobody edits", async () => {
    const { db, groupCommit, drafts } = setup();
    const e = editor();
    drafts.create('edited', Y.encodeStateAsUpdate(new Y.Doc()));
    drafts.create('idle', Y.encodeStateAsUpdate(new Y.Doc()));
    for (let i = 0; i < 40; i++) {
      e.cards.set(`k${i}`, i);
      // Every tenth one comes from the server (e.g. a rename through the API) in the middle of the run.
      drafts.append('edited', e.updates.at(-1)!, undefined, i % 10 === 5 ? undefined : EDITOR);
    }
    const idle = editor();
    for (let i = 0; i < 40; i++) {
      idle.cards.set(`k${i}`, i);
      drafts.append('idle', idle.updates.at(-1)!);
    }
    await groupCommit.settled();
    expect(read(await drafts.load('edited'))).toEqual(e.cards.toJSON());
    expect(read(await drafts.load('idle'))).toEqual(idle.cards.toJSON());
    const perStream = db
      .prepare('select stream_id s, count(*) n from collab_log group by stream_id order by s')
      .all() as { s: string; n: number }[];
    expect(perStream).toEqual([
      { s: 'edited', n: 8 },
      { s: 'idle', n: 40 },
    ]);
  });

  it('keeps a run consistent when a group commit fails', async () => {
    const db = new Database(':memory:');
    for (const m of collabMigrations) db.exec(m.sql);
    const errors: unknown[] = [];
    const groupCommit = new SqliteCommit(db, (err) => errors.push(err));
    const drafts = createDrafts(sqliteDraftRows(db, groupCommit), groupCommit);
    const e = editor();
    drafts.create('s', Y.encodeStateAsUpdate(new Y.Doc()));
    const acknowledged = new Set<number>();
    for (let i = 0; i < 100; i++) {
      e.cards.set(`k${i}`, i);
      drafts.append('s', e.updates.at(-1)!, () => acknowledged.add(i), EDITOR);
      // Turns of five appends; one turn in three fails as a whole (a write that throws) and is rolled back.
      if (i % 5 === 4) {
        if (i % 15 === 9) groupCommit.write(() => db.prepare('insert into nope values (1)').run());
        await groupCommit.settled();
      }
    }
    await groupCommit.settled();
    expect(errors).toHaveLength(7);
    expect(acknowledged.size).toBe(65);
    // Every acknowledged update is stored: with the rolled-back ones added back (as the editor's provider would on
    // its next sync), the draft is whole. Without them, Yjs holds the later edits of that client as pending.
    const lost = e.updates.filter((_, i) => !acknowledged.has(i));
    expect(lost).toHaveLength(35);
    expect(read(Y.mergeUpdates([(await drafts.load('s'))!, ...lost]))).toEqual(e.cards.toJSON());
    expect(Object.keys(read(await drafts.load('s'))).length).toBeLessThan(100);
  });

  it('skips a whole merge for a few updates when asked for a minimum', async () => {
    const { db, groupCommit, drafts } = setup();
    const e = editor();
    drafts.create('s', Y.encodeStateAsUpdate(new Y.Doc()));
    for (let i = 0; i < 10; i++) {
      e.cards.set(`k${i}`, i);
      drafts.append('s', e.updates.at(-1)!, undefined, EDITOR);
    }
    await groupCommit.settled();
    await drafts.compact('s', FANOUT);
    expect(levels(db)).toEqual({ log: 10, 9: 1 });
    for (let i = 10; i < 40; i++) {
      e.cards.set(`k${i}`, i);
      drafts.append('s', e.updates.at(-1)!, undefined, EDITOR);
    }
    await groupCommit.settled();
    await drafts.compact('s', FANOUT);
    expect(levels(db)).toEqual({ log: 0, 9: 1 });
    expect(read(await drafts.load('s'))).toEqual(e.cards.toJSON());
  });

  it('refuses to create a draft twice or from bytes that are not an update', async () => {
    const { drafts } = setup();
    await drafts.create('s', Y.encodeStateAsUpdate(new Y.Doc()));
    await expect(drafts.create('s', Y.encodeStateAsUpdate(new Y.Doc()))).rejects.toThrow(/already has a draft/);
    expect(() => drafts.create('t', new Uint8Array([1, 1, 200]))).toThrow(/not a Yjs update/);
  });

  it('merges runs of runs, so a long session leaves few rows', async () => {
    const { db, groupCommit, drafts } = setup();
    const e = editor();
    drafts.create('s', Y.encodeStateAsUpdate(new Y.Doc()));
    for (let i = 0; i < FANOUT * FANOUT + 5; i++) {
      e.cards.set(`k${i % 40}`, i);
      drafts.append('s', e.updates.at(-1)!, undefined, EDITOR);
    }
    await groupCommit.settled();
    expect(levels(db)).toEqual({ log: 5, 2: 1, 9: 1 });
    expect(read(await drafts.load('s'))).toEqual(e.cards.toJSON());
  });

  it('compacts a whole draft through a scratch doc to the same state, dropping deleted content', async () => {
    const { db, groupCommit, drafts } = setup();
    const e = editor();
    drafts.create('s', Y.encodeStateAsUpdate(new Y.Doc()));
    for (let i = 0; i < 500; i++) {
      e.cards.set(`k${i % 50}`, { x: i, label: 'a card label' });
      drafts.append('s', e.updates.at(-1)!, undefined, EDITOR);
    }
    await groupCommit.settled();
    const before = (await drafts.load('s'))!.length;
    await drafts.compact('s');
    expect(rows(db)).toBe(1);
    expect((await drafts.load('s'))!.length).toBeLessThan(before);
    expect(read(await drafts.load('s'))).toEqual(e.cards.toJSON());
  });
});
