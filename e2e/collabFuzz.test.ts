import { WebSocket } from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lintStream } from '../shared/lint/lintStream.ts';
import { exportStream } from '../shared/stream/exportStream.ts';
import { parseStream } from '../shared/stream/interchange.ts';
import { docToStream } from '../shared/stream/ydoc.ts';
import { prng } from './support/prng.ts';
import { randomEdit } from './support/randomEdit.ts';
import { ServerProcess } from './support/serverProcess.ts';

/**
 * Stock y-websocket clients edit one stream at random, at the same time, dropping off and coming back (editing
 * while offline). They all converge to one document; it reads as a stream that lints (with codes) without
 * throwing; and after a SIGKILL and a restart the server gives a new client exactly that document. The server is
 * also killed once half-way, while they edit.
 * Seeded (TRIBUTARY_SEED to replay); TRIBUTARY_LONG=1 runs more clients and edits.
 */
const LONG = process.env.TRIBUTARY_LONG === '1';
const CLIENTS = LONG ? 6 : 3;
const EDITS = LONG ? 5000 : 600;
const SEED = Number(process.env.TRIBUTARY_SEED ?? 20261125);

let srv: ServerProcess;
beforeAll(async () => {
  srv = new ServerProcess();
  await srv.start();
});
afterAll(() => srv?.close());

function provider(streamId: string, token: string, doc: Y.Doc): WebsocketProvider {
  return new WebsocketProvider(`${srv.ws}/collab`, streamId, doc, {
    params: { token },
    WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
    disableBc: true,
  });
}

const synced = (p: WebsocketProvider) =>
  new Promise<void>((ok) => (p.synced ? ok() : p.once('sync', (s: boolean) => s && ok())));
const snapshot = (doc: Y.Doc) => JSON.stringify(docToStream(doc));

async function until(ok: () => boolean, what: string) {
  for (let i = 0; i < 1200 && !ok(); i++) await new Promise((r) => setTimeout(r, 25));
  if (!ok()) throw new Error(`timed out waiting for ${what}`);
}

describe('co-editing under random edits and disconnects', () => {
  it('converges, lints, and keeps every update through kill -9', async () => {
    const token = await srv.login('marketer@demo.test');
    const created = await srv.api('POST', '/api/streams', token, {
      format: 'tributary.stream/1',
      name: 'Fuzz',
      start: 'c0',
      cards: [{ id: 'c0', type: 'message', data: { text: 'Hi' } }],
      edges: [],
    });
    const streamId = created.body.id as string;
    const r = prng(SEED);
    const docs = Array.from({ length: CLIENTS }, () => new Y.Doc());
    const providers = docs.map((d) => provider(streamId, token, d));
    await Promise.all(providers.map(synced));

    const counts: Record<string, number> = {};
    let disconnects = 0;
    for (let i = 0; i < EDITS; i++) {
      const k = r.int(CLIENTS);
      const p = providers[k];
      if (r.chance(0.03)) {
        if (p.wsconnected || p.wsconnecting) {
          p.disconnect();
          disconnects++;
        } else p.connect();
      }
      // Half-way, the server is killed and restarted while the clients go on editing; they reconnect by themselves.
      if (i === EDITS >> 1) {
        await srv.kill();
        await srv.start();
      }
      const what = randomEdit(docs[k], r);
      counts[what] = (counts[what] ?? 0) + 1;
      // Sometimes let the network breathe, so edits interleave with updates arriving.
      if (r.chance(0.2)) await new Promise((res) => setTimeout(res, r.int(5)));
    }
    for (const p of providers) if (!p.wsconnected && !p.wsconnecting) p.connect();
    await Promise.all(providers.map(synced));
    await until(() => new Set(docs.map(snapshot)).size === 1, 'every client to converge');

    const converged = docToStream(docs[0]);
    // A valid stream: its interchange form reads back as a tributary.stream/1 document.
    const parsed = parseStream(exportStream(converged));
    expect(parsed.ok ? 'valid' : parsed.error).toBe('valid');
    const diagnostics = lintStream(converged as never);
    for (const d of diagnostics) expect(d.code).toMatch(/^[a-z-]+$/);
    // What the server stored and exports is the same stream.
    const fromServer = async () => (await srv.api('GET', `/api/streams/${streamId}/export`, token)).body;
    let exported = await fromServer();
    for (let i = 0; i < 200 && exported.cards.length !== converged.cards.length; i++) exported = await fromServer();
    expect(exported.cards.map((c: any) => c.id).sort()).toEqual(converged.cards.map((c) => c.id));

    // Everything the server received survives a kill -9.
    for (const p of providers) p.destroy();
    await srv.kill();
    await srv.start();
    const fresh = new Y.Doc();
    const after = provider(streamId, await srv.login('marketer@demo.test'), fresh);
    await synced(after);
    expect(snapshot(fresh)).toBe(JSON.stringify(converged));
    after.destroy();
    console.log(
      `co-editing fuzz: seed ${SEED}, ${CLIENTS} clients, ${EDITS} edits ${JSON.stringify(counts)}, ${disconnects} disconnects, ` +
        `${converged.cards.length} cards and ${converged.edges.length} edges converged, ${diagnostics.length} diagnostics, 2 kill -9, lost 0`,
    );
  }, 240_000);
});
