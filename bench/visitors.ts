import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import pgClient from 'pg';
import { TestPostgres } from '../testing/postgres.ts';
import { pgCpuUs } from './pgCpu.ts';

/**
 * SPEC §9 "visitors": N (default 19,000) concurrent visitor sockets on one server process, each sending one step
 * per 5 s; the step round trip (reply → ack, stored before ack) p99 and the server's memory per connected visitor
 * beyond start-up, against the peer measured in the same run with the same client: a bare uWebSockets.js server
 * answering the same frames from constants (./visitorsServer.ts). Server and load client are separate processes on
 * loopback; the file limit here is 20,000 per process (`ulimit -n`). Memory is read after a full GC in the server,
 * as live JS heap plus native memory (RSS less the heap's resident pages): garbage, heap slack and start-up pages
 * V8 has not yet given back are not per-visitor cost (raw RSS once read -0.7 kB per socket for the peer). The client's own CPU and event-loop delay are printed: a
 * round trip includes them, and on a loaded machine they can dominate. Bounded: set-up plus SECONDS per server.
 *
 * With `postgres` the runtime stores in a throwaway PostgreSQL (`testing/postgres.ts`, fsync on, as in production)
 * instead of SQLite, and PostgreSQL's own CPU per step (its processes, from /proc) is printed beside the server's.
 *
 *   node --import tsx bench/visitors.ts [N=19000] [SECONDS=30] [peer|tributary|both=both] [sqlite|postgres=sqlite]
 *   SERVER_NODE_FLAGS='--cpu-prof --cpu-prof-dir=/tmp/p' node --import tsx bench/visitors.ts   # profile the server
 *   HEAP_SNAPSHOT_DIR=/tmp/h node --expose-gc --import tsx bench/visitors.ts 3000 10 tributary   # heap at each reading
 *   PG_STATEMENTS=1 node --import tsx bench/visitors.ts 10000 20 tributary postgres   # PostgreSQL's statements by time
 */
const [nArg = '19000', secondsArg = '30', which = 'both', store = 'sqlite'] = process.argv.slice(2);
const n = Number(nArg);
const seconds = Number(secondsArg);
const root = new URL('..', import.meta.url).pathname;
const wait = (ms: number) => new Promise((r) => setTimeout(r, ms));
// Children never outlive the benchmark, even when it fails.
const children = new Set<ChildProcess>();
process.on('exit', () => children.forEach((c) => c.kill('SIGKILL')));

/** Resolves with the first match of `re` in the child's stdout from now on. */
function expect(child: ChildProcess, re: RegExp): Promise<RegExpExecArray> {
  return new Promise((resolve) => {
    let out = '';
    const on = (d: Buffer) => {
      out += d;
      const m = re.exec(out);
      if (m) (child.stdout!.off('data', on), resolve(m));
    };
    child.stdout!.on('data', on);
  });
}

interface Mem {
  rss: number;
  /** Live JS heap after a full GC. */
  heap: number;
  /** RSS minus the JS heap's resident pages: uws, SQLite, buffers. */
  native: number;
  /** File pages mapped into the process (RssFile): the database file's, the kernel's page cache. */
  file: number;
}

// PG_STATEMENTS=1: PostgreSQL keeps statement statistics (pg_stat_statements), printed after the run: where its
// time goes, per statement.
const statements = process.env.PG_STATEMENTS === '1';
const pg =
  store === 'postgres'
    ? await TestPostgres.start(
        statements
          ? { settings: { shared_preload_libraries: 'pg_stat_statements', 'pg_stat_statements.track': 'all' } }
          : {},
      )
    : undefined;
// A run that fails does not leave PostgreSQL behind (fast shutdown of its postmaster).
process.on('exit', () => {
  if (!pg?.running) return;
  const postmaster = Number(readFileSync(join(pg.dir, 'data', 'postmaster.pid'), 'utf8').split('\n')[0]);
  process.kill(postmaster, 'SIGINT');
});

async function run(mode: 'peer' | 'tributary') {
  const dataDir = mkdtempSync(join(tmpdir(), 'tributary-visitors-'));
  const databaseUrl = mode === 'tributary' && pg ? await pg.createDatabase() : undefined;
  const flags = process.env.SERVER_NODE_FLAGS?.split(' ').filter(Boolean) ?? [];
  const server = spawn(
    process.execPath,
    [
      ...flags,
      '--expose-gc',
      '--import',
      'tsx',
      new URL('./visitorsServer.ts', import.meta.url).pathname,
      mode,
      dataDir,
    ],
    {
      cwd: root,
      stdio: ['pipe', 'pipe', 'inherit'],
      env: databaseUrl ? { ...process.env, DATABASE_URL: databaseUrl } : process.env,
    },
  );
  children.add(server);
  const port = Number((await expect(server, /port (\d+)/))[1]);
  const ask = async (line: string, re: RegExp) => {
    const got = expect(server, re);
    server.stdin!.write(`${line}\n`);
    const m = await got;
    return m[1] === undefined ? undefined : JSON.parse(m[1]);
  };
  const dialogueId = mode === 'tributary' ? await setUp(`http://127.0.0.1:${port}`) : 'd_peer';
  // Start-up garbage (the TypeScript loader's among it) is given back to the OS over a few seconds: read the
  // baseline once it has settled, or the visitors' memory hides in what start-up frees.
  await wait(1000);
  await ask('mark', /mem (.*)\n/);
  await wait(2000);
  const baseline: Mem = await ask('mark', /mem (.*)\n/);

  const started = performance.now();
  const client = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      new URL('./visitorsClient.ts', import.meta.url).pathname,
      `ws://127.0.0.1:${port}/ws/visitor`,
      dialogueId,
      String(n),
      '5',
      String(seconds),
    ],
    {
      stdio: ['pipe', 'pipe', 'inherit'],
    },
  );
  children.add(client);
  await expect(client, /ready/);
  const setupSec = (performance.now() - started) / 1000;
  await wait(5000); // one period of load before measuring
  const connected: Mem = await ask('mark', /mem (.*)\n/);
  // The forced GC stalls the server; replies queued meanwhile would be timed in the window. Let them drain.
  await wait(2000);
  await ask('stats', /stats (.*)\n/);
  await ask('reset', /reset\n/);
  const resultP = expect(client, /result (.*)\n/);
  if (databaseUrl && statements) await resetStatements(databaseUrl);
  const pgBefore = databaseUrl && pg ? pgCpuUs(pg) : 0;
  client.stdin!.write('go\n');
  // A run that answered nothing in the window has no percentiles (JSON null): NaN, printed, not a crash.
  const result = JSON.parse((await resultP)[1], (_, v) => v ?? NaN);
  const stats = await ask('stats', /stats (.*)\n/);
  const pgUs = databaseUrl && pg ? pgCpuUs(pg) - pgBefore : undefined;
  if (databaseUrl && statements) await printStatements(databaseUrl);
  server.kill('SIGTERM');
  await new Promise((r) => server.once('exit', r));
  children.delete(server);
  rmSync(dataDir, { recursive: true, force: true });
  return {
    setupSec,
    baseline,
    connected,
    result,
    stats,
    pgUs,
    perVisitorKb: (connected.heap + connected.native - baseline.heap - baseline.native) / 1024 / n,
    rssPerVisitorKb: (connected.rss - baseline.rss) / 1024 / n,
    heapPerVisitorKb: (connected.heap - baseline.heap) / 1024 / n,
    filePerVisitorKb: (connected.file - baseline.file) / 1024 / n,
  };
}

/** A dialogue whose capture keeps asking: every reply is one full engine step, stored before its ack. */
async function setUp(base: string): Promise<string> {
  const api = async (method: string, path: string, token?: string, body?: unknown) => {
    const r = await fetch(base + path, {
      method,
      headers: token ? { authorization: `Bearer ${token}` } : {},
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return r.json() as Promise<any>;
  };
  const { token } = await api('POST', '/api/session', undefined, {
    email: 'marketer@demo.test',
    password: 'tributary-demo',
  });
  const stream = {
    format: 'tributary.stream/1',
    name: 'Bench',
    start: 'email',
    cards: [
      {
        id: 'email',
        type: 'capture',
        data: { attribute: 'email', prompt: 'Your email?', input: 'text', ifKnown: 'overwrite' },
      },
    ],
    edges: [],
  };
  const { id: streamId } = await api('POST', '/api/streams', token, stream);
  await api('POST', `/api/streams/${streamId}/publish`, token);
  const { id } = await api('POST', '/api/dialogues', token, { name: 'Bench', streamId, include: ['/bench'] });
  return id;
}

async function withDb<T>(url: string, fn: (c: pgClient.Client) => Promise<T>): Promise<T> {
  const c = new pgClient.Client({ connectionString: url });
  await c.connect();
  try {
    return await fn(c);
  } finally {
    await c.end();
  }
}

const resetStatements = (url: string) =>
  withDb(url, async (c) => {
    await c.query('create extension if not exists pg_stat_statements');
    await c.query('select pg_stat_statements_reset()');
  });

/** The statements that took PostgreSQL's time in the measured window, most first. */
const printStatements = (url: string) =>
  withDb(url, async (c) => {
    const { rows } = await c.query(
      `select calls, rows, total_exec_time t, mean_exec_time m, regexp_replace(query, '\\s+', ' ', 'g') q
       from pg_stat_statements order by total_exec_time desc limit 8`,
    );
    console.log('    PostgreSQL statements in the window (pg_stat_statements), by total time:');
    for (const r of rows)
      console.log(
        `      ${Number(r.calls)} calls, ${Number(r.rows)} rows, ${Number(r.t).toFixed(0)} ms total, ${Number(r.m).toFixed(3)} ms mean: ${String(r.q).slice(0, 110)}`,
      );
  });

type Run = Awaited<ReturnType<typeof run>>;
const print = (name: string, r: Run) => {
  const { result: x, stats: s } = r;
  console.log(
    `  ${name}: set-up ${r.setupSec.toFixed(1)} s; round trip p50 ${x.p50.toFixed(2)} ms, p99 ${x.p99.toFixed(2)} ms, max ${x.max.toFixed(1)} ms over ${x.steps} steps; errors ${x.failures}, closed ${x.closed}`,
  );
  console.log(
    `    server: ${r.perVisitorKb.toFixed(2)} kB per visitor after GC (live JS heap ${r.heapPerVisitorKb.toFixed(2)} kB + native ${(r.perVisitorKb - r.heapPerVisitorKb).toFixed(2)} kB; raw RSS delta ${r.rssPerVisitorKb.toFixed(2)} kB, of which mapped file pages ${r.filePerVisitorKb.toFixed(2)} kB); CPU ${((100 * s.cpuUs) / (seconds * 1e6)).toFixed(0)}% of a core, ${(s.cpuUs / Math.max(1, x.steps)).toFixed(1)} µs per step (main thread ${(s.mainUs / Math.max(1, x.steps)).toFixed(1)}); event-loop delay p50 ${s.eldP50.toFixed(1)} ms, p99 ${s.eldP99.toFixed(1)} ms, max ${s.eldMax.toFixed(0)} ms; GC ${s.gcMs.toFixed(0)} ms in ${s.gcCount} pauses (full ${s.gcMajorMs.toFixed(0)} ms in ${s.gcMajorCount}; longest ${s.gcMaxMs.toFixed(1)} ms)`,
  );
  if (r.pgUs !== undefined)
    console.log(
      `    PostgreSQL's processes: CPU ${((100 * r.pgUs) / (seconds * 1e6)).toFixed(0)}% of a core, ${(r.pgUs / Math.max(1, x.steps)).toFixed(1)} µs per step`,
    );
  console.log(
    `    client: CPU ${(100 * x.clientCpu).toFixed(0)}% of a core, event-loop delay p99 ${x.clientEldP99.toFixed(1)} ms`,
  );
};

const load = () =>
  loadavg()
    .map((l) => l.toFixed(1))
    .join(' ');
console.log(
  `machine: ${cpus().length} cores, load average ${load()} at start (other work on the machine skews every figure)`,
);
console.log(
  `visitors: ${n} concurrent sockets, one step per 5 s each (${(n / 5).toFixed(0)} steps/s), ${seconds} s measured per server; the runtime stores in ${pg ? 'PostgreSQL (fsync on)' : 'SQLite'}`,
);
const peer = which !== 'tributary' ? await run('peer') : undefined;
if (peer) print('bare uWS peer (same frames, nothing stored)', peer);
const trib = which !== 'peer' ? await run('tributary') : undefined;
if (trib) print('tributary (stored before ack)', trib);
if (trib)
  console.log(
    `  targets: p99 ${trib.result.p99.toFixed(2)} ms (≤ 10 ms), ${trib.perVisitorKb.toFixed(2)} kB per visitor (≤ 4 kB; ${(trib.perVisitorKb - trib.filePerVisitorKb).toFixed(2)} kB without the mapped file pages)`,
  );
if (peer && trib) {
  console.log(
    `  ratios to the peer: p99 ${(trib.result.p99 / peer.result.p99).toFixed(1)}×, memory per visitor ${(trib.perVisitorKb / peer.perVisitorKb).toFixed(1)}×, CPU per step ${(trib.stats.cpuUs / trib.result.steps / (peer.stats.cpuUs / peer.result.steps)).toFixed(1)}×`,
  );
}
console.log(`machine load average at the end: ${load()}`);
await pg?.destroy();
process.exit(0);
