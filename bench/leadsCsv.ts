/**
 * Leads CSV benchmark (docs/results.md): a SQLite store in a temporary folder with N conversations (default
 * 100,000), each with eight captured attributes and a goal; in one run:
 * 1. the CSV streamed by a real server over HTTP (`GET /api/streams/{id}/leads.csv`), read by a client in this
 *    process: time, rows a second, and the heap kept while it streams (after full collections);
 * 2. its peer, the same CSV built whole in memory (every row read at once, then one string), as a server without
 *    a streaming response would: time and the heap kept at its end.
 * `node --import tsx bench/leadsCsv.ts [conversations]`
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { stringify } from 'csv-stringify/sync';
import { CSV_COLUMNS } from '../runtime/server/leads/csv.ts';
import { fillLeads } from '../runtime/server/leads/test/fill.ts';
import { openStore } from '../runtime/server/store/open.ts';
import { bootServer } from '../runtime/server/testkit.ts';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;
const n = Number(process.argv[2] ?? 100_000);
const mib = (b: number) => (b / 2 ** 20).toFixed(1);
const kept = () => {
  gc();
  const m = process.memoryUsage();
  return m.heapUsed + m.arrayBuffers;
};

console.log(`leadsCsv: load average ${readFileSync('/proc/loadavg', 'utf8').trim()}`);
const dataDir = mkdtempSync(join(tmpdir(), 'tributary-bench-leads-'));
await (await bootServer({ dataDir })).close();
const store = await openStore({ dataDir }, (err) => console.error(err));
const streamId = (await store.streams.list())[0].id;
await fillLeads(store, streamId, n);
await store.close();
const t = await bootServer({ dataDir });
const token = await t.login('marketer@demo.test');

// 1. Streamed.
let base = kept();
let peak = 0;
let started = performance.now();
const res = await fetch(`${t.base}/api/streams/${streamId}/leads.csv`, {
  headers: { authorization: `Bearer ${token}` },
});
const reader = res.body!.getReader();
let bytes = 0;
let chunks = 0;
for (;;) {
  const { value, done } = await reader.read();
  if (done) break;
  bytes += value.byteLength;
  if (++chunks % 32 === 0) peak = Math.max(peak, kept() - base);
}
const streamedMs = performance.now() - started;
const streamedPeak = peak;

// 2. Built whole in memory (the peer), after the server is gone.
await t.close();
const again = await openStore({ dataDir }, (err) => console.error(err));
base = kept();
started = performance.now();
const attributes = await again.leads.attributes(streamId);
const rows = await again.leads.page({ streamId, limit: n + 1 });
const whole =
  stringify([[...CSV_COLUMNS, ...attributes]]) +
  stringify(
    rows.map((r) => [
      r.conversationId,
      new Date(r.startedAt).toISOString(),
      r.version,
      r.outcome,
      r.goal ?? '',
      r.score,
      r.agentId ?? '',
      r.page ?? '',
      ...attributes.map((a) => r.attributes[a] ?? ''),
    ]),
  );
const wholeMs = performance.now() - started;
const wholePeak = kept() - base;
console.log(
  `leads CSV of ${n} conversations (${mib(bytes)} MiB): streamed over HTTP ${streamedMs.toFixed(0)} ms ` +
    `(${Math.round((n / streamedMs) * 1000)} rows/s), heap kept at most ${mib(streamedPeak)} MiB; ` +
    `built whole in memory ${wholeMs.toFixed(0)} ms, heap kept ${mib(wholePeak)} MiB ` +
    `(${whole.length} characters): streamed keeps ${(streamedPeak / wholePeak).toFixed(3)}× the memory, ` +
    `takes ${(streamedMs / wholeMs).toFixed(2)}× the time (with the HTTP client in the same process)`,
);
await again.close();
rmSync(dataDir, { recursive: true, force: true });
console.log(`leadsCsv: load average ${readFileSync('/proc/loadavg', 'utf8').trim()}`);
// Something of the two servers started here (uws's loop) keeps the process alive after closing: the runner
// waits for this process to exit.
process.exit(0);
