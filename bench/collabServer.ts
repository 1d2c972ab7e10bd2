import http from 'node:http';
import v8 from 'node:v8';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { WebSocketServer } from 'ws';
import * as Y from 'yjs';
import { startCollabServer } from '../runtime/server/collab/harness.ts';

/**
 * One co-editing server under load, in its own process (so its memory is its own), driven over IPC by
 * bench/collab.ts:  node --expose-gc --import tsx bench/collabServer.ts tributary|peer ROOMS
 *   tributary: the relay of runtime/server/collab on uWS with a SQLite file in a temp dir (WAL, synchronous=FULL)
 *   peer:      @y/websocket-server 0.1.1's setupWSConnection on a node http server, as its own bin runs it
 *              (with the `ws` 8 of this checkout, which is faster than the ws 6 its bin would load)
 * Messages: → {ready, port}; {mem} → {mem, rss, heapUsed, external, roomsHeld}; {cpu} → {cpu, user, system}.
 */
type Kind = 'tributary' | 'peer';
const kind = process.argv[2] as Kind;
const rooms = Number(process.argv[3] ?? 0);
if ((kind !== 'tributary' && kind !== 'peer') || !(rooms > 0)) {
  console.error('usage: collabServer.ts tributary|peer ROOMS');
  process.exit(2);
}

const { port, roomsHeld, close } = kind === 'tributary' ? await tributary() : await peer();
process.send!({ type: 'ready', port });

process.on('message', async (m: { type: string }) => {
  if (m.type === 'mem') {
    // Full collections spaced over a few idle seconds: V8 shrinks its young generation back once the allocation
    // rate has dropped, so what remains is what the server holds, not how fast it was allocating a moment ago.
    // V8 judges the rate over its last ten collections: it shrinks the young generation at the eleventh idle one
    // (measured on Node 20; after five, both servers still had the 25 MB it grew to under load).
    for (let i = 0; i < 12; i++) {
      global.gc?.();
      await new Promise((r) => setTimeout(r, 500));
    }
    global.gc?.();
    const u = process.memoryUsage();
    process.send!({
      type: 'mem',
      rss: u.rss,
      heapUsed: u.heapUsed,
      heapTotal: u.heapTotal,
      external: u.external,
      spaces: Object.fromEntries(
        v8.getHeapSpaceStatistics().map((s) => [s.space_name, Math.round(s.physical_space_size / 1024)]),
      ),
      roomsHeld: roomsHeld(),
    });
  } else if (m.type === 'cpu') {
    process.send!({ type: 'cpu', ...process.cpuUsage() });
  } else if (m.type === 'exit') {
    close();
    process.exit(0);
  }
});

async function tributary() {
  const dir = mkdtempSync(join(tmpdir(), 'collab-bench-'));
  const server = await startCollabServer(dir, { onError: () => {} });
  const empty = Y.encodeStateAsUpdate(new Y.Doc());
  for (let r = 0; r < rooms; r++) {
    for (const prefix of ['room', 'warm']) server.drafts.create(`${prefix}${r}`, empty);
  }
  return {
    port: server.port,
    roomsHeld: () => server.endpoint.openStreams().length,
    close: () => {
      server.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

async function peer() {
  const { setupWSConnection, docs } = await import('@y/websocket-server/utils');
  const wss = new WebSocketServer({ noServer: true });
  const server = http.createServer((_req, res) => res.end('okay'));
  wss.on('connection', setupWSConnection);
  server.on('upgrade', (req, socket, head) =>
    wss.handleUpgrade(req, socket, head, (ws) => wss.emit('connection', ws, req)),
  );
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as { port: number }).port,
    roomsHeld: () => docs.size,
    close: () => server.close(),
  };
}
