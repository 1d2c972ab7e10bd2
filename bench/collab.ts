import { fork, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { loadavg } from 'node:os';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { LoadConfig } from './collabLoad.ts';

/**
 * SPEC §9 "co-editing server": the same co-editing load against the relay (runtime/server/collab) and against
 * @y/websocket-server 0.1.1, in the same run, alternating. Each server runs in its own process pinned to core 0;
 * the load generator runs in another process pinned to core 1 (this orchestrator only waits, unpinned).
 *   node --import tsx bench/collab.ts [--quick] [--typing] [--rooms 20] [--clients 5] [--edits 600] [--cards 60]
 *                                     [--window 16] [--runs 2] [--only tributary|peer]
 * Prints delivered updates/s, server CPU per delivered update, memory per active room (over a server warmed up by
 * a first set of rooms that left, and from the cold server) and what is held after every client left, then the
 * ratios against the targets. Never fails on a number (DESIGN §9).
 * --quick is a smoke run (6 rooms, 250 moves each): too short for the relay's code to be optimised, so its ratios
 * understate the relay (about 1.9× where the full run gives 3–4×).
 * Profiling aid: COLLAB_SERVER_FLAGS="--cpu-prof" passes flags to the server processes.
 */
const here = (f: string) => fileURLToPath(new URL(f, import.meta.url));

type Kind = 'tributary' | 'peer';

interface Mem {
  rss: number;
  heapUsed: number;
  /** Physical kB of each V8 heap space. */
  spaces: Record<string, number>;
  roomsHeld: number;
}

export interface CollabResult {
  kind: Kind;
  deliveredPerSec: number;
  serverCpuUsPerDelivered: number;
  serverSysShare: number;
  serverCpuShare: number;
  loadCpuShare: number;
  heapPerRoomKb: number;
  rssPerRoomKb: number;
  /** RSS per room from the server as it started (before the warm-up rooms): with what the process grows once. */
  coldRssPerRoomKb: number;
  /** RSS per room without the growth of V8's young generation (see `measure`). */
  rssPerRoomNoYoungKb: number;
  youngGrowthKb: number;
  /** RSS given back per room when its editors leave: what the room itself held. */
  rssFreedPerRoomKb: number;
  heapAfterLeaveKb: number;
  rssAfterLeaveKb: number;
  roomsHeldAfterLeave: number;
}

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
}

/** Pins a child to one core with taskset when there is one (the machine has 2 cores). */
function spawnPinned(script: string, args: string[], core: number, flags: string[] = []): ChildProcess {
  const pin = existsSync('/usr/bin/taskset') ? ['-c', String(core), process.execPath] : null;
  return fork(script, args, {
    execPath: pin ? '/usr/bin/taskset' : process.execPath,
    execArgv: [...(pin ?? []), '--expose-gc', ...flags, '--import', 'tsx'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
}

function ask<T>(child: ChildProcess, message: object | null, reply: string): Promise<T> {
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
    if (message) child.send(message);
  });
}

type Cpu = { user: number; system: number };

async function measure(kind: Kind, load: Omit<LoadConfig, 'baseUrl'>): Promise<CollabResult> {
  const flags = process.env.COLLAB_SERVER_FLAGS?.split(' ').filter(Boolean);
  const server = spawnPinned(here('./collabServer.ts'), [kind, String(load.rooms)], 0, flags);
  const loader = spawnPinned(here('./collabLoad.ts'), [], 1);
  try {
    const { port } = await ask<{ port: number }>(server, null, 'ready');
    const baseUrl = kind === 'tributary' ? `ws://127.0.0.1:${port}/collab` : `ws://127.0.0.1:${port}`;
    const warmEdits = Math.round(load.editsPerClient / 5);
    const cold = await ask<Mem>(server, { type: 'mem' }, 'mem');
    // First a warm-up set of rooms (as many, a fifth of the edits), left before the measured ones open: what a
    // server grows once, whatever its rooms (optimised code, the allocator's arenas, SQLite's page cache), is in
    // the baseline, so that "per room" is what each further room costs a running server. The peer keeps the
    // warm-up rooms' docs (it holds every room until it restarts): they are in its baseline too.
    await ask(
      loader,
      { type: 'start', config: { ...load, editsPerClient: warmEdits, baseUrl, roomPrefix: 'warm' } },
      'ready',
    );
    await ask(loader, { type: 'go', edits: warmEdits }, 'done');
    await ask(loader, { type: 'leave' }, 'left');
    const baseline = await ask<Mem>(server, { type: 'mem' }, 'mem');
    await ask(loader, { type: 'start', config: { ...load, baseUrl } }, 'ready');
    // A warm-up phase in the measured rooms too (a fifth of the edits), unmeasured.
    await ask(loader, { type: 'go', edits: warmEdits }, 'done');
    const cpu0 = await ask<Cpu>(server, { type: 'cpu' }, 'cpu');
    const run = await ask<{ ms: number; delivered: number; loadCpuMs: number }>(
      loader,
      { type: 'go', edits: load.editsPerClient },
      'done',
    );
    const cpu1 = await ask<Cpu>(server, { type: 'cpu' }, 'cpu');
    const active = await ask<Mem>(server, { type: 'mem' }, 'mem');
    await ask(loader, { type: 'leave' }, 'left');
    await new Promise((r) => setTimeout(r, 1000));
    const after = await ask<Mem>(server, { type: 'mem' }, 'mem');
    const serverCpuMs = (cpu1.user + cpu1.system - cpu0.user - cpu0.system) / 1000;
    const kb = (bytes: number) => bytes / 1024;
    // V8 grows its young generation with the allocation rate, whatever the number of rooms (to 32 MB in both
    // servers here) and keeps it after the load: process-wide, not held per room.
    const young = active.spaces.new_space - baseline.spaces.new_space;
    return {
      kind,
      deliveredPerSec: (run.delivered / run.ms) * 1000,
      serverCpuUsPerDelivered: (serverCpuMs * 1000) / run.delivered,
      serverSysShare: (cpu1.system - cpu0.system) / 1000 / serverCpuMs,
      serverCpuShare: serverCpuMs / run.ms,
      loadCpuShare: run.loadCpuMs / run.ms,
      coldRssPerRoomKb: kb(active.rss - cold.rss) / load.rooms,
      heapPerRoomKb: kb(active.heapUsed - baseline.heapUsed) / load.rooms,
      rssPerRoomKb: kb(active.rss - baseline.rss) / load.rooms,
      rssPerRoomNoYoungKb: (kb(active.rss - baseline.rss) - young) / load.rooms,
      youngGrowthKb: young,
      rssFreedPerRoomKb: kb(active.rss - after.rss) / load.rooms,
      heapAfterLeaveKb: kb(after.heapUsed - baseline.heapUsed),
      rssAfterLeaveKb: kb(after.rss - baseline.rss),
      roomsHeldAfterLeave: after.roomsHeld,
    };
  } finally {
    server.send({ type: 'exit' });
    await new Promise((r) => setTimeout(r, 300));
    server.kill('SIGKILL');
    loader.kill('SIGKILL');
  }
}

export async function benchCollab(): Promise<CollabResult[]> {
  const quick = process.argv.includes('--quick');
  const load = {
    rooms: arg('rooms', quick ? 6 : 20),
    clientsPerRoom: arg('clients', 5),
    editsPerClient: arg('edits', quick ? 250 : 600),
    cardsPerRoom: arg('cards', 60),
    window: arg('window', 16),
    typing: process.argv.includes('--typing'),
  };
  const runs = arg('runs', quick ? 1 : 2);
  const only = process.argv.includes('--only') ? process.argv[process.argv.indexOf('--only') + 1] : undefined;
  const kinds = (['peer', 'tributary'] as const).filter((k) => !only || k === only);
  console.log(
    `co-editing: ${load.rooms} rooms × ${load.clientsPerRoom} clients × ${load.editsPerClient} ` +
      `${load.typing ? 'characters typed into message texts' : 'card moves'} ` +
      `(${load.rooms * load.clientsPerRoom * load.editsPerClient} updates, each delivered to the other ` +
      `${load.clientsPerRoom - 1}; the first fifth warms up, unmeasured) on a ${load.cardsPerRoom}-card draft per ` +
      `room, window ${load.window}, ${runs} run(s) alternating. Server on core 0, load generator on core 1. ` +
      `Load average before: ${loadavg()[0].toFixed(1)}.`,
  );
  const results: CollabResult[] = [];
  for (let r = 0; r < runs; r++) for (const kind of kinds) results.push(await measure(kind, load));
  return results;
}

export function printCollab(results: CollabResult[]): void {
  console.table(
    results.map((x) => ({
      server: x.kind,
      'delivered/s': Math.round(x.deliveredPerSec),
      'server µs CPU/delivered': x.serverCpuUsPerDelivered.toFixed(2),
      'kernel share': `${Math.round(x.serverSysShare * 100)}%`,
      'server core busy': `${Math.round(x.serverCpuShare * 100)}%`,
      'load core busy': `${Math.round(x.loadCpuShare * 100)}%`,
    })),
  );
  console.log(
    'memory, kB (deltas from the idle server after GC, warm-up rooms left; per room = over the active rooms; ' +
      '"from cold": from the server as it started):',
  );
  console.table(
    results.map((x) => ({
      server: x.kind,
      'heap/room': Math.round(x.heapPerRoomKb),
      'RSS/room': Math.round(x.rssPerRoomKb),
      'RSS/room from cold': Math.round(x.coldRssPerRoomKb),
      'RSS/room w/o young gen.': Math.round(x.rssPerRoomNoYoungKb),
      'young gen. growth': Math.round(x.youngGrowthKb),
      'RSS freed/room on leave': Math.round(x.rssFreedPerRoomKb),
      'heap held after leave': Math.round(x.heapAfterLeaveKb),
      'RSS held after leave': Math.round(x.rssAfterLeaveKb),
      'rooms held after leave': x.roomsHeldAfterLeave,
    })),
  );
  const of = (kind: Kind, f: (x: CollabResult) => number) => {
    const xs = results.filter((x) => x.kind === kind).map(f);
    return xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : NaN;
  };
  const ratio = (f: (x: CollabResult) => number) => of('tributary', f) / of('peer', f);
  const line = (what: string, r: number, target: string, ok: boolean | null) =>
    console.log(
      `${what.padEnd(34)} ${r.toFixed(3)}× the peer  ${target}${ok === null ? '' : ok ? '  met' : '  NOT met'}`,
    );
  const tput = ratio((x) => x.deliveredPerSec);
  const cpu = 1 / ratio((x) => x.serverCpuUsPerDelivered);
  line('delivered updates/s', tput, '(target ≥ 3×)', tput >= 3);
  line('deliveries per server CPU second', cpu, '(≥ 3× = the target at one saturated core)', cpu >= 3);
  const heap = ratio((x) => x.heapPerRoomKb);
  const rss = ratio((x) => x.rssPerRoomKb);
  const rssNoYoung = ratio((x) => x.rssPerRoomNoYoungKb);
  line('heap per active room', heap, '(target ≤ 0.25×)', heap <= 0.25);
  line('RSS per active room', rss, '(target ≤ 0.25×)', rss <= 0.25);
  line('RSS per active room w/o young gen.', rssNoYoung, '(target ≤ 0.25×)', rssNoYoung <= 0.25);
  const rssCold = ratio((x) => x.coldRssPerRoomKb);
  line('RSS per room from a cold server', rssCold, '(with one-off growth: see docs/collab.md)', null);
  const held = of('tributary', (x) => x.roomsHeldAfterLeave);
  console.log(
    `rooms held after everyone left     relay ${held}, peer ${of('peer', (x) => x.roomsHeldAfterLeave)}  ` +
      `(target: nothing)${held === 0 ? '  met' : '  NOT met'}`,
  );
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) printCollab(await benchCollab());
