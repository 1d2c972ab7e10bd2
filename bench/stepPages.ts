import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TranscriptItem } from '../shared/protocol/common.ts';
import { newConversationRecord } from '../runtime/server/live/visitorOps.ts';
import type { ConversationRecord } from '../runtime/server/store/conversations.ts';
import { SqliteCommit } from '../runtime/server/store/sqlite/commit.ts';
import { sqliteConversations } from '../runtime/server/store/sqlite/conversations.ts';
import { catchUpItemIndex, sqliteItemIndex } from '../runtime/server/store/sqlite/itemIndex.ts';
import { openDb } from '../runtime/server/store/sqlite/openDb.ts';
import { sqliteRowsByConversation } from '../runtime/server/store/sqlite/rowsByConversation.ts';

/**
 * The SQLite pages a visitor step writes (docs/store.md, "Pages a step writes"): the store alone, driven as the
 * live layer drives it in bench/visitors.ts's step (the visitor's reply, `invalid` and `ask` as one transcript row;
 * with `save` the record saved too), N conversations with three rows each first, then TURNS transactions of STEPS
 * steps, conversations taken round-robin or at random. No checkpoint runs, so the WAL holds every frame written;
 * they are read back from the file and named with `dbstat`. Prints WAL pages per step and per transaction, by table
 * and index (page 1, whose header holds the file's size, is named `sqlite_schema`), and this process's CPU per step
 * (commit and WAL sync included).
 *
 *   node --import tsx bench/stepPages.ts [N=19000] [TURNS=2000] [STEPS=10] [random|rr=random] [save]
 */
const [nArg = '19000', turnsArg = '2000', stepsArg = '10', order = 'random', save = ''] = process.argv.slice(2);
const n = Number(nArg);
const turns = Number(turnsArg);
const steps = Number(stepsArg);
const dir = mkdtempSync(join(tmpdir(), 'tributary-step-pages-'));
const db = openDb(dir);
db.pragma('wal_autocheckpoint = 0');
catchUpItemIndex(db);
const commit = new SqliteCommit(db);
const conversations = sqliteConversations(db, commit);
const itemIndex = sqliteItemIndex(db, commit);

const id = (k: number) =>
  Math.random()
    .toString(36)
    .slice(2, 2 + k)
    .padEnd(k, '0');
const now = Date.now();
const engine = { format: 'tributary.session/1', hash: `sha256:${'0'.repeat(64)}`, status: 'waiting', cardId: 'email' };
const pinned = { dialogueId: 'd_bench', streamId: 's_bench', version: 1 };
// Each with its first question stored (seq 1) below.
const records: ConversationRecord[] = Array.from({ length: n }, () => ({
  ...newConversationRecord(`c_${id(16)}`, `v_${id(12)}`, pinned, engine, now),
  lastSeq: 1,
}));
const ask = (seq: number, at: number) =>
  ({
    type: 'ask',
    kind: 'capture',
    cardId: 'email',
    prompt: 'Your email?',
    attribute: 'email',
    input: 'text',
    seq,
    at,
  }) as TranscriptItem;
/** The entries of the benchmark's step: a reply that is not an email, the `invalid` answer, the question again. */
function step(c: ConversationRecord, k: number, at: number): TranscriptItem[] {
  const s = c.lastSeq;
  c.lastSeq += 3;
  return [
    { type: 'visitor', text: 'not-an-email', clientId: `r${k}`, cardId: 'email', seq: s + 1, at },
    {
      type: 'invalid',
      cardId: 'email',
      message: 'That does not look like an email address. Please use the form name@example.com.',
      seq: s + 2,
      at,
    },
    ask(s + 3, at),
  ] as TranscriptItem[];
}

for (let i = 0; i < n; i += 500)
  await Promise.all(
    records
      .slice(i, i + 500)
      .flatMap((c) => [
        conversations.createVisitor(c.visitorId, now),
        conversations.insert(c),
        conversations.addItems(c.id, [ask(1, now)]),
      ]),
  );
let k = 0;
const pick = () => (order === 'rr' ? records[k++ % n] : records[Math.floor(Math.random() * n)]);
async function turn() {
  const at = Date.now();
  const writes: Promise<void>[] = [];
  for (let s = 0; s < steps; s++) {
    const c = pick();
    k++;
    writes.push(conversations.addItems(c.id, step(c, k, at)));
    if (save) ((c.updatedAt = at), writes.push(conversations.save(c)));
  }
  await Promise.all(writes);
}
// Two steps a conversation first (three rows each, as a few steps into the benchmark).
for (let t = 0; t < (2 * n) / steps; t++) await turn();
await Promise.all([itemIndex.current(), new Promise((r) => setTimeout(r, 1100))]);
await commit.settled();
db.pragma('wal_checkpoint(TRUNCATE)');
const wal = `${db.name}-wal`;
const start = statSync(wal).size;
const cpu = process.cpuUsage();
for (let t = 0; t < turns; t++) await turn();
const used = process.cpuUsage(cpu);
await commit.settled();

const frames = readFileSync(wal);
const size = db.pragma('page_size', { simple: true }) as number;
const names = new Map(
  (db.prepare('select pageno, name from dbstat').all() as { pageno: number; name: string }[]).map((r) => [
    r.pageno,
    r.name,
  ]),
);
const byName = new Map<string, number>();
let total = 0;
let commits = 0;
for (let at = Math.max(32, start); at + 24 + size <= frames.length; at += 24 + size) {
  const name = names.get(frames.readUInt32BE(at)) ?? 'other';
  byName.set(name, (byName.get(name) ?? 0) + 1);
  total++;
  if (frames.readUInt32BE(at + 4) !== 0) commits++;
}
const stepsRun = turns * steps;
console.log(
  `${stepsRun} steps of ${n} conversations (${order}${save ? ', record saved' : ''}), ${steps} a transaction: ` +
    `${(total / stepsRun).toFixed(2)} WAL pages a step, ${(total / commits).toFixed(1)} a transaction; ` +
    `CPU ${((used.user + used.system) / stepsRun).toFixed(1)} µs a step; load average ${loadavg()
      .map((l) => l.toFixed(1))
      .join(' ')}`,
);
for (const [name, c] of [...byName].sort((a, b) => b[1] - a[1]))
  console.log(`  ${name}: ${(c / stepsRun).toFixed(3)} a step`);
itemIndex.stop();
sqliteRowsByConversation(db, commit).stop();
await commit.settled();
commit.close();
db.close();
rmSync(dir, { recursive: true, force: true });
