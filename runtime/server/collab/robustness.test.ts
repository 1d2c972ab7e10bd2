import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { WebSocket } from 'ws';
import * as Y from 'yjs';
import { afterEach, describe, expect, it } from 'vitest';
import { CLOSE } from '../../../shared/protocol/closeCodes.ts';
import { encodeFrame } from './encode.ts';
import { startCollabServer, type CollabServer } from './harness.ts';
import { cardsOf, closeCode, connect, nextCloseCode, rawSocket, synced, waitFor } from './testkit.ts';
import type { CollabLimits } from './endpoint.ts';

let dir: string | undefined;
let server: CollabServer | undefined;
const closeCodes: number[] = [];

async function boot(limits?: CollabLimits): Promise<CollabServer> {
  dir = mkdtempSync(join(tmpdir(), 'collab-'));
  server = await startCollabServer(dir, { limits, metrics: { closed: (code) => closeCodes.push(code) } });
  const doc = new Y.Doc();
  doc.getMap('cards').set('hello', { x: 0, y: 0 });
  server.drafts.create('s1', Y.encodeStateAsUpdate(doc));
  return server;
}

afterEach(() => {
  server?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
  server = dir = undefined;
  closeCodes.length = 0;
});

/** Valid update frames, as a client editing its own doc would send them. */
function updateFrames(count: number, bytesEach = 8): Uint8Array[] {
  const doc = new Y.Doc();
  const frames: Uint8Array[] = [];
  doc.on('update', (u: Uint8Array) => frames.push(encodeFrame.update(u)));
  for (let i = 0; i < count; i++) doc.getMap('cards').set(`k${i}`, 'x'.repeat(bytesEach));
  return frames;
}

async function expectStillServing(s: CollabServer): Promise<void> {
  const p = connect(s.url, 's1');
  await synced(p);
  expect(cardsOf(p.doc).hello).toEqual({ x: 0, y: 0 });
  p.destroy();
}

describe('collab endpoint under bad input', () => {
  const malformed: Array<[string, Uint8Array | string]> = [
    ['a length running past the end', new Uint8Array([0, 2, 5, 1, 2])],
    ['an unknown message type', new Uint8Array([9])],
    ['an unknown sync step', new Uint8Array([0, 7, 0])],
    ['an update that does not decode', new Uint8Array([0, 2, 3, 1, 1, 200])],
    ['trailing bytes', new Uint8Array([...encodeFrame.update(new Uint8Array([0, 0])), 1])],
    ['an awareness state that is not JSON', encodeFrame.awareness([{ clientId: 1, clock: 1, state: '{nope' }])],
    ['an empty frame', new Uint8Array(0)],
    ['a text frame', 'hello'],
  ];
  for (const [what, frame] of malformed) {
    it(`closes a socket that sends ${what} with CLOSE.protocolError and keeps serving`, async () => {
      const s = await boot();
      const ws = await rawSocket(`${s.url}/s1?token=m:ann`);
      const closed = closeCode(ws);
      ws.send(frame);
      expect(await closed).toBe(CLOSE.protocolError);
      await expectStillServing(s);
      expect(s.db.prepare('select count(*) n from collab_update').get()).toEqual({ n: 1 });
    });
  }

  it('closes with the named codes when not signed in, not a marketer, or the stream is unknown', async () => {
    const s = await boot();
    const cases: Array<[string, string, number]> = [
      ['s1', 'nobody', CLOSE.unauthorized],
      ['s1', 'viewer', CLOSE.forbidden],
      ['missing-stream', 'm:ann', CLOSE.notFound],
    ];
    for (const [stream, token, code] of cases) {
      const p = connect(s.url, stream, token);
      expect(await nextCloseCode(p)).toBe(code);
      p.destroy();
    }
    expect(s.endpoint.openStreams()).toEqual([]);
  });

  it('closes a socket whose frame passes maxPayloadLength', async () => {
    const s = await boot({ maxPayloadLength: 64 * 1024 });
    const ws = await rawSocket(`${s.url}/s1?token=m:ann`);
    const closed = closeCode(ws);
    ws.send(updateFrames(1, 100 * 1024)[0]);
    // Up to 1 MiB the transport reads the frame and names the reason; past that uws drops the connection (1006).
    expect(await closed).toBe(CLOSE.tooBig);
    await expectStillServing(s);
  });

  it('closes a consumer that stops reading with CLOSE.slowConsumer', async () => {
    const s = await boot({ maxBufferedBytes: 256 * 1024 });
    const slow = await rawSocket(`${s.url}/s1?token=m:slow`);
    const slowClosed = closeCode(slow);
    (slow as unknown as { _socket: { pause(): void; resume(): void } })._socket.pause();
    const writer = await rawSocket(`${s.url}/s1?token=m:ann`);
    // Enough to fill the kernel's socket buffers on both sides and then the server's own.
    const frames = updateFrames(60, 512 * 1024);
    for (const f of frames) writer.send(f);
    await waitFor(() => closeCodes.includes(CLOSE.slowConsumer), 'the slow consumer to be closed', 30_000);
    (slow as unknown as { _socket: { resume(): void } })._socket.resume();
    expect(await slowClosed).toBe(CLOSE.slowConsumer);
    writer.close();
  });

  it('stores and relays everything received from a client that leaves before it is stored', async () => {
    const s = await boot();
    const reader = connect(s.url, 's1', 'm:bob');
    await synced(reader);
    const writer = await rawSocket(`${s.url}/s1?token=m:ann`);
    const frames = updateFrames(200);
    for (const f of frames) writer.send(f);
    // A graceful close: the frames arrive first, then the close, all before this turn's commit.
    writer.close();
    await waitFor(() => Object.keys(cardsOf(reader.doc)).length === 201, 'every update relayed');
    reader.destroy();
    await s.groupCommit.settled();
    const stored = await s.drafts.load('s1');
    const doc = new Y.Doc();
    Y.applyUpdate(doc, stored!);
    expect(Object.keys(cardsOf(doc))).toHaveLength(201);
  });
});
