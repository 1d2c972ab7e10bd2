import * as encoding from 'lib0/encoding';
import { WebSocket } from 'ws';
import * as Y from 'yjs';
import { cardText, moveCard, streamToDoc } from '../shared/stream/ydoc.ts';
import { generateStream } from './generate.ts';

/**
 * The co-editing load, in its own process, driven over IPC by bench/collab.ts. Cheap raw clients speak the
 * y-websocket protocol: each joins its room (sync step 1, waits for step 2), then sends precomputed card moves
 * (moveCard on the real draft layout: one small update each) as fast as a window allows, and counts the updates it
 * receives from OTHER clients (the peer also echoes an update to its sender; those are not counted). The window
 * (sent − received/(clients−1) < window) keeps the load closed-loop, so the faster server simply does more.
 * Clients never apply what they receive: the load generator's CPU goes to sockets, not to Yjs.
 */
export interface LoadConfig {
  /** ws://host:port/collab for the relay, ws://host:port for the peer. */
  baseUrl: string;
  rooms: number;
  clientsPerRoom: number;
  editsPerClient: number;
  cardsPerRoom: number;
  window: number;
  /** Each edit types one character into a message card's text (a Y.Text of layout 2) instead of moving a card. */
  typing?: boolean;
  /** Rooms are named PREFIX0, PREFIX1, … (default `room`; the warm-up rooms are `warm…`). */
  roomPrefix?: string;
}

interface Client {
  ws: WebSocket;
  clientId: number;
  frames: Uint8Array[];
  /** Frames sent before the edits (the first client's draft). */
  offset: number;
  /** Client ids of the room's clients: only their updates count as deliveries. */
  roomIds: Set<number>;
  sent: number;
  received: number;
  joined: boolean;
  /** Has the room's draft (sent by the first client before the clock starts). */
  synced: boolean;
}

let clients: Client[] = [];
let config: LoadConfig;

process.on('message', async (m: { type: string; config?: LoadConfig; edits?: number }) => {
  if (m.type === 'start') {
    config = m.config!;
    await prepare();
    process.send!({ type: 'ready' });
  } else if (m.type === 'go') {
    const result = await run(m.edits ?? config.editsPerClient);
    process.send!({ type: 'done', ...result });
  } else if (m.type === 'leave') {
    await Promise.all(clients.map((c) => new Promise((r) => (c.ws.once('close', r), c.ws.close()))));
    clients = [];
    process.send!({ type: 'left' });
  }
});

function frame(step: number, payload: Uint8Array): Uint8Array {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, 0);
  encoding.writeVarUint(e, step);
  encoding.writeVarUint8Array(e, payload);
  return encoding.toUint8Array(e);
}

async function prepare(): Promise<void> {
  const { rooms, clientsPerRoom, editsPerClient, cardsPerRoom } = config;
  for (let r = 0; r < rooms; r++) {
    // The room's draft: a generated stream written by its first client, which every client starts from.
    const stream = generateStream({ cards: cardsPerRoom, seed: r + 1 });
    const initial = Y.encodeStateAsUpdate(streamToDoc(stream));
    const ids = stream.cards.map((c) => c.id);
    const roomClients: Client[] = [];
    const roomIds = new Set<number>();
    for (let i = 0; i < clientsPerRoom; i++) {
      const doc = new Y.Doc();
      Y.applyUpdate(doc, initial);
      const frames: Uint8Array[] = i === 0 ? [frame(2, initial)] : [];
      doc.on('update', (u: Uint8Array) => frames.push(frame(2, u)));
      const texts = stream.cards.filter((c) => c.type === 'message').map((c) => cardText(doc, c.id, ['text'])!);
      for (let k = 0; k < editsPerClient; k++) {
        if (config.typing && texts.length) {
          // Each client types its own words into one of the room's messages, a character per update.
          const t = texts[(Math.floor(k / 12) + i) % texts.length];
          t.insert(Math.min(t.length, (i * 5) % (t.length + 1)), 'typing words '[k % 13]);
        } else moveCard(doc, ids[(k * 7 + i * 13) % ids.length], { x: k, y: i });
      }
      const ws = new WebSocket(`${config.baseUrl}/${config.roomPrefix ?? 'room'}${r}?token=m:r${r}c${i}`, {
        perMessageDeflate: false,
      });
      ws.binaryType = 'nodebuffer';
      roomIds.add(doc.clientID);
      roomClients.push({
        ws,
        clientId: doc.clientID,
        frames,
        offset: frames.length - editsPerClient,
        roomIds,
        sent: 0,
        received: 0,
        joined: false,
        synced: false,
      });
      doc.destroy();
    }
    clients.push(...roomClients);
  }
  await Promise.all(clients.map(join));
  // The first client of each room sends the draft before the clock starts; every client must have it.
  for (let r = 0; r < config.rooms; r++) send(clients[r * config.clientsPerRoom]);
  await until(() => clients.every((c, i) => i % config.clientsPerRoom === 0 || c.synced));
}

function join(c: Client): Promise<void> {
  return new Promise((resolve, reject) => {
    c.ws.once('error', reject);
    c.ws.once('open', () => c.ws.send(frame(0, new Uint8Array([0]))));
    c.ws.on('message', (data: Buffer) => {
      if (data[0] !== 0) return;
      if (data[1] === 1 && !c.joined) {
        c.joined = true;
        resolve();
      } else if (data[1] === 2) {
        const author = authorOf(data);
        if (author !== c.clientId && c.roomIds.has(author)) {
          c.received++;
          pump(c);
        } else if (!c.roomIds.has(author)) c.synced = true;
      }
    });
  });
}

/** The author of a one-client update frame: [0, 2, len, #clients, #structs, client, …] (varuints). */
function authorOf(data: Buffer): number {
  let pos = 2;
  const varuint = () => {
    let n = 0;
    let mult = 1;
    for (;;) {
      const b = data[pos++];
      n += (b & 0x7f) * mult;
      if (b < 0x80) return n;
      mult *= 128;
    }
  };
  varuint();
  varuint();
  varuint();
  return varuint();
}

let roomPeers = 1;
let resolveDone: (() => void) | null = null;
let remaining = 0;
/** Edits per client to reach in the current phase (a warm-up phase, then the measured one). */
let phaseEdits = 0;

function send(c: Client): void {
  c.ws.send(c.frames[c.sent++]);
}

/** Sends while the client's window allows; counts the client done when it has sent and received everything. */
function pump(c: Client): void {
  if (!resolveDone) return;
  const limit = c.offset + phaseEdits;
  while (c.sent < limit && c.sent - c.offset - c.received / roomPeers < config.window) send(c);
}

/** Runs until every client has sent `edits` edits in all and received every edit of the others up to there. */
async function run(edits: number) {
  roomPeers = config.clientsPerRoom - 1;
  phaseEdits = Math.min(edits, config.editsPerClient);
  const target = phaseEdits * roomPeers;
  const deliveredBefore = clients.reduce((a, c) => a + c.received, 0);
  const cpu0 = process.cpuUsage();
  const startedAt = performance.now();
  remaining = clients.length;
  await new Promise<void>((resolve) => {
    resolveDone = resolve;
    for (const c of clients) pump(c);
    const timer = setInterval(() => {
      remaining = clients.filter((c) => c.received < target || c.sent < c.offset + phaseEdits).length;
      if (remaining === 0) {
        clearInterval(timer);
        resolve();
      }
    }, 5);
  });
  const finishedAt = performance.now();
  resolveDone = null;
  const cpu = process.cpuUsage(cpu0);
  return {
    ms: finishedAt - startedAt,
    delivered: clients.reduce((a, c) => a + c.received, 0) - deliveredBefore,
    loadCpuMs: (cpu.user + cpu.system) / 1000,
  };
}

async function until(check: () => boolean): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('collab load: clients did not get the initial draft');
    await new Promise((r) => setTimeout(r, 10));
  }
}
