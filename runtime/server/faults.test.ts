import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLOSE } from '../../shared/protocol/closeCodes.ts';
import { bootServer, Client, type TestServer } from './testkit.ts';

let t: TestServer;
beforeAll(async () => {
  t = await bootServer();
});
afterAll(async () => {
  await t?.close();
});

async function hello(): Promise<Client> {
  const c = await Client.open(`${t.ws}/ws/visitor`);
  c.send({ type: 'hello', v: 1, workspace: 'demo', url: 'http://localhost/demo' });
  await c.next('welcome');
  return c;
}

describe('bad input never crashes the server', () => {
  it('answers bad visitor messages with errors and keeps the socket', async () => {
    const c = await hello();
    c.send('not json');
    expect(await c.next('error')).toMatchObject({ code: 'bad-message', message: 'not JSON' });
    c.send({ type: 'reply', id: 'x', cardId: 'nope', text: 'hi' });
    expect(await c.next('error')).toMatchObject({ code: 'not-found', id: 'x' });
    c.send({ type: 'start', id: 's', dialogueId: 'd_unknown', url: 'http://localhost/demo' });
    expect(await c.next('error')).toMatchObject({ code: 'not-found' });
    c.send({ type: 'start', id: 's2', dialogueId: 'd_demo', url: 'http://localhost/elsewhere' });
    expect(await c.next('error')).toMatchObject({ code: 'not-allowed' });
    c.send({ type: 'start', id: 's3', dialogueId: 'd_demo', url: 'http://localhost/demo' });
    await c.next('started');
    const ask = await c.next('ask');
    c.send({ type: 'reply', id: 'r', cardId: 'other', answerId: 'yes' });
    expect(await c.next('error')).toMatchObject({ code: 'stale' });
    c.send({ type: 'reply', id: 'r2', cardId: ask.cardId, answerId: 'maybe' });
    expect(await c.next('error')).toMatchObject({ code: 'not-found' });
    c.send({ type: 'message', id: 'm', text: 'hello?' });
    expect(await c.next('error')).toMatchObject({ code: 'not-allowed' });
    c.send({ type: 'message', id: 'm', text: 'x'.repeat(5000) });
    expect(await c.next('error')).toMatchObject({ code: 'bad-message' });
    c.close();
  });

  it('closes on a frame over the limit, a binary frame, a wrong version, an unknown workspace, a missing hello', async () => {
    const big = await hello();
    big.send(JSON.stringify({ type: 'message', id: 'm', text: 'x'.repeat(20_000) }));
    expect((await big.closed).code).toBe(CLOSE.tooBig);

    const bin = await hello();
    bin.socket.send(Buffer.from([1, 2, 3]));
    expect((await bin.closed).code).toBe(CLOSE.protocolError);

    const old = await Client.open(`${t.ws}/ws/visitor`);
    old.send({ type: 'hello', v: 99, workspace: 'demo', url: 'http://x/' });
    expect(await old.next('error')).toMatchObject({ code: 'bad-version' });
    expect((await old.closed).code).toBe(CLOSE.badVersion);

    const nowhere = await Client.open(`${t.ws}/ws/visitor`);
    nowhere.send({ type: 'hello', v: 1, workspace: 'nope', url: 'http://x/' });
    expect((await nowhere.closed).code).toBe(CLOSE.notFound);

    const spam = await hello();
    for (let i = 0; i < 25; i++) spam.send('{');
    expect((await spam.closed).code).toBe(CLOSE.protocolError);
  });

  it('closes agent sockets without a valid token (4001) or without live chat (4003)', async () => {
    const anon = await Client.open(`${t.ws}/ws/agent`);
    expect((await anon.closed).code).toBe(CLOSE.unauthorized);
    const bad = await Client.open(`${t.ws}/ws/agent?token=nope`);
    expect((await bad.closed).code).toBe(CLOSE.unauthorized);
    const marketer = await t.login('marketer@demo.test');
    const m = await Client.open(`${t.ws}/ws/agent?token=${marketer}`);
    expect((await m.closed).code).toBe(CLOSE.forbidden);
  });

  it('answers bad agent messages and unknown ids with errors', async () => {
    const token = await t.login('agent2@demo.test');
    const a = await Client.open(`${t.ws}/ws/agent?token=${token}`);
    await a.next('hello');
    a.send({ type: 'accept', conversationId: 'c_nope' });
    expect(await a.next('error')).toMatchObject({ code: 'not-found' });
    a.send({ type: 'message', id: 'x', conversationId: 'c_nope', text: 'hi' });
    expect(await a.next('error')).toMatchObject({ code: 'not-found', id: 'x' });
    a.send({ type: 'status', status: 'busy' });
    expect(await a.next('error')).toMatchObject({ code: 'bad-message' });
    a.send('[]');
    expect(await a.next('error')).toMatchObject({ code: 'bad-message' });
    a.close();
  });

  it('answers bad HTTP input with 4xx', async () => {
    const token = await t.login('marketer@demo.test');
    expect(
      (await t.api('POST', '/api/streams', { token, raw: '{', headers: { 'content-type': 'application/json' } }))
        .status,
    ).toBe(400);
    expect((await t.api('POST', '/api/streams', { token, body: [] })).status).toBe(422);
    expect((await t.api('GET', '/api/streams/s_nope/export', { token })).status).toBe(404);
    expect((await t.api('GET', '/api/streams/s_nope/versions/abc', { token })).status).toBe(400);
    expect(
      (await t.api('POST', '/api/session', { raw: 'x'.repeat(5000), headers: { 'content-type': 'application/json' } }))
        .status,
    ).toBe(413);
    expect((await t.api('POST', '/api/widget/resolve', { raw: '{"workspace":"demo"}' })).status).toBe(400);
    expect(
      (await t.api('GET', '/api/conversations?limit=-1', { token: await t.login('admin@demo.test') })).status,
    ).toBe(400);
    expect((await t.api('GET', '/healthz')).status).toBe(200);
  });

  it('survives a client that drops mid-request', async () => {
    const net = await import('node:net');
    await new Promise<void>((resolve) => {
      const s = net.connect(t.server.port, '127.0.0.1', () => {
        s.write('POST /api/streams HTTP/1.1\r\nHost: x\r\nContent-Length: 100000\r\n\r\n{"format":');
        setTimeout(() => {
          s.destroy();
          resolve();
        }, 50);
      });
    });
    expect((await t.api('GET', '/healthz')).status).toBe(200);
  });
});
