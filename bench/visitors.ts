import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * SPEC §9 "visitors": N (default 19,000) concurrent visitor sockets on one server process, each sending one step
 * per 5 s; the step round trip (reply → ack, stored before ack) p99 and the server's memory per connected visitor
 * beyond start-up. Server and load client are separate processes on loopback; the file limit here is 20,000 per
 * process (`ulimit -n`), enough for either side. Bounded: set-up plus SECONDS of load.
 *
 *   node --import tsx bench/visitors.ts [N=19000] [SECONDS=30]
 */
const [n = 19000, seconds = 30] = process.argv.slice(2).map(Number);
const root = new URL('..', import.meta.url).pathname;
const dataDir = mkdtempSync(join(tmpdir(), 'tributary-visitors-'));

const rssKb = (pid: number) => Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))![1]);
const wait = (ms: number) => new Promise((r) => setTimeout(r, ms));

const server = spawn(process.execPath, ['--import', 'tsx', 'runtime/server/main.ts'], {
  cwd: root,
  env: { ...process.env, PORT: '0', DATA_DIR: dataDir, LOG_LEVEL: 'warn' },
  stdio: ['ignore', 'pipe', 'inherit'],
});
const port = await new Promise<number>((resolve) => {
  let out = '';
  server.stdout!.on('data', (d) => {
    out += d;
    const m = /localhost:(\d+)/.exec(out);
    if (m) resolve(Number(m[1]));
  });
});
const base = `http://127.0.0.1:${port}`;
const api = async (method: string, path: string, token?: string, body?: unknown) => {
  const r = await fetch(base + path, { method, headers: token ? { authorization: `Bearer ${token}` } : {}, body: body === undefined ? undefined : JSON.stringify(body) });
  return r.json() as Promise<any>;
};

// A dialogue whose capture keeps asking: every reply is one full engine step, stored before its ack.
const { token } = await api('POST', '/api/session', undefined, { email: 'marketer@demo.test', password: 'tributary-demo' });
const stream = {
  format: 'tributary.stream/1',
  name: 'Bench',
  start: 'email',
  cards: [{ id: 'email', type: 'capture', data: { attribute: 'email', prompt: 'Your email?', input: 'text', ifKnown: 'overwrite' } }],
  edges: [],
};
const { id: streamId } = await api('POST', '/api/streams', token, stream);
await api('POST', `/api/streams/${streamId}/publish`, token);
const { id: dialogueId } = await api('POST', '/api/dialogues', token, { name: 'Bench', streamId, include: ['/bench'] });
await wait(1000);
const baseline = rssKb(server.pid!);

const started = performance.now();
const client = spawn(process.execPath, ['--import', 'tsx', new URL('./visitorsClient.ts', import.meta.url).pathname, `ws://127.0.0.1:${port}/ws/visitor`, dialogueId, String(n), '5', String(seconds)], {
  stdio: ['pipe', 'pipe', 'inherit'],
});
let out = '';
const ready = new Promise<void>((resolve) => client.stdout.on('data', (d) => ((out += d), out.includes('ready') && resolve())));
await ready;
const setupSec = (performance.now() - started) / 1000;
await wait(5000); // one period of load before measuring
const connected = rssKb(server.pid!);
client.stdin.write('go\n');
const result = await new Promise<any>((resolve) => client.stdout.on('data', () => {
  const m = /result (.*)/.exec(out);
  if (m) resolve(JSON.parse(m[1]));
}));
const after = rssKb(server.pid!);
server.kill('SIGTERM');
await new Promise((r) => server.once('exit', r));
rmSync(dataDir, { recursive: true, force: true });

const perVisitor = ((connected - baseline) * 1024) / n;
console.log(`machine: ${(await import('node:os')).cpus().length} cores, load average ${(await import('node:os')).loadavg().map((l) => l.toFixed(1)).join(' ')} (other work on the machine skews every figure)`);
console.log(`visitors: ${n} concurrent sockets, one step per 5 s each (${(n / 5).toFixed(0)} steps/s), ${seconds} s measured`);
console.log(`  set-up (connect + hello + start for all): ${setupSec.toFixed(1)} s`);
console.log(`  step round trip: p50 ${result.p50.toFixed(2)} ms, p99 ${result.p99.toFixed(2)} ms, max ${result.max.toFixed(1)} ms over ${result.steps} steps (target p99 ≤ 10 ms)`);
console.log(`  server RSS: ${(baseline / 1024).toFixed(0)} MB at start-up, ${(connected / 1024).toFixed(0)} MB with all connected, ${(after / 1024).toFixed(0)} MB after the run`);
console.log(`  memory per connected visitor beyond start-up: ${(perVisitor / 1024).toFixed(2)} kB (target ≤ 4 kB; bare uWS 0.75 kB per idle socket)`);
console.log(`  errors: ${result.failures}, sockets closed: ${result.closed}`);
process.exit(0);
