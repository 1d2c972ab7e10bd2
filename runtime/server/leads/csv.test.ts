import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { openStore } from '../store/open.ts';
import { bootServer, type TestServer } from '../testkit.ts';
import { FILL_ATTRIBUTES, fillLeads } from './test/fill.ts';

/**
 * The leads CSV of 100,000 conversations, streamed by a real server: every row arrives, and the memory the
 * process keeps while it streams (the heap after a full collection) stays a small fraction of the CSV's size,
 * because rows are read from the store a batch at a time and written as the client takes them.
 */
const N = 100_000;
setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

let t: TestServer;
let dataDir: string;
let streamId: string;
let marketer: string;

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'tributary-csv-'));
  // SQLite whatever the test store: filling 100,000 rows one insert at a time takes minutes on PostgreSQL here;
  // the store's keyset pages are checked on both backends by the contract suite.
  const databaseUrl = undefined;
  // The first start seeds the demo workspace; then the store is filled directly, and the server starts again.
  await (await bootServer({ dataDir, databaseUrl })).close();
  const store = await openStore({ dataDir, databaseUrl }, () => undefined);
  streamId = (await store.streams.list())[0].id;
  await fillLeads(store, streamId, N);
  await store.close();
  t = await bootServer({ dataDir, databaseUrl });
  marketer = await t.login('marketer@demo.test');
}, 300_000);

afterAll(async () => {
  await t?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

it('streams 100,000 rows with the memory kept bounded (a fraction of the CSV)', async () => {
  gc();
  const base = process.memoryUsage();
  const res = await fetch(`${t.base}/api/streams/${streamId}/leads.csv`, {
    headers: { authorization: `Bearer ${marketer}` },
  });
  expect(res.status).toBe(200);
  const reader = res.body!.getReader();
  const decoder = new TextDecoder();
  let bytes = 0;
  let lines = 0;
  let header = '';
  let chunks = 0;
  let peakHeap = 0;
  let peakRss = 0;
  for (;;) {
    const { value, done } = await reader.read();
    if (done) break;
    bytes += value.byteLength;
    const text = decoder.decode(value, { stream: true });
    if (!header) header = text.slice(0, text.indexOf('\n'));
    for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) lines++;
    // What the process keeps while it streams: the heap after a full collection, every 32 chunks.
    if (++chunks % 32 === 0) {
      gc();
      const m = process.memoryUsage();
      peakHeap = Math.max(peakHeap, m.heapUsed + m.arrayBuffers - base.heapUsed - base.arrayBuffers);
      peakRss = Math.max(peakRss, m.rss - base.rss);
    }
  }
  const mib = (n: number) => (n / 2 ** 20).toFixed(1);
  console.log(
    `leads CSV: ${lines - 1} rows, ${mib(bytes)} MiB in ${chunks} chunks; kept heap grew at most ${mib(peakHeap)} MiB, ` +
      `RSS at most ${mib(peakRss)} MiB`,
  );
  expect(header).toBe(
    `conversationId,startedAt,version,outcome,goal,score,agent,page,${[...FILL_ATTRIBUTES].sort().join(',')}`,
  );
  expect(lines).toBe(N + 1);
  expect(bytes).toBeGreaterThan(25 * 2 ** 20);
  // Were the rows gathered before writing, the heap would hold all of them (more than the CSV's bytes).
  expect(peakHeap).toBeLessThan(bytes / 2);
}, 300_000);
