import { fork, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { LoadConfig } from './collabLoad.ts';

/**
 * SPEC §9 "co-editing server": the same co-editing load against the relay (runtime/server/collab) and against
 * @y/websocket-server 0.1.1, in the same run. Each server runs in its own process pinned to core 0; the load
 * generator runs in another process pinned to core 1 (this orchestrator only waits, unpinned).
 *   node --import tsx bench/collab.ts [--rooms 20] [--clients 5] [--edits 600] [--cards 60] [--window 16] [--runs 1]
 * Prints delivered updates/s, server CPU per delivered update, memory per active room (RSS and heap delta after
 * GC) and what is held after every client left, then the ratios against the targets. Never fails on a number.
 */
const here = (f: string) => fileURLToPath(new URL(f, import.meta.url));

type Kind = 'tributary' | 'peer';

interface Result {
  kind: Kind;
  deliveredPerSec: number;
  serverCpuUsPerDelivered: number;
  serverSysShare: number;
  serverCpuShare: number;
  loadCpuShare: number;
  rssPerRoomKb: number;
  rssPerRoomNoYoungKb: number;
  youngGrowthKb: number;
  heapPerRoomKb: number;
  rssAfterLeaveKb: number;
  heapAfterLeaveKb: number;
  roomsHeldAfterLeave: number;
}

interface Mem {
  rss: number;
  heapUsed: number;
  /** Physical kB of each V8 heap space. */
  spaces: Record<string, number>;
  roomsHeld: number;
}

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
}

/** Pins a child to one core with taskset when there is one (the machine has 2 cores). */
function spawnPinned(script: string, args: string[], core: number, flags: string[] = []): ChildProcess {
  const pin = existsSync('/usr/bin/taskset') ? { execPath: '/usr/bin/taskset', pre: ['-c', String(core), process.execPath] } : null;
  return fork(script, args, {
    execPath: pin?.execPath ?? process.execPath,
    execArgv: [...(pin?.pre ?? []), '--expose-gc', ...flags, '--import', 'tsx'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
}

function ask<T>(child: ChildProcess, message: object, reply: string): Promise<T> {
  return new Promise((resolve, reject) => {
    const onMessage = (m: { type: string }) => {
      if (m.type !== reply) return;
      child.off('message', onMessage);
      child.off('exit', onExit);
      resolve(m as T);
    };
    const onExit = (code: number | null) => reject(new Error(`child exited (${code}) while waiting for ${reply}`));
    child.on('message', onMessage);
    child.once('exit', onExit);
    if (Object.keys(message).length > 0) child.send(message);
  });
}

async function measure(kind: Kind, load: Omit<LoadConfig, 'baseUrl'>): Promise<Result> {
  const flags = process.env.COLLAB_SERVER_FLAGS?.split(' ').filter(Boolean);
  const server = spawnPinned(here('./collabServer.ts'), [kind, String(load.rooms)], 0, flags);
  const loader = spawnPinned(here('./collabLoad.ts'), [], 1);
  try {
    const { port } = await ask<{ port: number }>(server, {}, 'ready');
    const baseline = await ask<Mem>(server, { type: 'mem' }, 'mem');
    const baseUrl = kind === 'tributary' ? `ws://127.0.0.1:${port}/collab` : `ws://127.0.0.1:${port}`;
    await ask(loader, { type: 'start', config: { ...load, baseUrl } }, 'ready');
    // A warm-up phase (a fifth of the edits) so that both servers are measured with their code optimised.
    await ask(loader, { type: 'go', edits: Math.round(load.editsPerClient / 5) }, 'done');
    const cpu0 = await ask<{ user: number; system: number }>(server, { type: 'cpu' }, 'cpu');
    const run = await ask<{ ms: number; delivered: number; loadCpuMs: number }>(
      loader,
      { type: 'go', edits: load.editsPerClient },
      'done',
    );
    const cpu1 = await ask<{ user: number; system: number }>(server, { type: 'cpu' }, 'cpu');
    const active = await ask<Mem>(server, { type: 'mem' }, 'mem');
    await ask(loader, { type: 'leave' }, 'left');
    await new Promise((r) => setTimeout(r, 1000));
    const after = await ask<Mem>(server, { type: 'mem' }, 'mem');
    if (process.env.COLLAB_BENCH_DEBUG) console.log(kind, JSON.stringify({ baseline, active, after }));
    const serverCpuMs = (cpu1.user + cpu1.system - cpu0.user - cpu0.system) / 1000;
    return {
      kind,
      deliveredPerSec: (run.delivered / run.ms) * 1000,
      serverCpuUsPerDelivered: (serverCpuMs * 1000) / run.delivered,
      serverSysShare: (cpu1.system - cpu0.system) / 1000 / serverCpuMs,
      serverCpuShare: serverCpuMs / run.ms,
      loadCpuShare: run.loadCpuMs / run.ms,
      rssPerRoomKb: (active.rss - baseline.rss) / load.rooms / 1024,
      // V8 grows its young generation with the allocation rate, whatever the number of rooms (to 32 MB in both
      // servers here): process-wide, not held per room.
      youngGrowthKb: active.spaces.new_space - baseline.spaces.new_space,
      rssPerRoomNoYoungKb:
        ((active.rss - baseline.rss) / 1024 - (active.spaces.new_space - baseline.spaces.new_space)) / load.rooms,
      heapPerRoomKb: (active.heapUsed - baseline.heapUsed) / load.rooms / 1024,
      rssAfterLeaveKb: (after.rss - baseline.rss) / 1024,
      heapAfterLeaveKb: (after.heapUsed - baseline.heapUsed) / 1024,
      roomsHeldAfterLeave: after.roomsHeld,
    };
  } finally {
    server.send({ type: 'exit' });
    await new Promise((r) => setTimeout(r, 300));
    server.kill('SIGKILL');
    loader.kill('SIGKILL');
  }
}

export async function main(): Promise<void> {
  const load = {
    rooms: arg('rooms', 20),
    clientsPerRoom: arg('clients', 5),
    editsPerClient: arg('edits', 600),
    cardsPerRoom: arg('cards', 60),
    window: arg('window', 16),
  };
  const runs = arg('runs', 2);
  console.log(
    `co-editing: ${load.rooms} rooms × ${load.clientsPerRoom} clients × ${load.editsPerClient} card moves ` +
      `(${load.rooms * load.clientsPerRoom * load.editsPerClient} updates, each delivered to the other ` +
      `${load.clientsPerRoom - 1}; the first fifth warms up, unmeasured), a ${load.cardsPerRoom}-card draft per ` +
      `room, window ${load.window}. ` +
      `Server on core 0, load generator on core 1.`,
  );
  const results: Result[] = [];
  const kinds = (process.env.COLLAB_BENCH_ONLY?.split(',') ?? ['peer', 'tributary']) as Kind[];
  for (let r = 0; r < runs; r++) for (const kind of kinds) results.push(await measure(kind, load));
  const rows = results.map((x) => ({
    server: x.kind,
    'delivered/s': Math.round(x.deliveredPerSec),
    'server µs CPU/delivered': x.serverCpuUsPerDelivered.toFixed(2),
    'of it in kernel': `${Math.round(x.serverSysShare * 100)}%`,
    'server core busy': `${Math.round(x.serverCpuShare * 100)}%`,
    'load core busy': `${Math.round(x.loadCpuShare * 100)}%`,
    'RSS kB/active room': Math.round(x.rssPerRoomKb),
    'same, young gen. excluded': Math.round(x.rssPerRoomNoYoungKb),
    'young gen. growth kB': Math.round(x.youngGrowthKb),
    'heap kB/active room': Math.round(x.heapPerRoomKb),
    'RSS kB held after leave': Math.round(x.rssAfterLeaveKb),
    'heap kB held after leave': Math.round(x.heapAfterLeaveKb),
    'rooms held after leave': x.roomsHeldAfterLeave,
  }));
  console.table(rows);
  const best = (kind: Kind, f: (x: Result) => number, pick: (a: number, b: number) => number) =>
    results.filter((x) => x.kind === kind).map(f).reduce(pick);
  const tput = best('tributary', (x) => x.deliveredPerSec, Math.max) / best('peer', (x) => x.deliveredPerSec, Math.max);
  const cpu =
    best('peer', (x) => x.serverCpuUsPerDelivered, Math.min) / best('tributary', (x) => x.serverCpuUsPerDelivered, Math.min);
  const mem = best('tributary', (x) => x.rssPerRoomKb, Math.min) / best('peer', (x) => x.rssPerRoomKb, Math.min);
  const memNoYoung =
    best('tributary', (x) => x.rssPerRoomNoYoungKb, Math.min) / best('peer', (x) => x.rssPerRoomNoYoungKb, Math.min);
  const heap = best('tributary', (x) => x.heapPerRoomKb, Math.min) / best('peer', (x) => x.heapPerRoomKb, Math.min);
  const held = results.filter((x) => x.kind === 'tributary').every((x) => x.roomsHeldAfterLeave === 0);
  console.log(`delivered updates/s       ${tput.toFixed(2)}× the peer  (target ≥ 3×)  ${tput >= 3 ? 'met' : 'NOT met'}`);
  console.log(`server CPU per delivery   ${cpu.toFixed(2)}× less than the peer (capacity at one saturated core)`);
  console.log(`RSS per active room       ${mem.toFixed(3)}× the peer  (target ≤ 0.25×)  ${mem <= 0.25 ? 'met' : 'NOT met'}`);
  console.log(`  young gen. excluded     ${memNoYoung.toFixed(3)}× the peer  ${memNoYoung <= 0.25 ? 'met' : 'NOT met'}`);
  console.log(`heap per active room      ${heap.toFixed(3)}× the peer  ${heap <= 0.25 ? 'met' : 'NOT met'}`);
  console.log(`rooms held after leaving  ${held ? 'none' : 'SOME'} (peer: ${best('peer', (x) => x.roomsHeldAfterLeave, Math.max)})`);
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) await main();
