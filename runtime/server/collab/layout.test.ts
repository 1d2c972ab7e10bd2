import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { WebSocket } from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CLOSE } from '../../../shared/protocol/closeCodes.ts';
import { cardText, docToStream, layoutOf, LAYOUT_VERSION, setCardText } from '../../../shared/stream/ydoc.ts';
import { startCollabServer, type CollabServer } from './harness.ts';
import { connect, nextCloseCode, synced, syncRoundTrip, waitFor } from './testkit.ts';

/** A draft stored by the layout-1 editor (examples/demo.json plus a picklist card edited as layout 1 did). */
const LAYOUT1_DRAFT = new Uint8Array(
  readFileSync(new URL('../../../shared/stream/fixtures/draft-layout1.bin', import.meta.url)),
);

let dir: string;
let server: CollabServer;
const providers: WebsocketProvider[] = [];

function open(streamId: string, params: Record<string, string> = {}): WebsocketProvider {
  const p = new WebsocketProvider(server.url, streamId, new Y.Doc(), {
    params: { token: 'm:ann', ...params },
    WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
    disableBc: true,
  });
  providers.push(p);
  return p;
}

async function stored(streamId: string): Promise<Y.Doc> {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, (await server.drafts.load(streamId))!);
  return doc;
}

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'collab-layout-'));
  server = await startCollabServer(dir);
});

afterEach(() => {
  for (const p of providers.splice(0)) p.destroy();
  server.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('collab: Y.Doc layout migration', () => {
  it('migrates a layout-1 draft when it is opened, once, with nothing lost', async () => {
    const old = new Y.Doc();
    Y.applyUpdate(old, LAYOUT1_DRAFT);
    expect(layoutOf(old)).toBe(1);
    const before = docToStream(old);
    expect(before.cards.find((c) => c.id === 'picky')?.data).toMatchObject({ prompt: 'How big is your company?' });
    server.drafts.create('s1', LAYOUT1_DRAFT);

    const a = open('s1', { layout: String(LAYOUT_VERSION) });
    await synced(a);
    expect(layoutOf(a.doc)).toBe(LAYOUT_VERSION);
    expect(docToStream(a.doc)).toEqual(before);
    expect(cardText(a.doc, 'hello', ['text'])?.toString()).toBe(
      (before.cards.find((c) => c.id === 'hello')!.data as { text: string }).text,
    );
    expect(layoutOf(await stored('s1'))).toBe(LAYOUT_VERSION);

    // A second editor, and a restart: no second migration, same stream.
    const b = open('s1');
    await synced(b);
    expect(docToStream(b.doc)).toEqual(before);
    const stateBefore = Y.encodeStateVector(await stored('s1'));
    a.destroy();
    b.destroy();
    server.close();
    server = await startCollabServer(dir);
    const c = open('s1');
    await synced(c);
    await syncRoundTrip(c);
    expect(docToStream(c.doc)).toEqual(before);
    expect(Y.encodeStateVector(await stored('s1'))).toEqual(stateBefore);

    // The migrated draft merges concurrent typing in one text.
    const d = open('s1');
    await synced(d);
    setCardText(c.doc, 'hello', ['text'], 'Hi there! Welcome to the demo.');
    setCardText(d.doc, 'hello', ['text'], 'Hi {{firstName:"there"}}! Welcome to the demo, friend.');
    const merged = 'Hi there! Welcome to the demo, friend.';
    await waitFor(
      () => [c, d].every((p) => (docToStream(p.doc).cards.find((x) => x.id === 'hello')!.data as any).text === merged),
      'merged text',
    );
  });

  it('closes a client that reads an older layout with layoutOutdated, and lets the stock client without the parameter in', async () => {
    server.drafts.create('s2', LAYOUT1_DRAFT);
    const old = open('s2', { layout: '1' });
    expect(await nextCloseCode(old)).toBe(CLOSE.layoutOutdated);
    const stock = connect(server.url, 's2');
    providers.push(stock);
    await synced(stock);
    expect(layoutOf(stock.doc)).toBe(LAYOUT_VERSION);
  });
});
