import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as decoding from 'lib0/decoding';
import { WebSocket } from 'ws';
import { WebsocketProvider as NextWebsocketProvider } from 'y-websocket-rc';
import type { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startCollabServer, type CollabServer } from './harness.ts';
import { messageSync } from './protocol.ts';
import { connect, synced, syncRoundTrip, waitFor } from './testkit.ts';

let dir: string;
let server: CollabServer;
const providers: { destroy(): void }[] = [];

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'collab-confirm-'));
  server = await startCollabServer(dir);
  server.drafts.create('s', Y.encodeStateAsUpdate(new Y.Doc()));
});

afterEach(() => {
  for (const p of providers.splice(0)) p.destroy();
  server.close();
  rmSync(dir, { recursive: true, force: true });
});

interface SyncStatus {
  connected: boolean;
  receivedInitialSync: boolean;
  localUpdatesSynced: boolean;
  status: 'green' | 'yellow' | 'red';
}

describe('collab: confirming a client its own updates', () => {
  it('brings a y-websocket 3.1.0 release candidate to "synced" after it edits', async () => {
    const doc = new Y.Doc();
    const next = new NextWebsocketProvider(server.url, 's', doc, {
      params: { token: 'm:ann' },
      WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
      disableBc: true,
    });
    providers.push(next);
    const status = () => (next as unknown as { syncStatus: SyncStatus }).syncStatus;
    await waitFor(() => status().status === 'green', 'initial sync');
    const text = doc.getText('t');
    for (let i = 0; i < 30; i++) {
      text.insert(text.length, `word${i} `);
      if (i % 10 === 0) text.delete(0, 2);
      await new Promise((r) => setTimeout(r, 5));
    }
    expect(status().localUpdatesSynced).toBe(false);
    await waitFor(() => status().localUpdatesSynced && status().status === 'green', 'own updates confirmed');
    // And the colleague's stock client got the edits.
    const other = connect(server.url, 's', 'm:bob');
    providers.push(other);
    await synced(other);
    expect(other.doc.getText('t').toString()).toBe(text.toString());
  });

  it('costs a stock 3.1.0 client a few bytes per flush, not an echo of what it sent, and changes nothing there', async () => {
    const a: WebsocketProvider = connect(server.url, 's', 'm:ann');
    providers.push(a);
    await synced(a);
    let sent = 0;
    const received: Uint8Array[] = [];
    const ws = a.ws as unknown as WebSocket;
    const send = ws.send.bind(ws);
    ws.send = ((data: Uint8Array, ...rest: never[]) => {
      sent += data.byteLength;
      return send(data, ...rest);
    }) as typeof ws.send;
    ws.on('message', (data: Buffer) => received.push(new Uint8Array(data)));
    let changes = 0;
    const text = a.doc.getText('t');
    for (let i = 0; i < 100; i++) text.insert(text.length, 'typing ');
    a.doc.on('update', (_u: Uint8Array, origin: unknown) => origin === a && changes++);
    await syncRoundTrip(a);
    await waitFor(() => received.some(isUpdateMessage), 'a confirmation');
    const confirmations = received.filter(isUpdateMessage);
    const confirmedBytes = confirmations.reduce((n, f) => n + f.byteLength, 0);
    expect(sent).toBeGreaterThan(2000);
    expect(confirmations.length).toBeLessThanOrEqual(2);
    expect(confirmedBytes).toBeLessThan(sent / 20);
    expect(changes).toBe(0);
    expect(text.toString()).toBe('typing '.repeat(100));
  });
});

function isUpdateMessage(frame: Uint8Array): boolean {
  const d = decoding.createDecoder(frame);
  return decoding.readVarUint(d) === messageSync && decoding.readVarUint(d) === 2;
}
