import { WebSocket } from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addCard, docToStream } from '../../shared/stream/ydoc.ts';
import { CLOSE } from '../../shared/protocol/closeCodes.ts';
import { bootServer, type TestServer } from './testkit.ts';

let t: TestServer;
beforeAll(async () => {
  t = await bootServer();
});
afterAll(async () => {
  await t?.close();
});

function provider(streamId: string, token: string, doc = new Y.Doc()): WebsocketProvider {
  return new WebsocketProvider(`${t.ws}/collab`, streamId, doc, {
    params: { token },
    WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
    disableBc: true,
  });
}

describe('/collab/{streamId} in the runtime', () => {
  it('lets a signed-in marketer co-edit the draft that export and publish read, and shows them as an editor', async () => {
    const token = await t.login('marketer@demo.test');
    const { body } = await t.api('GET', '/api/streams', { token });
    const id = body[0].id;
    const doc = new Y.Doc();
    const p = provider(id, token, doc);
    await new Promise<void>((resolve) => p.once('sync', () => resolve()));
    expect(docToStream(doc).cards.map((c) => c.id)).toContain('hello');
    addCard(doc, { id: 'extra', type: 'message', data: { text: 'Added live' }, position: { x: 0, y: 900 } });
    let exported: any;
    for (let i = 0; i < 100; i++) {
      exported = (await t.api('GET', `/api/streams/${id}/export`, { token })).body;
      if (exported.cards.some((c: any) => c.id === 'extra')) break;
      await new Promise((r) => setTimeout(r, 20));
    }
    expect(exported.cards.find((c: any) => c.id === 'extra').data.text).toBe('Added live');
    expect((await t.api('GET', `/api/streams/${id}`, { token })).body.editors).toEqual([
      { userId: expect.any(String), name: 'Mia Marketer' },
    ]);
    p.destroy();
  });

  it('closes the socket of an agent with forbidden and of a stranger with unauthorized', async () => {
    const { body } = await t.api('GET', '/api/streams', { token: await t.login('marketer@demo.test') });
    const codes = await Promise.all(
      [await t.login('agent@demo.test'), 'nope'].map(
        (token) =>
          new Promise<number>((resolve) => {
            const ws = new WebSocket(`${t.ws}/collab/${body[0].id}?token=${token}`);
            ws.on('close', (code) => resolve(code));
          }),
      ),
    );
    expect(codes).toEqual([CLOSE.forbidden, CLOSE.unauthorized]);
  });

  it('closes the editors of a stream that is deleted with not-found', async () => {
    const token = await t.login('marketer@demo.test');
    const doc = {
      format: 'tributary.stream/1',
      name: 'Short-lived',
      start: 'a',
      cards: [{ id: 'a', type: 'message', data: { text: 'Hi' } }],
      edges: [],
    };
    const { body } = await t.api('POST', '/api/streams', { token, body: doc });
    const ws = new WebSocket(`${t.ws}/collab/${body.id}?token=${token}`);
    await new Promise((resolve) => ws.once('open', resolve));
    const closed = new Promise<number>((resolve) => ws.once('close', (code) => resolve(code)));
    expect((await t.api('DELETE', `/api/streams/${body.id}`, { token })).status).toBe(204);
    expect(await closed).toBe(CLOSE.notFound);
  });

  it('closes the co-editing sockets of a session that signs out, and only those', async () => {
    const [mine, other] = [await t.login('marketer@demo.test'), await t.login('marketer@demo.test')];
    const { body } = await t.api('GET', '/api/streams', { token: mine });
    const open = async (token: string) => {
      const ws = new WebSocket(`${t.ws}/collab/${body[0].id}?token=${token}`);
      await new Promise((resolve) => ws.once('open', resolve));
      return { ws, closed: new Promise<number>((resolve) => ws.once('close', (code) => resolve(code))) };
    };
    const [a, b] = [await open(mine), await open(other)];
    expect((await t.api('DELETE', '/api/session', { token: mine })).status).toBeLessThan(300);
    expect(await a.closed).toBe(CLOSE.sessionEnded);
    expect(b.ws.readyState).toBe(WebSocket.OPEN);
    b.ws.close();
  });
});
