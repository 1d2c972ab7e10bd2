/**
 * Conversation search (docs/search.md, SPEC §9 "search"): over N stored conversations (default 100,000; one
 * visitor each, two transcript rows), the p95 of a mix of searches through the index (`conversations.search`,
 * first page of 50) ÷ the same searches answered by a full scan (every profile and transcript row read and
 * matched with `like`, newest first, stopping at 50), in the same run, on SQLite and on PostgreSQL (a throwaway
 * server, fsync off). Target: ≤ 1/20. Also per kind of search (the p95 of its 20 ÷ the scan's median), and on
 * SQLite the CPU time of the process (what the machine's load does not stretch).
 *
 * Searches come one at a time with a pause between them (`PAUSE_MS`), as agents type them, for both peers: on a
 * loaded machine a process that never sleeps is scheduled last, which would measure the machine rather than the
 * search.
 * `npm run bench -- search [conversations]`
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TestPostgres } from '../testing/postgres.ts';
import { openStore } from '../runtime/server/store/open.ts';
import { query as pgQuery } from '../runtime/server/store/postgres/pool.ts';
import { searchWords } from '../runtime/server/store/search.ts';
import { corpus, fillPostgres, fillSqlite } from '../runtime/server/store/searchCorpus.ts';
import { MMAP_SIZE } from '../runtime/server/store/sqlite/openDb.ts';
import type { Store } from '../runtime/server/store/store.ts';
import Database from 'better-sqlite3';
import pg from 'pg';

const N = Number(process.argv[2] ?? 100_000);
const PAUSE_MS = 20;
const load = () => readFileSync('/proc/loadavg', 'utf8').trim();

const KINDS = ['email', 'full name', 'last-name prefix', 'frequent word', 'rare word', 'two words'];

/** The mix: a person's email, a full name, a last-name prefix, a frequent word, a rare word, two words. */
function queries(): string[] {
  const out: string[] = [];
  for (let k = 0; k < 20; k++) {
    const i = (k * 7919) % N;
    const p = corpus.person(i);
    out.push(p.email, `${p.first} ${p.last}`, p.last.slice(0, 4), corpus.word(k % 10), corpus.word(3000 + k));
    out.push(`${corpus.word(k)} ${corpus.word(500 + k)}`);
  }
  return out;
}

/** The scan peer's SQL: every word found (`like`) in the profile or a transcript row, newest first, 50. `rows`
 * reads a conversation's transcript rows (SQLite finds them through `item_conv`). */
function scanSql(words: string[], pos: (i: number) => string, rows: string): string {
  const cond = words.map(
    (_, i) => `(lower(v.profile) like ${pos(i)} or exists (select 1 from ${rows} and lower(r.body) like ${pos(i)}))`,
  );
  return `select c.id from conversations c join visitors v on v.id = c.visitor_id
    ${cond.length ? `where ${cond.join(' and ')}` : ''} order by c.started_at desc, c.id desc limit 51`;
}

const p95 = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length * 0.95)];
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** Wall-clock and CPU (this process: user + system) milliseconds of each search, run one at a time. */
async function timeEach(qs: string[], run: (q: string) => Promise<unknown>) {
  const wall: number[] = [];
  const cpu: number[] = [];
  for (const q of qs) {
    await new Promise((resolve) => setTimeout(resolve, PAUSE_MS));
    const c0 = process.cpuUsage();
    const t0 = process.hrtime.bigint();
    await run(q);
    wall.push(Number(process.hrtime.bigint() - t0) / 1e6);
    const c = process.cpuUsage(c0);
    cpu.push((c.user + c.system) / 1000);
  }
  return { wall, cpu };
}

const ratio = (search: number, scan: number) => `1/${Math.round(scan / search)}`;

async function measure(name: string, store: Store, scan: (words: string[]) => Promise<unknown>, inProcess: boolean) {
  const qs = queries();
  await timeEach(qs.slice(0, 12), (q) => store.conversations.search({ text: q, limit: 50 })); // warm-up
  const indexed = await timeEach(qs, (q) => store.conversations.search({ text: q, limit: 50 }));
  const scanned = await timeEach(qs.slice(0, 30), (q) => scan(searchWords(q).map((w) => `%${w}%`)));
  const scanMedian = median(scanned.wall);
  console.log(
    `  ${name}: search p95 ${p95(indexed.wall).toFixed(1)} ms (median ${median(indexed.wall).toFixed(1)}, ${qs.length} queries); ` +
      `full scan median ${scanMedian.toFixed(0)} ms, p95 ${p95(scanned.wall).toFixed(0)} ms (${scanned.wall.length} queries): ` +
      `search p95 ÷ scan median = ${ratio(p95(indexed.wall), scanMedian)} (target ≤ 1/20); load ${load()}`,
  );
  const byKind = KINDS.map((kind, k) => {
    const wall = indexed.wall.filter((_, i) => i % KINDS.length === k);
    return `${kind} ${p95(wall).toFixed(1)} ms (${ratio(p95(wall), scanMedian)})`;
  });
  console.log(`    p95 by kind (÷ scan median): ${byKind.join(', ')}`);
  if (inProcess)
    console.log(
      `    CPU time: search p95 ${p95(indexed.cpu).toFixed(1)} ms, median ${median(indexed.cpu).toFixed(1)}; ` +
        `scan median ${median(scanned.cpu).toFixed(0)} ms: ${ratio(p95(indexed.cpu), median(scanned.cpu))}`,
    );
}

console.log(`search over ${N} conversations: load average ${load()}`);
const dir = mkdtempSync(join(tmpdir(), 'tributary-bench-search-'));
let t0 = Date.now();
fillSqlite(dir, N);
console.log(`  SQLite filled and indexed in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
const sqlite = await openStore({ dataDir: dir }, (err) => console.error(err));
// The scan reads the file as the store does (openDb.ts: memory-mapped).
const db = new Database(join(dir, 'tributary.db'), { readonly: true });
db.pragma(`mmap_size = ${MMAP_SIZE}`);
await measure(
  'SQLite',
  sqlite,
  async (words) =>
    db
      .prepare(scanSql(words, () => '?', 'item_conv k join item_rows r on r.id = k.id where k.conversation_id = c.id'))
      .all(...words.flatMap((w) => [w, w])),
  true,
);
db.close();
await sqlite.close();
rmSync(dir, { recursive: true, force: true });

const server = await TestPostgres.start({ fsync: false });
try {
  const url = await server.createDatabase();
  t0 = Date.now();
  await fillPostgres(url, N);
  console.log(`  PostgreSQL filled and indexed in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  const pgDir = mkdtempSync(join(tmpdir(), 'tributary-bench-search-'));
  const store = await openStore({ dataDir: pgDir, databaseUrl: url }, (err) => console.error(err));
  const pool = new pg.Pool({ connectionString: url, max: 1 });
  await measure(
    'PostgreSQL',
    store,
    (words) =>
      pgQuery(
        pool,
        scanSql(words, () => '?', 'item_rows r where r.conversation_id = c.id'),
        words.flatMap((w) => [w, w]),
      ),
    false,
  );
  await pool.end();
  await store.close();
  rmSync(pgDir, { recursive: true, force: true });
} finally {
  await server.destroy();
}
