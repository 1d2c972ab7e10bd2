import { readFileSync } from 'node:fs';
import { WebSocket } from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compileStream } from '../shared/compile/compileStream.ts';
import { parseStream } from '../shared/stream/interchange.ts';
import { bootServer, type TestServer } from '../runtime/server/testkit.ts';
import { ServerProcess } from '../e2e/support/serverProcess.ts';
import { CLOSE } from '../shared/protocol/closeCodes.ts';

/**
 * SPEC §8.4 as an outside client sees it: only HTTP, the stock y-websocket provider and the shipped examples.
 * The documents read here are the files the SPEC names, not fixtures of our own.
 */
const example = (name: string) => JSON.parse(readFileSync(new URL(`../examples/${name}`, import.meta.url), 'utf8'));
const demoDoc = example('demo.json');
const specDoc = example('spec-example.json');

/** The draft keeps cards and edges keyed by id, so an export lists them sorted: compare without array order. */
const unordered = (d: any) => ({
  ...d,
  cards: [...d.cards].sort((a: any, b: any) => a.id.localeCompare(b.id)),
  edges: [...d.edges].sort((a: any, b: any) => JSON.stringify(a).localeCompare(JSON.stringify(b))),
});

let t: TestServer;
beforeAll(async () => {
  t = await bootServer();
});
afterAll(async () => {
  await t?.close();
});

describe('SPEC §8.4 demo workspace', () => {
  it('signs in every demo account with the printed password: token, HttpOnly SameSite=Lax cookie', async () => {
    for (const email of ['admin@demo.test', 'marketer@demo.test', 'agent@demo.test', 'agent2@demo.test']) {
      const r = await t.api('POST', '/api/session', { body: { email, password: 'tributary-demo' } });
      expect(r.status).toBe(200);
      expect(r.body.token).toEqual(expect.any(String));
      expect(r.headers.get('set-cookie')).toMatch(/HttpOnly/);
      expect(r.headers.get('set-cookie')).toMatch(/SameSite=Lax/);
      expect((await t.api('GET', '/api/me', { token: r.body.token })).body.email).toBe(email);
    }
  });

  it('has team sales with both agents, offline, and a published dialogue on /demo running examples/demo.json', async () => {
    const admin = await t.login('admin@demo.test');
    const users = (await t.api('GET', '/api/users', { token: admin })).body as any[];
    const agents = users.filter((u) => u.email === 'agent@demo.test' || u.email === 'agent2@demo.test');
    expect(agents).toHaveLength(2);
    for (const a of agents) expect(a).toMatchObject({ liveChat: true, status: 'offline', teams: ['sales'] });
    const teams = (await t.api('GET', '/api/teams', { token: admin })).body as any[];
    expect(teams.map((x) => x.id)).toEqual(['sales']);
    expect([...teams[0].members].sort()).toEqual(agents.map((a) => a.id).sort());

    const dialogues = (await t.api('GET', '/api/dialogues', { token: admin })).body as any[];
    expect(dialogues).toHaveLength(1);
    expect(dialogues[0]).toMatchObject({ include: ['/demo'], active: true });
    const streamId = dialogues[0].streamId;
    const exported = (await t.api('GET', `/api/streams/${streamId}/export`, { token: admin })).body;
    expect(unordered(exported)).toEqual(unordered(demoDoc));
    const versions = (await t.api('GET', `/api/streams/${streamId}/versions`, { token: admin })).body as any[];
    const parsed = parseStream(demoDoc);
    if (!parsed.ok) throw new Error(parsed.error);
    expect(versions[0].hash).toBe(compileStream(parsed.stream).hash);
  });
});

describe('SPEC §8.4 streams API', () => {
  it('imports the §8.2 example (201 {id}) and exports the same document', async () => {
    const token = await t.login('marketer@demo.test');
    const created = await t.api('POST', '/api/streams', { token, body: specDoc });
    expect(created.status).toBe(201);
    expect(Object.keys(created.body)).toEqual(['id']);
    const exported = await t.api('GET', `/api/streams/${created.body.id}/export`, { token });
    expect(exported.status).toBe(200);
    expect(unordered(exported.body)).toEqual(unordered(specDoc));
  });

  it('answers unknown API routes with a JSON 404 for every method, not a page', async () => {
    for (const method of ['GET', 'POST']) {
      const r = await t.api(method, '/api/no-such-route', method === 'POST' ? { body: {} } : {});
      expect(r.status).toBe(404);
      expect(r.body.error.code).toBe('not-found');
    }
  });
});

describe('SPEC §8.4 /collab with the stock client', () => {
  const open = (base: string, streamId: string, token: string, doc: Y.Doc) =>
    new WebsocketProvider(`${base}/collab`, streamId, doc, {
      params: { token },
      WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
      disableBc: true,
    });
  const synced = (p: WebsocketProvider) =>
    new Promise<void>((resolve) => (p.synced ? resolve() : p.once('sync', () => resolve())));

  it('syncs the draft written in the documented layout, and an edit the server received outlives a kill -9', async () => {
    const s = new ServerProcess();
    try {
      await s.start();
      const token = await s.login('marketer@demo.test');
      const { body } = await s.api('POST', '/api/streams', token, specDoc);
      const p = open(s.ws, body.id, token, new Y.Doc());
      await synced(p);
      // Layout 2 (docs/collab.md): a card's data is a Y.Map and its texts are Y.Texts.
      const text = (d: Y.Doc) => d.getMap<Y.Map<any>>('cards').get('hello')!.get('data').get('text') as Y.Text;
      expect(text(p.doc).toString()).toBe(specDoc.cards[0].data.text);
      p.doc.transact(() => {
        const t = text(p.doc);
        t.delete(0, t.length);
        t.insert(0, 'Edited through the stock client');
      });
      // Received: the server's draft (what export reads) has it. Then SIGKILL, no shutdown hook.
      let exported = '';
      for (let i = 0; i < 200 && exported !== 'Edited through the stock client'; i++) {
        await new Promise((r) => setTimeout(r, 20));
        exported = (await s.api('GET', `/api/streams/${body.id}/export`, token)).body.cards.find(
          (c: any) => c.id === 'hello',
        ).data.text;
      }
      p.destroy();
      await s.kill();
      await s.start();
      const p2 = open(s.ws, body.id, token, new Y.Doc());
      await synced(p2);
      expect(exported).toBe('Edited through the stock client');
      expect(text(p2.doc).toString()).toBe('Edited through the stock client');
      p2.destroy();
    } finally {
      await s.close();
    }
  });

  it('closes the socket of a signed-in non-marketer with a named close code', async () => {
    const agent = await t.login('agent@demo.test');
    const marketer = await t.login('marketer@demo.test');
    const id = (await t.api('GET', '/api/streams', { token: marketer })).body[0].id;
    const p = open(t.ws, id, agent, new Y.Doc());
    const code = await new Promise<number>((resolve) => p.once('connection-close', (e: any) => resolve(e.code)));
    p.destroy();
    expect(code).toBe(CLOSE.forbidden);
  });
});
