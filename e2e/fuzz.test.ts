import fc from 'fast-check';
import WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bootServer, Client, type TestServer } from '../runtime/server/testkit.ts';
import { openapiOperations } from './support/openapiOps.ts';
import { AGENT_TYPES, VISITOR_TYPES, type MessageType } from './support/protocolTypes.ts';
import { CLOSE } from '../shared/protocol/closeCodes.ts';

/**
 * Malformed input against every HTTP operation of docs/openapi.yaml and every client message type of
 * shared/protocol: the runtime answers a client's mistake with a 4xx (never a 5xx), does not crash, and keeps
 * serving everybody else (checked after each batch). TRIBUTARY_LONG=1 tries ten times as many inputs.
 */
const RUNS = process.env.TRIBUTARY_LONG === '1' ? 200 : 20;
const figures = { http: 0, socket: 0 };

let s: TestServer;
let admin: string;
beforeAll(async () => {
  s = await bootServer();
  admin = await s.login('admin@demo.test');
});
afterAll(async () => {
  console.log(`malformed input: ${figures.http} HTTP requests, ${figures.socket} socket messages`);
  await s?.close();
});

/** The others are still served: health, a sign-in, and a visitor's hello on a fresh socket. */
async function othersServed() {
  expect((await s.api('GET', '/healthz')).status).toBe(200);
  admin = await s.login('admin@demo.test');
  const v = await Client.open(`${s.ws}/ws/visitor`);
  v.send({ type: 'hello', v: 1, workspace: 'demo', url: 'http://localhost/demo' });
  expect((await v.next('welcome')).visitorId).toBeTruthy();
  v.close();
}

const junkText = fc.oneof(
  fc.string(),
  fc.string({ unit: 'binary' }),
  fc.constantFrom('', '{', '[1,', 'null', '"x"', '{"a":', '\u0000', '🦀'.repeat(50)),
);
const pathParam = fc.oneof(
  fc.string({ minLength: 1 }),
  fc.constantFrom('..', '%2e%2e', '%', '%ZZ', 'x'.repeat(3000), '0', '-1', 'NaN'),
);

/** A body near the schema: its own field names with values of any type, or any JSON at all. */
const bodyFor = (props: string[]) =>
  fc.oneof(
    props.length ? fc.dictionary(fc.constantFrom(...props), fc.anything(), { maxKeys: props.length }) : fc.anything(),
    fc.anything(),
    fc.jsonValue(),
  );

describe('malformed HTTP input', () => {
  const ops = openapiOperations();

  it('finds the operations in the OpenAPI document', () => {
    expect(ops.length).toBeGreaterThan(40);
  });

  it.each(ops.map((o) => [o.method, o.path, o] as const))('%s %s', async (method, path, op) => {
    await fc.assert(
      fc.asyncProperty(
        pathParam,
        fc.option(fc.dictionary(fc.string({ minLength: 1, maxLength: 8 }), fc.string()), { nil: undefined }),
        fc.oneof(
          bodyFor(op.bodyProps).map((b) => ({ json: b })),
          junkText.map((raw) => ({ raw })),
        ),
        fc.boolean(),
        async (param, query, body, signedIn) => {
          let url = path.replace(/\{[^}]+\}/g, encodeURIComponent(param));
          if (query) url += `?${new URLSearchParams(query)}`;
          // Signing out would end the admin's session for the rest of the batch: use a session of its own.
          const token = !signedIn
            ? undefined
            : path === '/api/session' && method === 'DELETE'
              ? await s.login('admin@demo.test')
              : admin;
          const r = await s.api(method, url, {
            token,
            // A GET carries its input in the path and query only.
            ...(method === 'GET'
              ? {}
              : 'json' in body
                ? { body: body.json }
                : { raw: body.raw, headers: { 'content-type': 'application/json' } }),
          });
          figures.http++;
          expect(r.status, `${method} ${url} → ${r.status} ${JSON.stringify(r.body)}`).toBeLessThan(500);
        },
      ),
      { numRuns: RUNS },
    );
    await othersServed();
  });
});

/** A message of one type with its fields filled by anything, or with some fields left out. */
const messageOf = (t: MessageType) =>
  fc.oneof(
    fc
      .dictionary(fc.constantFrom(...(t.fields.length ? t.fields : ['x'])), fc.anything())
      .map((d) => ({ ...d, type: t.type })),
    fc.anything().map((v) => ({ type: t.type, [t.fields[0] ?? 'x']: v })),
  );

/** Sends a batch on one socket and waits until the server has dealt with it (or closed the socket). */
async function sendBatch(url: string, opening: unknown[], frames: Array<string | Buffer>) {
  const ws = new WebSocket(url);
  await new Promise((ok, fail) => {
    ws.once('open', ok);
    ws.once('error', fail);
  });
  const closed = new Promise<number>((ok) => ws.once('close', (code) => ok(code)));
  ws.on('error', () => {});
  for (const m of opening) ws.send(JSON.stringify(m));
  for (const f of frames) if (ws.readyState === WebSocket.OPEN) ws.send(f);
  figures.socket += frames.length;
  // The pong comes after the server has read every frame before the ping (or the socket closes first).
  const ponged = new Promise<'open'>((ok) => ws.once('pong', () => ok('open')));
  if (ws.readyState === WebSocket.OPEN) ws.ping();
  const code = await Promise.race([closed, ponged]);
  ws.terminate();
  return code;
}

const ALLOWED_CLOSE = [
  'open',
  CLOSE.normal,
  CLOSE.goingAway,
  CLOSE.tooBig,
  CLOSE.protocolError,
  CLOSE.sessionEnded,
  CLOSE.helloTimeout,
  CLOSE.badVersion,
] as const;

describe('malformed socket messages', () => {
  const frames = (types: MessageType[]) =>
    fc.array(
      fc.oneof(
        fc
          .constantFrom(...types)
          .chain(messageOf)
          .map((m) => JSON.stringify(m)),
        junkText,
        fc.uint8Array({ maxLength: 64 }).map((b) => Buffer.from(b)),
        fc.jsonValue().map((v) => JSON.stringify(v)),
      ),
      { minLength: 1, maxLength: 30 },
    );

  it.each(VISITOR_TYPES.map((t) => [t.type]))('visitor: %s and anything else', async (type) => {
    const only = VISITOR_TYPES.filter((t) => t.type === type);
    await fc.assert(
      fc.asyncProperty(frames(only), fc.boolean(), async (batch, greeted) => {
        const hello = { type: 'hello', v: 1, workspace: 'demo', url: 'http://localhost/demo' };
        const code = await sendBatch(
          `${s.ws}/ws/visitor`,
          greeted ? [hello, { type: 'start', id: 's1', dialogueId: 'd_demo', url: 'http://localhost/demo' }] : [],
          batch,
        );
        expect(ALLOWED_CLOSE).toContain(code);
      }),
      { numRuns: RUNS },
    );
    await othersServed();
  });

  it.each(AGENT_TYPES.map((t) => [t.type]))('agent: %s and anything else', async (type) => {
    const only = AGENT_TYPES.filter((t) => t.type === type);
    const token = await s.login('agent@demo.test');
    await fc.assert(
      fc.asyncProperty(frames(only), async (batch) => {
        const code = await sendBatch(`${s.ws}/ws/agent?token=${token}`, [], batch);
        expect(ALLOWED_CLOSE).toContain(code);
      }),
      { numRuns: RUNS },
    );
    await othersServed();
  });

  it('collab: random binary and text frames', async () => {
    const marketer = await s.login('marketer@demo.test');
    const id = (
      await s.api('POST', '/api/streams', {
        token: marketer,
        body: {
          format: 'tributary.stream/1',
          name: 'Fuzz',
          start: 'a',
          cards: [{ id: 'a', type: 'message', data: { text: 'hi' } }],
          edges: [],
        },
      })
    ).body.id;
    await fc.assert(
      fc.asyncProperty(
        fc.array(
          fc.oneof(
            fc.uint8Array({ maxLength: 200 }).map((b) => Buffer.from(b)),
            junkText,
          ),
          { minLength: 1, maxLength: 20 },
        ),
        async (batch) => {
          const code = await sendBatch(`${s.ws}/collab/${id}?token=${marketer}`, [], batch);
          expect([
            'open',
            CLOSE.normal,
            CLOSE.goingAway,
            CLOSE.unsupportedData,
            CLOSE.invalidPayload,
            CLOSE.tooBig,
            CLOSE.protocolError,
          ]).toContain(code);
        },
      ),
      { numRuns: RUNS },
    );
    await othersServed();
    // The draft still reads as a stream after the garbage.
    expect((await s.api('GET', `/api/streams/${id}/export`, { token: marketer })).status).toBe(200);
  });
});
