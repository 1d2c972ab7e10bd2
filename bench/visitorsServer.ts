import { readFileSync } from 'node:fs';
import { constants, monitorEventLoopDelay, PerformanceObserver } from 'node:perf_hooks';
import { createInterface } from 'node:readline';
import { getHeapStatistics, writeHeapSnapshot } from 'node:v8';
import pino from 'pino';
import uWS from 'uws';
import { startServer } from '../runtime/server/startServer.ts';
import { ONE_ADDRESS_LOAD } from '../runtime/server/security/config.ts';

/**
 * The server process of bench/visitors.ts, run with `--expose-gc` so that memory is read after a full collection
 * (RSS alone counts garbage and heap slack, which moves by tens of MB between readings). `tributary DATA_DIR` runs
 * the runtime; `peer` runs the peer of SPEC §9: a bare uWebSockets.js server that answers the visitor protocol's
 * frames the runtime sends (welcome; ask; ack, invalid and ask per reply) with constant text, storing nothing.
 *
 * Prints `port N`, then answers lines on stdin:
 *   mark   full GC, print `mem {rss, heap, native}` and start a measuring window (CPU, event-loop delay, GC pauses)
 *   reset  start a measuring window (prints `reset`)
 *   stats  print `stats {cpuUs, eldP50, eldP99, eldMax, gcMs, gcCount}` for the window since the last mark
 */
const [mode, dataDir] = process.argv.slice(2);
const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) throw new Error('run with node --expose-gc');

let port: number;
if (mode === 'peer') {
  const ask = JSON.stringify({
    type: 'ask',
    kind: 'capture',
    cardId: 'email',
    prompt: 'Your email?',
    attribute: 'email',
    input: 'text',
    seq: 1,
    at: 0,
  });
  const invalid = JSON.stringify({
    type: 'invalid',
    cardId: 'email',
    message: 'Please enter a valid email address.',
    seq: 1,
    at: 0,
  });
  const app = uWS.App().ws('/*', {
    maxPayloadLength: 16 * 1024,
    idleTimeout: 120,
    message(ws, msg) {
      const text = Buffer.from(msg).toString('utf8');
      const m = JSON.parse(text) as { type: string; id?: string };
      if (m.type === 'hello')
        ws.send(JSON.stringify({ type: 'welcome', v: 1, visitorId: 'v', now: Date.now(), conversation: null }));
      else if (m.type === 'start') ws.send(ask);
      else if (m.type === 'reply')
        ws.cork(() => (ws.send(JSON.stringify({ type: 'ack', id: m.id, seq: 1 })), ws.send(invalid), ws.send(ask)));
    },
  });
  port = await new Promise<number>((resolve) =>
    app.listen(0, (s) => resolve(uWS.us_socket_local_port(s as uWS.us_listen_socket))),
  );
} else {
  // DATABASE_URL (bench/visitors.ts with `postgres`): the runtime stores in PostgreSQL instead of SQLite in dataDir.
  const server = await startServer({
    port: 0,
    dataDir,
    databaseUrl: process.env.DATABASE_URL || undefined,
    logger: pino({ level: 'warn' }),
    security: ONE_ADDRESS_LOAD,
  });
  port = server.port;
  process.once('SIGTERM', () => void server.close().then(() => process.exit(0)));
}

const eld = monitorEventLoopDelay({ resolution: 1 });
let gcMs = 0;
let gcCount = 0;
/** Full (mark-compact) collections apart: they are the long pauses. */
let gcMajorMs = 0;
let gcMajorCount = 0;
let gcMaxMs = 0;
new PerformanceObserver((list) => {
  for (const e of list.getEntries()) {
    gcMs += e.duration;
    gcCount++;
    gcMaxMs = Math.max(gcMaxMs, e.duration);
    if ((e as { detail?: { kind?: number } }).detail?.kind === constants.NODE_PERFORMANCE_GC_MAJOR)
      ((gcMajorMs += e.duration), gcMajorCount++);
  }
}).observe({ entryTypes: ['gc'] });
let cpu = process.cpuUsage();
/** CPU of the main thread alone (the event loop), from /proc, in µs; the rest of the process's CPU is its
 * threads' (WAL syncs on libuv's pool, the checkpoint thread, uWS). */
const mainThreadUs = () => {
  try {
    const f = readFileSync(`/proc/self/task/${process.pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return ((Number(f[11]) + Number(f[12])) * 1e6) / 100;
  } catch {
    return NaN;
  }
};
let mainCpu = mainThreadUs();

let snapshots = 0;

createInterface({ input: process.stdin }).on('line', (line) => {
  if (line === 'mark') {
    gc();
    gc();
    const m = process.memoryUsage();
    // V8 gives freed heap pages back to the OS lazily (start-up's among them), so RSS minus the heap's resident
    // pages is the native memory, and the live heap is counted as used bytes.
    const native = m.rss - getHeapStatistics().total_physical_size;
    // File pages mapped into the process (the runtime maps its SQLite file: openDb.ts) count in RSS, though they
    // are the kernel's page cache, which a read() would fill just the same without counting them here.
    const kb = /RssFile:\s+(\d+) kB/.exec(readFileSync('/proc/self/status', 'utf8'));
    const file = kb ? Number(kb[1]) * 1024 : 0;
    // HEAP_SNAPSHOT_DIR: a heap snapshot at each reading (after the numbers), to compare in Chrome's DevTools.
    const dir = process.env.HEAP_SNAPSHOT_DIR;
    if (dir) writeHeapSnapshot(`${dir}/${mode}-${++snapshots}.heapsnapshot`);
    console.log(`mem ${JSON.stringify({ rss: m.rss, heap: m.heapUsed, native, file })}`);
  }
  if (line === 'mark' || line === 'reset') {
    if (line === 'reset') console.log('reset');
    eld.reset();
    eld.enable();
    gcMs = gcCount = gcMajorMs = gcMajorCount = gcMaxMs = 0;
    cpu = process.cpuUsage();
    mainCpu = mainThreadUs();
  } else if (line === 'stats') {
    const c = process.cpuUsage(cpu);
    const ms = (ns: number) => ns / 1e6;
    console.log(
      `stats ${JSON.stringify({ cpuUs: c.user + c.system, eldP50: ms(eld.percentile(50)), eldP99: ms(eld.percentile(99)), eldMax: ms(eld.max), gcMs, gcCount, gcMajorMs, gcMajorCount, gcMaxMs, mainUs: mainThreadUs() - mainCpu })}`,
    );
  }
});
console.log(`port ${port}`);
