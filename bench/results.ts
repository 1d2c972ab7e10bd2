/**
 * Results benchmarks (docs/results.md):
 * 1. the visitor step with counting and the webhook outbox on ÷ off (target ≤ 1.1×): the live layer (Hub) on a
 *    store of its own (SQLite in a temporary folder, or a throwaway PostgreSQL with fsync on), demo conversations
 *    (start, answer "No thanks", completed) 50 per turn, in rounds that each run three ways one after the other
 *    (in a rotating order): a recorder that does nothing (off), counting with no endpoint subscribed, and counting
 *    with one webhook endpoint subscribed to every event (on: the outbox stores every event). The ratio is the
 *    median of the rounds' on ÷ off, each round's two measured a moment apart (the machine is shared: its load
 *    drifts between rounds). The outbox's fan-out to deliveries (the delivery worker's part, off the step) is
 *    measured after each "on" run and reported beside;
 * 2. the results of a stream with N conversations (default 100,000) from the counters ÷ a full scan of its
 *    stored items (target ≤ 1/100).
 * `node --expose-gc --import tsx bench/results.ts [conversations] [sqlite|postgres]`. On PostgreSQL the CPU of
 * its processes is read from /proc (bench/pgCpu.ts) and reported beside the runtime's.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
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
import { FAN_OUT_BATCH } from '../runtime/server/store/webhooks.ts';
import { createDraftIO } from '../runtime/server/streams/draftIO.ts';
import type { Outbox } from '../runtime/server/webhooks/outbox.ts';
import { TestPostgres } from '../testing/postgres.ts';
import { pgCpuUs } from './pgCpu.ts';

const root = resolve(import.meta.dirname, '..');
const total = Number(process.argv[2] ?? 100_000);
const backend = process.argv[3] === 'postgres' ? 'postgres' : 'sqlite';
const loadavg = () => readFileSync('/proc/loadavg', 'utf8').trim();
const metrics = { message() {}, decision() {}, timerLag() {} };
const dir = mkdtempSync(join(tmpdir(), 'tributary-bench-results-'));
const pg = backend === 'postgres' ? await TestPostgres.start() : undefined;
const databaseUrl = pg ? await pg.createDatabase('bench') : undefined;
const store = await openStore({ dataDir: dir, databaseUrl }, (err) => console.error(err));
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
/** The hub's outbox (the recorder's own), to wait until it knows the endpoint's new state. */
const outbox = (real as unknown as { outbox: Outbox }).outbox;

/** CPU (µs) of this process and, on PostgreSQL, of its server. */
const cpuNow = () => {
  const u = process.cpuUsage();
  return { runtime: u.user + u.system, db: pg ? pgCpuUs(pg) : 0 };
};
type Cpu = { runtime: number; db: number };
const cpuSince = (t0: Cpu, n: number): Cpu => {
  const t = cpuNow();
  return { runtime: (t.runtime - t0.runtime) / 1000 / n, db: (t.db - t0.db) / 1000 / n };
};

/** `n` demo conversations, `batch` per turn: start, then "No thanks" (completed). CPU ms per conversation. */
async function run(n: number, batch: number): Promise<Cpu> {
  const plan = await planStart(hub, newId('v'), 'd_demo', 'http://localhost/demo');
  if ('code' in plan) throw new Error(plan.message);
  // Each run starts on a collected heap, so that no run pays for garbage another one made.
  globalThis.gc?.();
  const t0 = cpuNow();
  for (let i = 0; i < n; i += batch) {
    for (let j = 0; j < batch && i + j < n; j++) {
      const conv = startConversation(hub, newId('c'), newId('v'), { ...plan, profile: {} });
      reply(hub, conv, { id: 'r', cardId: 'ask', answerId: 'no' }, () => {});
    }
    await store.commit.settled();
  }
  return cpuSince(t0, n);
}

/** What the delivery worker does with the stored events before sending them: their deliveries. CPU per conversation. */
async function fanOut(conversations: number): Promise<Cpu> {
  const t0 = cpuNow();
  while ((await store.webhooks.fanOut(FAN_OUT_BATCH)) === FAN_OUT_BATCH);
  return cpuSince(t0, conversations);
}

/** The endpoint on or off, and the outbox told (its set of subscribed types read again). */
async function subscribed(enabled: boolean): Promise<void> {
  await store.webhooks.setEndpointState('wh_bench', { enabled });
  while (outbox.subscriptions.wants('conversation.started') !== enabled) await new Promise((r) => setTimeout(r, 5));
}

console.log(`results on ${backend}: load average ${loadavg()}`);
// 1. The step off, counting only, and counting + outbox (warm-up first, then rounds in a rotating order).
const ROUNDS = 9;
const PER_RUN = 1000;
await run(500, 50);
await fanOut(500);
const ways = {
  off: async () => (setRecorder(off), run(PER_RUN, 50)),
  counting: async () => (setRecorder(real), await subscribed(false), run(PER_RUN, 50)),
  on: async () => (setRecorder(real), await subscribed(true), run(PER_RUN, 50)),
};
const names = Object.keys(ways) as (keyof typeof ways)[];
const got: Record<keyof typeof ways, Cpu[]> = { off: [], counting: [], on: [] };
const fanned: Cpu[] = [];
for (let round = 0; round < ROUNDS; round++)
  for (let k = 0; k < names.length; k++) {
    const name = names[(round + k) % names.length];
    got[name].push(await ways[name]());
    if (process.env.BENCH_VERBOSE) console.log(name, got[name].at(-1));
    if (name === 'on') fanned.push(await fanOut(PER_RUN));
  }
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const ms = (xs: number[]) => median(xs).toFixed(3);
const ratios = (way: keyof typeof ways, cpu: (c: Cpu) => number) => {
  const r = got[way].map((c, i) => cpu(c) / cpu(got.off[i]));
  return `${median(r).toFixed(2)}× (rounds ${Math.min(...r).toFixed(2)}–${Math.max(...r).toFixed(2)}×)`;
};
const runtime = (c: Cpu) => c.runtime;
const both = (c: Cpu) => c.runtime + c.db;
console.log(
  `  visitor step (start + reply, 50 per turn), runtime CPU per conversation, median of ${ROUNDS} rounds: ` +
    `off ${ms(got.off.map(runtime))} ms, counting with no endpoint subscribed ${ms(got.counting.map(runtime))} ms, ` +
    `counting+outbox with one subscribed endpoint ${ms(got.on.map(runtime))} ms`,
);
console.log(
  `  counting+outbox on ÷ off: ${ratios('on', runtime)} (target ≤ 1.1×); counting alone: ${ratios('counting', runtime)}`,
);
console.log(
  `  the outbox's fan-out to deliveries (delivery worker, off the step): ${ms(fanned.map(runtime))} ms runtime CPU per conversation`,
);
if (pg) {
  console.log(
    `  PostgreSQL's CPU per conversation: off ${ms(got.off.map((c) => c.db))} ms, counting ${ms(got.counting.map((c) => c.db))} ms, ` +
      `on ${ms(got.on.map((c) => c.db))} ms, fan-out ${ms(fanned.map((c) => c.db))} ms`,
  );
  console.log(
    `  runtime + PostgreSQL CPU, on ÷ off: ${ratios('on', both)}; counting alone: ${ratios('counting', both)}`,
  );
}

// 2. Fill to `total` counted conversations, then the overlay's query against a scan of the items.
// (No endpoint subscribed while filling: the counters are what is measured here.)
setRecorder(real);
await subscribed(false);
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
console.log(`  load average after: ${loadavg()}`);
hub.router.stop();
await store.close();
await pg?.destroy();
rmSync(dir, { recursive: true, force: true });
// The hub's mailer and timers would keep the process alive.
process.exit(0);
