import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import uWS from 'uws';
import { startServer } from '../runtime/server/startServer.ts';
import { ONE_ADDRESS_LOAD } from '../runtime/server/security/config.ts';
import { measure, type Measured } from './stepMeasure.ts';

/**
 * SPEC §9 "runtime step cost": server CPU time per visitor step (stored before it is acknowledged) ÷ CPU time per
 * message of a bare uWebSockets.js echo server, with the same client (./runtimeClient.ts, its own process), in the
 * same run. Both servers run in this process, measured in turns; this process does nothing else meanwhile, so
 * its CPU time (all its threads: the WAL sync and checkpoint threads count) is the server's. Target ≤ 3×.
 *
 *   node --import tsx bench/runtime.ts [SOCKETS=200] [IN_FLIGHT=4] [SECONDS=5] [ROUNDS=2]
 */
const [sockets = 200, inflight = 4, seconds = 5, rounds = 2] = process.argv.slice(2).map(Number);

// A bare uWebSockets.js echo server and the runtime, both kept up and measured in alternating rounds: the machine's
// other load changes from second to second, and alternating gives both the same share of it.
const app = uWS.App().ws('/*', { message: (ws, msg, isBinary) => void ws.send(msg, isBinary) });
const echoPort = await new Promise<number>((resolve) =>
  app.listen(0, (s) => resolve(uWS.us_socket_local_port(s as uWS.us_listen_socket))),
);
const dataDir = mkdtempSync(join(tmpdir(), 'tributary-bench-'));
const server = await startServer({
  port: 0,
  dataDir,
  logger: pino({ level: 'warn' }),
  visitorRate: { perSec: 1e6, burst: 1e6 },
  security: ONE_ADDRESS_LOAD,
});
type M = Measured;
const echoes: M[] = [];
const steps: M[] = [];
for (let r = 0; r < rounds; r++) {
  echoes.push(await measure('echo', `ws://127.0.0.1:${echoPort}/`, { sockets, inflight, seconds }));
  steps.push(await measure('visitor', `ws://127.0.0.1:${server.port}/ws/visitor`, { sockets, inflight, seconds }));
}
(app as unknown as { close(): void }).close();
await server.close();
rmSync(dataDir, { recursive: true, force: true });

const per = (m: M) => m.cpuUs / m.n;
const best = (ms: M[]) => ms.reduce((a, b) => (per(b) < per(a) ? b : a));
const echo = best(echoes);
const visitor = best(steps);
const perEcho = per(echo);
const perStep = per(visitor);
const os = await import('node:os');
console.log(
  `machine: ${os.cpus().length} cores, load average ${os
    .loadavg()
    .map((l) => l.toFixed(1))
    .join(' ')} (other work on the machine skews every figure)`,
);
console.log(
  `runtime step cost (${sockets} sockets, ${inflight} in flight each, ${seconds} s per round, ${rounds} alternating rounds, best of each)`,
);
console.log(
  `  rounds (µs per message, echo / step): ${echoes.map((e, i) => `${per(e).toFixed(1)} / ${per(steps[i]).toFixed(1)}`).join(', ')}`,
);
console.log(
  `  bare uWS echo:   ${echo.n} messages, ${perEcho.toFixed(2)} µs CPU per message (${Math.round(echo.n / seconds)}/s)`,
);
console.log(
  `  visitor step:    ${visitor.n} steps,    ${perStep.toFixed(2)} µs CPU per step (${Math.round(visitor.n / seconds)}/s), stored before ack`,
);
console.log(
  `  user/system µs: step ${(visitor.user / visitor.n).toFixed(1)}/${(visitor.system / visitor.n).toFixed(1)}, echo ${(echo.user / echo.n).toFixed(1)}/${(echo.system / echo.n).toFixed(1)}`,
);
// Each round's step against the echo measured next to it, then the median: robust to one noisy round.
const ratios = steps.map((st, i) => per(st) / per(echoes[i])).sort((a, b) => a - b);
const median =
  ratios.length % 2 ? ratios[(ratios.length - 1) / 2] : (ratios[ratios.length / 2 - 1] + ratios[ratios.length / 2]) / 2;
console.log(
  `  ratio: ${median.toFixed(2)}× median of rounds (${ratios.map((r) => r.toFixed(2)).join(', ')}); best step / best echo ${(perStep / perEcho).toFixed(2)}× (target ≤ 3×, SPEC §9)`,
);
process.exit(0);
