/**
 * Results benchmarks (docs/results.md):
 * 1. the visitor step with counting and the webhook outbox on ÷ off (target ≤ 1.1×): the live layer (Hub) on a
 *    SQLite store in a temporary folder, demo conversations (start, answer "No thanks", completed) in batches,
 *    alternating rounds with the recorder on and with a recorder that does nothing; one webhook endpoint
 *    subscribed to every event, so the outbox writes a row per event;
 * 2. the results of a stream with N conversations (default 100,000) from the counters ÷ a full scan of its
 *    stored items (target ≤ 1/100).
 * `node --expose-gc --import tsx bench/results.ts [conversations]`
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import pino from 'pino';
import { seedDemo } from '../runtime/server/demo.ts';
import { Hub } from '../runtime/server/live/hub.ts';
import { readWorkspace } from '../runtime/server/live/router.ts';
import { createVersionCache } from '../runtime/server/live/versionCache.ts';
import { planStart, reply, startConversation } from '../runtime/server/live/visitorOps.ts';
import { streamResults } from '../runtime/server/results/summary.ts';
import { Recorder } from '../runtime/server/results/recorder.ts';
import { newId } from '../runtime/server/store/ids.ts';
import { openStore } from '../runtime/server/store/open.ts';
import { createDraftIO } from '../runtime/server/streams/draftIO.ts';

const root = resolve(import.meta.dirname, '..');
const total = Number(process.argv[2] ?? 100_000);
const metrics = { message() {}, decision() {}, timerLag() {} };
const dir = mkdtempSync(join(tmpdir(), 'tributary-bench-results-'));
const store = await openStore({ dataDir: dir }, (err) => console.error(err));
await seedDemo(store, createDraftIO(store.drafts), root);
const hub = new Hub(
  store,
  createVersionCache(store.streams),
  pino({ level: 'silent' }),
  metrics,
  await readWorkspace(store),
);
await hub.boot();
await store.webhooks.createEndpoint({
  id: 'wh_bench',
  url: 'http://127.0.0.1:9/never-sent',
  events: ['conversation.started', 'attribute.captured', 'goal.reached', 'conversation.ended'],
  secret: 'whsec_YmVuY2g=',
  enabled: true,
  createdAt: Date.now(),
});
const streamId = (await store.streams.list())[0].id;
const real = hub.results;
const off = new Proxy({}, { get: () => () => {} }) as Recorder;
const setRecorder = (r: Recorder) => Object.defineProperty(hub, 'results', { value: r, configurable: true });

/** `n` demo conversations, `batch` per turn: start, then "No thanks" (completed). CPU ms per conversation. */
async function run(n: number, batch: number): Promise<number> {
  const plan = await planStart(hub, newId('v'), 'd_demo', 'http://localhost/demo');
  if ('code' in plan) throw new Error(plan.message);
  const cpu = process.cpuUsage();
  for (let i = 0; i < n; i += batch) {
    for (let j = 0; j < batch && i + j < n; j++) {
      const conv = startConversation(hub, newId('c'), newId('v'), { ...plan, profile: {} });
      reply(hub, conv, { id: 'r', cardId: 'ask', answerId: 'no' }, () => {});
    }
    await store.commit.settled();
  }
  const used = process.cpuUsage(cpu);
  return (used.user + used.system) / 1000 / n;
}

console.log(`results: load average ${(await import('node:fs')).readFileSync('/proc/loadavg', 'utf8').trim()}`);
// 1. The step with and without counting + outbox (warm-up first, then alternating rounds).
await run(500, 50);
const on: number[] = [];
const without: number[] = [];
for (let round = 0; round < 6; round++) {
  setRecorder(off);
  without.push(await run(2000, 50));
  setRecorder(real);
  on.push(await run(2000, 50));
}
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const ratio = median(on) / median(without);
// Where the cost goes: the same rounds with the endpoint disabled (counting only, no outbox rows).
await store.webhooks.setEndpointState('wh_bench', { enabled: false });
const countingOnly: number[] = [];
for (let round = 0; round < 3; round++) countingOnly.push(await run(2000, 50));
await store.webhooks.setEndpointState('wh_bench', { enabled: true });
console.log(
  `  visitor step (start + reply, 50 per turn), CPU per conversation: counting+outbox on ${median(on).toFixed(3)} ms, ` +
    `off ${median(without).toFixed(3)} ms: ${ratio.toFixed(2)}× (target ≤ 1.1×); ` +
    `counting with no endpoint subscribed ${median(countingOnly).toFixed(3)} ms: ${(median(countingOnly) / median(without)).toFixed(2)}×`,
);

// 2. Fill to `total` counted conversations, then the overlay's query against a scan of the items.
setRecorder(real);
const have = (await store.results.sums({ streamId, kinds: ['conv'] })).find((s) => s.key === 'started')?.n ?? 0;
const started = Date.now();
await run(Math.max(0, total - have), 500);
console.log(`  filled to ${total} conversations in ${((Date.now() - started) / 1000).toFixed(1)} s`);
const version = (await store.streams.get(streamId))!.latestVersion!;
const time = async (fn: () => Promise<unknown>, times: number) => {
  const t0 = process.hrtime.bigint();
  for (let i = 0; i < times; i++) await fn();
  return Number(process.hrtime.bigint() - t0) / 1e6 / times;
};
const counters = await time(() => streamResults(store, streamId, version, {}), 20);
/** The peer: every conversation of the version and its transcript read back, cards counted from the entries. */
const scan = await time(async () => {
  const reached = new Map<string, number>();
  const convs = (await store.conversations.query({ limit: 10_000_000 })).filter((c) => c.streamId === streamId);
  for (const c of convs)
    for (const i of await store.conversations.items(c.id))
      if ('cardId' in i && i.cardId) reached.set(i.cardId, (reached.get(i.cardId) ?? 0) + 1);
  return reached;
}, 1);
console.log(
  `  results of ${total} conversations: from counters ${counters.toFixed(2)} ms, full scan of items ${scan.toFixed(0)} ms: ` +
    `1/${Math.round(scan / counters)} (target ≤ 1/100)`,
);
console.log(`  load average after: ${(await import('node:fs')).readFileSync('/proc/loadavg', 'utf8').trim()}`);
hub.router.stop();
await store.close();
rmSync(dir, { recursive: true, force: true });
// The hub's mailer and timers would keep the process alive.
process.exit(0);
