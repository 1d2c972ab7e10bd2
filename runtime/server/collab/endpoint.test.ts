import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import type { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startCollabServer, type CollabServer } from './harness.ts';
import type { Editor } from './room.ts';
import * as decoding from 'lib0/decoding';
import { messageAwareness, messageQueryAwareness } from './protocol.ts';
import { cardsOf, connect, rawSocket, synced, syncRoundTrip, waitFor } from './testkit.ts';

let dir: string;
let server: CollabServer;
let providers: WebsocketProvider[];
let presence: Array<[string, Editor[]]>;

function seed(streamId: string): void {
  const doc = new Y.Doc();
  doc.getMap('cards').set('hello', { x: 0, y: 0 });
  server.drafts.create(streamId, Y.encodeStateAsUpdate(doc));
}

function open(streamId: string, token?: string): WebsocketProvider {
  const p = connect(server.url, streamId, token);
  providers.push(p);
  return p;
}

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'collab-'));
  presence = [];
  server = await startCollabServer(dir, { onPresence: (id, editors) => presence.push([id, editors]) });
  providers = [];
});

afterEach(() => {
  for (const p of providers) p.destroy();
  server.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('collab endpoint', () => {
  it('lets two stock clients converge', async () => {
    seed('s1');
    const a = open('s1', 'm:ann');
    const b = open('s1', 'm:bob');
    await Promise.all([synced(a), synced(b)]);
    expect(cardsOf(a.doc)).toEqual({ hello: { x: 0, y: 0 } });
    for (let i = 0; i < 20; i++) {
      a.doc.getMap('cards').set(`a${i}`, { x: i, y: 0 });
      b.doc.getMap('cards').set(`b${i}`, { x: 0, y: i });
    }
    a.doc.getMap('cards').set('hello', { x: 1, y: 1 });
    await waitFor(
      () => Object.keys(cardsOf(a.doc)).length === 41 && Object.keys(cardsOf(b.doc)).length === 41,
      '41 cards',
    );
    await waitFor(() => isDeepStrictEqual(cardsOf(a.doc), cardsOf(b.doc)), 'equal docs');
    expect(cardsOf(b.doc).hello).toEqual({ x: 1, y: 1 });
  });

  it('gives a late joiner the whole draft from storage, and holds nothing once everyone left', async () => {
    seed('s1');
    const a = open('s1');
    await synced(a);
    for (let i = 0; i < 40; i++) a.doc.getMap('cards').set(`c${i}`, { x: i, y: i });
    const expected = cardsOf(a.doc);
    await waitFor(async () => {
      const state = await server.drafts.load('s1');
      return (
        state !== null && Y.diffUpdate(Y.encodeStateAsUpdate(a.doc), Y.encodeStateVectorFromUpdate(state)).length <= 2
      );
    }, 'the edits to be stored');
    a.destroy();
    await waitFor(() => server.endpoint.openStreams().length === 0, 'the room to go');
    await server.groupCommit.settled();
    await server.groupCommit.settled();
    // Compacted on last close (it had more than FANOUT new rows): the draft is one row again.
    expect(
      server.db.prepare('select (select count(*) from collab_update) + (select count(*) from collab_log) n').get(),
    ).toEqual({ n: 1 });

    const late = open('s1', 'm:carol');
    await synced(late);
    expect(cardsOf(late.doc)).toEqual(expected);
  });

  it('relays awareness and removes a client that went away without saying so', async () => {
    seed('s1');
    const a = open('s1', 'm:ann');
    const b = open('s1', 'm:bob');
    await Promise.all([synced(a), synced(b)]);
    a.awareness.setLocalState({ user: 'ann', cursor: [1, 2] });
    const annId = a.doc.clientID;
    await waitFor(() => b.awareness.getStates().get(annId)?.user === 'ann', "ann's awareness at bob");

    // A third client joining later is told the current states at once.
    const c = open('s1', 'm:carol');
    await waitFor(() => c.awareness.getStates().get(annId)?.user === 'ann', "ann's awareness at carol");

    // Drop ann's socket without the provider's goodbye: the server announces the removal.
    a.shouldConnect = false;
    (a.ws as unknown as { terminate(): void }).terminate();
    await waitFor(() => !b.awareness.getStates().has(annId) && !c.awareness.getStates().has(annId), 'removal');
  });

  it('relays a change the server appends (e.g. a rename through the API) to the open editors', async () => {
    seed('s1');
    const a = open('s1');
    await synced(a);
    const server_ = new Y.Doc();
    Y.applyUpdate(server_, (await server.drafts.load('s1'))!);
    const before = Y.encodeStateVector(server_);
    server_.getMap('cards').set('fromServer', { x: 9, y: 9 });
    server.drafts.append('s1', Y.encodeStateAsUpdate(server_, before));
    await waitFor(() => cardsOf(a.doc).fromServer !== undefined, 'the server-side change');
  });

  it('stores and relays what a client edited while it was offline, sent in its sync step 2', async () => {
    seed('s1');
    const a = open('s1', 'm:ann');
    const b = open('s1', 'm:bob');
    await Promise.all([synced(a), synced(b)]);
    b.disconnect();
    b.doc.getMap('cards').set('offline', { x: 5, y: 5 });
    b.connect();
    await waitFor(() => cardsOf(a.doc).offline !== undefined, "bob's offline edit at ann");
    await server.groupCommit.settled();
    const doc = new Y.Doc();
    Y.applyUpdate(doc, (await server.drafts.load('s1'))!);
    expect(cardsOf(doc).offline).toEqual({ x: 5, y: 5 });
  });

  it('answers an awareness query with the states it knows', async () => {
    seed('s1');
    const a = open('s1', 'm:ann');
    await synced(a);
    a.awareness.setLocalState({ user: 'ann' });
    await waitFor(() => server.endpoint.editors('s1').length === 1 && a.awareness.getStates().size === 1, 'ann');
    await syncRoundTrip(a);
    const states = new Map<number, unknown>();
    const ws = await rawSocket(`${server.url}/s1?token=m:bob`, (data) => {
      const d = decoding.createDecoder(new Uint8Array(data));
      if (decoding.readVarUint(d) !== messageAwareness) return;
      const u = decoding.createDecoder(decoding.readVarUint8Array(d));
      for (let n = decoding.readVarUint(u); n > 0; n--) {
        const id = decoding.readVarUint(u);
        decoding.readVarUint(u);
        states.set(id, JSON.parse(decoding.readVarString(u)));
      }
    });
    // Told on joining, then asked again.
    await waitFor(() => (states.get(a.doc.clientID) as { user?: string })?.user === 'ann', 'the states on join');
    states.clear();
    ws.send(new Uint8Array([messageQueryAwareness]));
    await waitFor(() => (states.get(a.doc.clientID) as { user?: string })?.user === 'ann', 'the answer');
    ws.close();
  });

  it('tells who is editing each stream', async () => {
    seed('s1');
    seed('s2');
    const a = open('s1', 'm:ann');
    const a2 = open('s1', 'm:ann');
    const b = open('s2', 'm:bob');
    await Promise.all([synced(a), synced(a2), synced(b)]);
    expect(server.endpoint.editors('s1')).toEqual([{ userId: 'ann', name: 'User ann' }]);
    expect(server.endpoint.editors('s2')).toEqual([{ userId: 'bob', name: 'User bob' }]);
    expect(server.endpoint.openStreams().sort()).toEqual(['s1', 's2']);
    b.destroy();
    await waitFor(() => server.endpoint.editors('s2').length === 0, 'bob to leave');
    expect(presence.at(-1)).toEqual(['s2', []]);
  });
});
