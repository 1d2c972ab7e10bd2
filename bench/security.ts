import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { setPriority } from 'node:os';
import { join } from 'node:path';
import WebSocket from 'ws';
import { ServerProcess } from '../e2e/support/serverProcess.ts';

/**
 * Attacks of docs/security.md against the real runtime in its own process, each attacker in another process
 * (bench/securityLoad.ts), measured against the same server without the attack in the same run:
 *
 * 1. A visitor step's round-trip p99 during a 200-concurrent sign-in flood ÷ without it (target ≤ 2×). The probe:
 *    20 visitors at the demo's email capture, each sending a reply that fails validation and waiting for its ack, 100 ms apart
 *    (a full engine step stored and WAL-synced before the ack), one at a time.
 * 2. RSS during 300 slow uploads ÷ idle RSS: unauthenticated (refused before a byte of body is read), then
 *    authenticated (held to the body budget); target: growth ≤ body budget + 100 MB.
 *
 *   npm run bench -- security            (SECURITY_BENCH_SECONDS=N per phase, default 15)
 */
const SECONDS = Number(process.env.SECURITY_BENCH_SECONDS ?? 15);
const here = import.meta.dirname;
process.env.TRIBUTARY_TRUSTED_PROXIES = '127.0.0.1';
// The limits as configured (not the test harness's lifted ones): the flood meets the global hash budget too.
process.env.E2E_REAL_LIMITS = '1';
const BUDGET = 64 * 1024 * 1024;

const server = new ServerProcess();
await server.start();
const rssMB = () => Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${server.pid}/status`, 'utf8'))![1]) / 1024;
const loadavg = () => readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function attacker(args: string[]): Promise<{ proc: ChildProcess; stop(): Promise<string> }> {
  const proc = spawn(process.execPath, ['--import', 'tsx', join(here, 'securityLoad.ts'), ...args], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  // The attacker's own CPU is not the server's cost (a real one runs elsewhere): on this shared 2-core machine it
  // runs at the lowest priority, so the figures describe the server.
  try {
    setPriority(proc.pid!, 19);
  } catch {
    // not permitted: measured as it is
  }
  let out = '';
  return new Promise((ready) => {
    proc.stdout!.on('data', (d) => {
      out += d;
      if (out.includes('ready'))
        ready({
          proc,
          stop: () =>
            new Promise((done) => {
              proc.once('exit', () => done(/done (.*)/.exec(out)?.[1] ?? '{}'));
              proc.kill('SIGTERM');
            }),
        });
    });
  });
}

/** A visitor at the demo's email capture; `step()` resolves with one reply's round trip in ms. */
async function probeVisitor(): Promise<() => Promise<number>> {
  const ws = new WebSocket(`${server.ws}/ws/visitor`);
  await new Promise((r) => ws.once('open', r));
  let waiter: ((m: any) => void) | undefined;
  const backlog: any[] = [];
  ws.on('message', (d) => {
    const m = JSON.parse(String(d));
    const w = waiter;
    waiter = undefined;
    if (w) w(m);
    else backlog.push(m);
  });
  const until = async (pred: (m: any) => boolean) => {
    for (;;) {
      const m = backlog.shift() ?? (await new Promise<any>((r) => (waiter = r)));
      if (pred(m)) return m;
    }
  };
  const send = (m: unknown) => ws.send(JSON.stringify(m));
  send({ type: 'hello', v: 1, workspace: 'demo', url: 'http://localhost/demo' });
  await until((m) => m.type === 'welcome');
  send({ type: 'start', id: 's', dialogueId: 'd_demo', url: 'http://localhost/demo' });
  await until((m) => m.type === 'ask');
  send({ type: 'reply', id: 'r-yes', cardId: 'ask', answerId: 'yes' });
  await until((m) => m.type === 'ask' && m.attribute === 'firstName');
  send({ type: 'reply', id: 'r-name', cardId: 'name', text: 'Probe' });
  await until((m) => m.type === 'ask' && m.attribute === 'email');
  let n = 0;
  return async () => {
    const id = `p${n++}`;
    const t0 = performance.now();
    send({ type: 'reply', id, cardId: 'email', text: 'not-an-email' });
    await until((m) => m.type === 'ack' && m.id === id);
    return performance.now() - t0;
  };
}

const probes = await Promise.all(Array.from({ length: 20 }, () => probeVisitor()));
async function measure(seconds: number): Promise<{ p50: number; p99: number; n: number }> {
  const rtts: number[] = [];
  const end = Date.now() + seconds * 1000;
  await Promise.all(
    probes.map(async (step) => {
      while (Date.now() < end) {
        rtts.push(await step());
        await sleep(100); // under the 20 messages a second one visitor socket may send
      }
    }),
  );
  rtts.sort((a, b) => a - b);
  const q = (p: number) => rtts[Math.min(rtts.length - 1, Math.floor(p * rtts.length))];
  return { p50: q(0.5), p99: q(0.99), n: rtts.length };
}
const fmt = (r: { p50: number; p99: number; n: number }) =>
  `p50 ${r.p50.toFixed(1)} ms, p99 ${r.p99.toFixed(1)} ms (${r.n} steps)`;

console.log(`load average before: ${loadavg()}`);
await measure(3); // warm-up
const quiet = await measure(SECONDS);
console.log(`visitor step without flood:       ${fmt(quiet)}`);
const flood = await attacker(['signin', String(server.port), '200']);
await sleep(1000);
const during = await measure(SECONDS);
const floodStatuses = await flood.stop();
console.log(`visitor step during 200 sign-ins: ${fmt(during)}; sign-in answers ${floodStatuses}`);
const quiet2 = await measure(SECONDS);
console.log(`visitor step after the flood:     ${fmt(quiet2)}`);
const base = Math.min(quiet.p99, quiet2.p99);
console.log(`p99 ratio flood ÷ without: ${(during.p99 / base).toFixed(2)}× (target ≤ 2×); load average ${loadavg()}`);

await sleep(2000);
const idle = rssMB();
console.log(`\nidle RSS: ${idle.toFixed(0)} MB`);
for (const auth of [false, true]) {
  const token = auth
    ? (
        (await (
          await fetch(`${server.base}/api/session`, {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify({ email: 'marketer@demo.test', password: 'tributary-demo' }),
          })
        ).json()) as { token: string }
      ).token
    : undefined;
  const up = await attacker(['uploads', String(server.port), '300', ...(token ? [token] : [])]);
  let peak = 0;
  const end = Date.now() + SECONDS * 1000;
  while (Date.now() < end) {
    peak = Math.max(peak, rssMB());
    await sleep(250);
  }
  const statuses = await up.stop();
  const label = auth ? 'authenticated' : 'unauthenticated';
  console.log(
    `300 ${label} slow uploads: peak RSS ${peak.toFixed(0)} MB = ${(peak / idle).toFixed(2)}× idle, growth ${(peak - idle).toFixed(0)} MB (target ≤ body budget ${BUDGET / 2 ** 20} MiB + 100 MB); answers ${statuses}`,
  );
  await sleep(2000);
}
console.log(`load average after: ${loadavg()}`);
for (const p of probes) void p;
await server.close();
process.exit(0);
