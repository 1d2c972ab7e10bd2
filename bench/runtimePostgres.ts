import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import uWS from 'uws';
import { ONE_ADDRESS_LOAD } from '../runtime/server/security/config.ts';
import { startServer } from '../runtime/server/startServer.ts';
import { TestPostgres } from '../testing/postgres.ts';
import { TestRedis } from '../testing/redis.ts';
import { pgCpuUs, processCpuUs } from './pgCpu.ts';
import { measure, type Measured } from './stepMeasure.ts';

/**
 * SPEC §9 "runtime step cost" on PostgreSQL: the visitor step (stored before it is acknowledged) with
 * DATABASE_URL against the same step on SQLite and against a bare uWebSockets.js echo, the same client, in the
 * same run, in alternating rounds (target: the PostgreSQL step ≤ 2× the SQLite step). All three servers run in
 * this process; the runtime's CPU is this process's. PostgreSQL works in processes of its own: their CPU (the
 * postmaster and its backends, from /proc) is reported beside it, and a second ratio counts it in. The
 * PostgreSQL server is a throwaway one (`testing/postgres.ts`) with fsync on, as in production.
 *
 * With `cluster`, a fourth server in the same rounds is one node of a cluster (DATABASE_URL and REDIS_URL, a
 * throwaway `redis-server`): what the step costs among nodes (its step in a savepoint of its own, the publish to
 * Redis, the node's presence), against the same step on PostgreSQL alone; Redis's CPU is printed beside it.
 *
 *   node --import tsx bench/runtimePostgres.ts [SOCKETS=200] [IN_FLIGHT=4] [SECONDS=5] [ROUNDS=2] [cluster]
 */
const args = process.argv.slice(2);
const clustered = args[4] === 'cluster';
const [sockets = 200, inflight = 4, seconds = 5, rounds = 2] = args.slice(0, 4).map(Number);
const opts = { sockets, inflight, seconds };
const app = uWS.App().ws('/*', { message: (ws, msg, isBinary) => void ws.send(msg, isBinary) });
const echoPort = await new Promise<number>((resolve) =>
  app.listen(0, (s) => resolve(uWS.us_socket_local_port(s as uWS.us_listen_socket))),
);
const pg = await TestPostgres.start();
const dataDir = mkdtempSync(join(tmpdir(), 'tributary-bench-'));
const common = {
  port: 0,
  dataDir,
  logger: pino({ level: 'warn' }),
  visitorRate: { perSec: 1e6, burst: 1e6 },
  security: ONE_ADDRESS_LOAD,
};
const sqlite = await startServer(common);
const postgres = await startServer({ ...common, databaseUrl: await pg.createDatabase('bench') });
const redis = clustered ? await TestRedis.start() : undefined;
const node = redis
  ? await startServer({ ...common, databaseUrl: await pg.createDatabase('cluster'), redisUrl: redis.url })
  : undefined;

const echoes: Measured[] = [];
const lite: Measured[] = [];
const onPg: (Measured & { pgUs: number })[] = [];
const onNode: (Measured & { pgUs: number; redisUs: number })[] = [];
for (let r = 0; r < rounds; r++) {
  echoes.push(await measure('echo', `ws://127.0.0.1:${echoPort}/`, opts));
  lite.push(await measure('visitor', `ws://127.0.0.1:${sqlite.port}/ws/visitor`, opts));
  let pgBefore = 0;
  let pgUs = 0;
  const m = await measure('visitor', `ws://127.0.0.1:${postgres.port}/ws/visitor`, {
    ...opts,
    around: { start: () => (pgBefore = pgCpuUs(pg)), stop: () => (pgUs = pgCpuUs(pg) - pgBefore) },
  });
  onPg.push({ ...m, pgUs });
  if (!node || !redis) continue;
  let redisBefore = 0;
  let redisUs = 0;
  const c = await measure('visitor', `ws://127.0.0.1:${node.port}/ws/visitor`, {
    ...opts,
    around: {
      start: () => ((pgBefore = pgCpuUs(pg)), (redisBefore = processCpuUs(redis.pid!))),
      stop: () => ((pgUs = pgCpuUs(pg) - pgBefore), (redisUs = processCpuUs(redis.pid!) - redisBefore)),
    },
  });
  onNode.push({ ...c, pgUs, redisUs });
}
(app as unknown as { close(): void }).close();
await sqlite.close();
await postgres.close();
await node?.close();
await redis?.stop();
await pg.destroy();
rmSync(dataDir, { recursive: true, force: true });

const per = (m: Measured) => m.cpuUs / m.n;
const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
console.log(
  `machine: load average ${loadavg()
    .map((l) => l.toFixed(1))
    .join(' ')} (other work skews every figure)`,
);
console.log(
  `visitor step on PostgreSQL vs SQLite vs bare uWS echo (${sockets} sockets, ${inflight} in flight, ${seconds} s a round, ${rounds} alternating rounds)`,
);
for (let r = 0; r < rounds; r++) {
  const p = onPg[r];
  console.log(
    `  round ${r + 1}: echo ${per(echoes[r]).toFixed(1)} µs/msg; SQLite step ${per(lite[r]).toFixed(1)} µs (${Math.round(lite[r].n / seconds)}/s); ` +
      `PostgreSQL step ${per(p).toFixed(1)} µs in the runtime + ${(p.pgUs / p.n).toFixed(1)} µs in PostgreSQL (${Math.round(p.n / seconds)}/s)` +
      (onNode[r]
        ? `; a cluster node's step ${per(onNode[r]).toFixed(1)} µs + ${(onNode[r].pgUs / onNode[r].n).toFixed(1)} µs in PostgreSQL + ${(onNode[r].redisUs / onNode[r].n).toFixed(1)} µs in Redis (${Math.round(onNode[r].n / seconds)}/s)`
        : ''),
  );
}
const runtimeRatio = median(onPg.map((p, i) => per(p) / per(lite[i])));
const allRatio = median(onPg.map((p, i) => (p.cpuUs + p.pgUs) / p.n / per(lite[i])));
const echoRatio = median(onPg.map((p, i) => per(p) / per(echoes[i])));
console.log(`  PostgreSQL step ÷ SQLite step (runtime CPU): ${runtimeRatio.toFixed(2)}× (target ≤ 2×)`);
console.log(`  PostgreSQL step with PostgreSQL's own CPU ÷ SQLite step: ${allRatio.toFixed(2)}×`);
console.log(`  PostgreSQL step ÷ bare uWS echo (runtime CPU): ${echoRatio.toFixed(2)}×`);
if (onNode.length) {
  const nodeRatio = median(onNode.map((c, i) => per(c) / per(onPg[i])));
  const nodeAll = median(
    onNode.map((c, i) => (c.cpuUs + c.pgUs + c.redisUs) / c.n / ((onPg[i].cpuUs + onPg[i].pgUs) / onPg[i].n)),
  );
  console.log(`  a cluster node's step ÷ the PostgreSQL step (runtime CPU): ${nodeRatio.toFixed(2)}×`);
  console.log(`  the same with PostgreSQL's and Redis's CPU: ${nodeAll.toFixed(2)}×`);
}
process.exit(0);
