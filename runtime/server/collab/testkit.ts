import * as encoding from 'lib0/encoding';
import { WebSocket } from 'ws';
import * as syncProtocol from 'y-protocols/sync';
import { messageYjsSyncStep2 } from 'y-protocols/sync';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { messageSync } from './protocol.ts';

/** Helpers shared by the collab tests: stock y-websocket providers in Node, raw sockets, polling. */

export function connect(url: string, streamId: string, token = 'm:ann', doc = new Y.Doc()): WebsocketProvider {
  return new WebsocketProvider(url, streamId, doc, {
    params: { token },
    WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
    // Providers in one process would otherwise sync through BroadcastChannel and bypass the server.
    disableBc: true,
  });
}

export function synced(provider: WebsocketProvider): Promise<void> {
  if (provider.synced) return Promise.resolve();
  return new Promise((resolve) => provider.once('sync', (s: boolean) => s && resolve()));
}

export async function waitFor(
  check: () => boolean | Promise<boolean>,
  what: string,
  timeoutMs = 10_000,
): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

/** Resolves with the close code the server sends on this provider's next connection close. */
export function nextCloseCode(provider: WebsocketProvider): Promise<number> {
  return new Promise((resolve) =>
    provider.once('connection-close', (event: CloseEvent | null) => resolve(event?.code ?? -1)),
  );
}

/** A raw socket for frames no stock client would send; `onMessage` is attached before anything can arrive. */
export async function rawSocket(url: string, onMessage?: (data: ArrayBuffer) => void): Promise<WebSocket> {
  const ws = new WebSocket(url);
  ws.binaryType = 'arraybuffer';
  if (onMessage) ws.on('message', onMessage);
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('error', reject);
  });
  return ws;
}

export function closeCode(ws: WebSocket): Promise<number> {
  if (ws.readyState === WebSocket.CLOSED) return Promise.reject(new Error('already closed'));
  return new Promise((resolve) => ws.once('close', (code) => resolve(code)));
}

/** The JSON of a doc's `cards` map, the shape the tests edit. */
export function cardsOf(doc: Y.Doc): Record<string, unknown> {
  return doc.getMap('cards').toJSON();
}

/**
 * Sends sync step 1 on the provider's socket and resolves when the server's step 2 comes back. The server answers
 * only once everything received before it is stored, so this is the protocol's acknowledgement.
 */
export function syncRoundTrip(provider: WebsocketProvider): Promise<void> {
  const handlers = provider.messageHandlers;
  const original = handlers[messageSync];
  return new Promise((resolve) => {
    handlers[messageSync] = (encoder, decoder, p, emitSynced, type) => {
      // The sync sub-type is the next byte; peek before the stock handler consumes it.
      if (decoder.arr[decoder.pos] === messageYjsSyncStep2) {
        handlers[messageSync] = original;
        resolve();
      }
      original(encoder, decoder, p, emitSynced, type);
    };
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, messageSync);
    syncProtocol.writeSyncStep1(encoder, provider.doc);
    provider.ws!.send(encoding.toUint8Array(encoder));
  });
}
