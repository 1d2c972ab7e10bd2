import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { testConversation } from '../test/conversation.ts';
import { migrate } from './migrate.ts';
import { MIGRATIONS } from './migrations.ts';
import type { SqliteCommit } from './commit.ts';
import { openSqliteStore } from './store.ts';

const conv = (id: string) => testConversation(id, 'v_1', 1, { status: 'bot', lastSeq: 0 });
const said = (text: string, seq: number) => [{ type: 'visitor', text, clientId: `k${seq}`, seq, at: seq }] as never[];
const texts = (items: unknown[]) => items.map((i) => (i as { text?: string }).text);
const total = (db: Database.Database) => db.prepare('select count(*) from item_conv').pluck().get() as number;
/** The counts of `item_conv` entries seen between turns until `search` settles (a part written is seen alone). */
async function seenDuring<T>(db: Database.Database, search: Promise<T>): Promise<{ seen: number[]; found: T }> {
  let done = false;
  const found = search.finally(() => (done = true));
  const seen = new Set<number>();
  while (!done) {
    seen.add(total(db));
    await new Promise((r) => setImmediate(r));
  }
  return { seen: [...seen], found: await found };
}
const entries = (db: Database.Database, id: string) =>
  db.prepare('select count(*) from item_conv where conversation_id = ?').pluck().get(id) as number;

describe("transcript rows' entries by conversation, written after the rows", () => {
  const dirs: string[] = [];
  afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));
  const dir = () => {
    const d = mkdtempSync(join(tmpdir(), 'tributary-rowsby-'));
    dirs.push(d);
    return d;
  };

  /** A store with 300 conversations (`ids`, in sort order), each with one stored row saying `text` whose entry
   * waits; the rows stored in reverse order when `reverse`. */
  const threeHundred = async (text: (id: string) => string, reverse = false) => {
    const s = openSqliteStore(dir(), () => undefined);
    void s.conversations.createVisitor('v_1', 1);
    const ids = Array.from({ length: 300 }, (_, i) => `c_${String(i).padStart(3, '0')}`);
    for (const id of ids) void s.conversations.insert(conv(id));
    const order = reverse ? [...ids].reverse() : ids;
    await Promise.all(order.map((id) => s.conversations.addItems(id, said(text(id), 1))));
    return { s, ids };
  };

  it('reads the newest rows of a conversation before their entries are written, and writes them a moment later', async () => {
    const s = openSqliteStore(dir(), () => undefined);
    void s.conversations.createVisitor('v_1', 1);
    void s.conversations.insert(conv('c_1'));
    await s.conversations.addItems('c_1', said('one', 1));
    await s.conversations.addItems('c_1', said('two', 2));
    // Stored and acknowledged, entries still to be written: the record and the transcript are exact all the same.
    expect(entries(s.db, 'c_1')).toBe(0);
    expect((await s.conversations.get('c_1'))!.lastSeq).toBe(2);
    expect((await s.conversations.items('c_1')).map((i) => i.seq)).toEqual([1, 2]);
    expect((await s.conversations.items('c_1', 1)).map((i) => i.seq)).toEqual([2]);
    expect(await s.conversations.seqOfClientId('c_1', 'v', 'k2')).toBe(2);
    expect((await s.conversations.query({ visitorId: 'v_1', limit: 5 }))[0].lastSeq).toBe(2);
    // Written on their own a few seconds later.
    while (entries(s.db, 'c_1') < 2) await new Promise((r) => setTimeout(r, 50));
    await s.commit.settled();
    expect(entries(s.db, 'c_1')).toBe(2);
    await s.conversations.addItems('c_1', said('three', 3));
    expect((await s.conversations.items('c_1')).map((i) => i.seq)).toEqual([1, 2, 3]);
    expect((await s.conversations.get('c_1'))!.lastSeq).toBe(3);
    await s.close();
  });

  it('writes the waiting entries in parts, one transaction each, in conversation order, the rows exact meanwhile', async () => {
    // Stored in reverse order: the parts follow the conversations, not the order the rows were stored in.
    const { s, ids } = await threeHundred((id) => id, true);
    const seen: number[] = [];
    const firstPart: string[][] = [];
    while (total(s.db) < 300) {
      const n = total(s.db);
      if (seen[seen.length - 1] !== n) {
        seen.push(n);
        if (n > 0 && firstPart.length === 0)
          firstPart.push(s.db.prepare('select conversation_id from item_conv').pluck().all() as string[]);
        // Between parts, a conversation whose entry waits is read as exactly as one whose entry is written.
        expect(texts(await s.conversations.items(ids[299]))).toEqual([ids[299]]);
      }
      await new Promise((r) => setImmediate(r));
    }
    expect(seen).toEqual([0, 128, 256]);
    expect(firstPart[0]).toEqual(ids.slice(0, 128));
    // The newest row is marked written only with the last part.
    await s.commit.settled();
    expect(s.db.prepare('select upto from item_conv_upto').pluck().get()).toBe(
      s.db.prepare('select max(id) from item_rows').pluck().get(),
    );
    await s.close();
  });

  it.each([
    ['before any part is written', 0],
    ['while the parts are being written', 128],
  ])('writes every waiting entry at once for a reader of item_conv (a search) that comes %s', async (_, from) => {
    const { s } = await threeHundred(() => 'needle');
    if (from > 0) while (total(s.db) === 0) await new Promise((r) => setImmediate(r));
    expect(total(s.db)).toBe(from);
    const { seen, found } = await seenDuring(s.db, s.conversations.search({ text: 'needle', limit: 10 }));
    // The rest in one transaction: never a part of it.
    expect(seen.filter((n) => n !== from && n !== 300)).toEqual([]);
    expect(total(s.db)).toBe(300);
    expect(found.rows).toHaveLength(10);
    await s.close();
  });

  it('never reads a row whose turn failed, though its rowid is another conversation row now', async () => {
    const s = openSqliteStore(dir(), () => undefined);
    void s.conversations.createVisitor('v_1', 1);
    void s.conversations.insert(conv('c_1'));
    void s.conversations.insert(conv('c_2'));
    await s.conversations.addItems('c_1', said('kept', 1));
    const lost = s.conversations.addItems('c_1', said('lost', 2));
    const failing = (s.commit as SqliteCommit).queue(() => {
      throw new Error('disk full');
    });
    await expect(lost).rejects.toThrow('disk full');
    await expect(failing).rejects.toThrow('disk full');
    // The rolled-back row's rowid goes to the next row stored, of another conversation.
    await s.conversations.addItems('c_2', said('other', 1));
    expect(texts(await s.conversations.items('c_1'))).toEqual(['kept']);
    expect((await s.conversations.get('c_1'))!.lastSeq).toBe(1);
    expect(texts(await s.conversations.items('c_2'))).toEqual(['other']);
    await s.close();
    const again = openSqliteStore(s.db.name.replace(/\/tributary\.db$/, ''), () => undefined);
    expect(again.db.prepare('select conversation_id, seq from item_conv order by id').all()).toEqual([
      { conversation_id: 'c_1', seq: 1 },
      { conversation_id: 'c_2', seq: 1 },
    ]);
    await again.close();
  });

  it('resumes a conversation whose newest rows have no entry yet after kill -9, exactly', async () => {
    const d = dir();
    const store = new URL('./store.ts', import.meta.url).pathname;
    const fixture = new URL('../test/conversation.ts', import.meta.url).pathname;
    // A process that stores three turns of one conversation, says so once they are durable, and waits to be killed
    // (well inside the second its entries wait).
    const child = spawn(
      process.execPath,
      [
        '--import',
        'tsx',
        '--input-type=module',
        '-e',
        `import { openSqliteStore } from ${JSON.stringify(store)};
         import { testConversation } from ${JSON.stringify(fixture)};
         const s = openSqliteStore(${JSON.stringify(d)}, () => undefined);
         void s.conversations.createVisitor('v_1', 1);
         await s.conversations.insert(testConversation('c_1', 'v_1', 1, { status: 'bot', lastSeq: 0 }));
         await new Promise((r) => setTimeout(r, 1300));
         for (let seq = 1; seq <= 3; seq++)
           await s.conversations.addItems('c_1', [{ type: 'visitor', text: 'n' + seq, clientId: 'k' + seq, seq, at: seq }]);
         console.log('stored');
         setInterval(() => undefined, 1000);`,
      ],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    );
    await new Promise<void>((resolve, reject) => {
      child.stdout.on('data', (b) => String(b).includes('stored') && resolve());
      child.once('exit', (code) => reject(new Error(`exited with ${code}`)));
    });
    child.kill('SIGKILL');
    await new Promise((r) => child.once('exit', r));
    // As the killed process left the file: the rows durable, their entries not written.
    const raw = new Database(join(d, 'tributary.db'), { readonly: true });
    expect(raw.prepare("select count(*) from item_rows where conversation_id = 'c_1'").pluck().get()).toBe(3);
    expect(entries(raw, 'c_1')).toBe(0);
    raw.close();

    const s = openSqliteStore(d, () => undefined);
    expect(entries(s.db, 'c_1')).toBe(3);
    expect((await s.conversations.get('c_1'))!.lastSeq).toBe(3);
    expect(texts(await s.conversations.items('c_1'))).toEqual(['n1', 'n2', 'n3']);
    expect(await s.conversations.seqOfClientId('c_1', 'v', 'k3')).toBe(3);
    await s.conversations.addItems('c_1', said('n4', 4));
    expect((await s.conversations.items('c_1', 2)).map((i) => i.seq)).toEqual([3, 4]);
    await s.close();
  }, 30_000);
});

describe('migration runtime/020-item-conv', () => {
  it("moves an existing store's rows into item_conv and drops the index on item_rows", async () => {
    const d = mkdtempSync(join(tmpdir(), 'tributary-rowsby-'));
    try {
      const db = new Database(join(d, 'tributary.db'));
      db.pragma('journal_mode = WAL');
      migrate(
        db,
        MIGRATIONS.filter((m) => m.id < 'runtime/020'),
      );
      const ins = db.prepare('insert into item_rows (conversation_id, seq, last_seq, body) values (?, ?, ?, ?)');
      ins.run('c_1', 1, 2, JSON.stringify([...said('a', 1), ...said('b', 2)]));
      ins.run('c_2', 1, 1, JSON.stringify(said('x', 1)));
      ins.run('c_1', 3, 3, JSON.stringify(said('c', 3)));
      db.close();
      const s = openSqliteStore(d, () => undefined);
      expect(s.db.prepare("select count(*) from sqlite_schema where name = 'item_rows_seq'").pluck().get()).toBe(0);
      expect(entries(s.db, 'c_1')).toBe(2);
      expect(texts(await s.conversations.items('c_1'))).toEqual(['a', 'b', 'c']);
      expect(texts(await s.conversations.items('c_2'))).toEqual(['x']);
      await s.close();
    } finally {
      rmSync(d, { recursive: true, force: true });
    }
  });
});
