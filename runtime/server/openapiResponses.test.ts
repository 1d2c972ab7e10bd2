import { readFileSync } from 'node:fs';
import Ajv2020 from 'ajv/dist/2020.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { api, type OperationId } from '../../shared/api/routes.ts';
import { VISITOR_PROTOCOL_VERSION } from '../../shared/protocol/visitor.ts';
import { OPENAPI_FILE } from '../../scripts/openapi.ts';
import { bootServer, Client, type TestServer } from './testkit.ts';

/**
 * Real answers of a booted server checked against both descriptions of them: the zod response schema the server
 * and the web client are typed with, and the JSON Schema docs/openapi.yaml publishes for it.
 */
const doc = parse(readFileSync(OPENAPI_FILE, 'utf8'));
const ajv = new Ajv2020({ strict: false, validateFormats: false, allErrors: true });
ajv.addSchema(doc, 'openapi');

const pointer = (...parts: string[]) => parts.map((p) => p.replace(/~/g, '~0').replace(/\//g, '~1')).join('/');

function expectDocumented(id: OperationId, status: number, body: unknown) {
  const op = api[id];
  const r = (op.responses as Record<number, { schema?: { safeParse(v: unknown): any } }>)[status];
  expect(r?.schema, `${id} documents no JSON for ${status}`).toBeDefined();
  const zod = r!.schema!.safeParse(body);
  expect(zod.success ? [] : zod.error.issues, `${id} ${status} against its zod schema`).toEqual([]);
  const ref = `openapi#/${pointer('paths', op.path, op.method.toLowerCase(), 'responses', String(status), 'content', 'application/json', 'schema')}`;
  const validate = ajv.getSchema(ref) ?? ajv.compile({ $ref: ref });
  expect(validate(body) ? [] : validate.errors, `${id} ${status} against docs/openapi.yaml`).toEqual([]);
}

let t: TestServer;
let admin: string;
beforeAll(async () => {
  t = await bootServer();
  admin = await t.login('admin@demo.test');
});
afterAll(async () => {
  await t?.close();
});

/** Calls an operation as the admin and checks the answer has the status and the documented shape. */
async function call(id: OperationId, status: number, o: { path?: string; body?: unknown; token?: string } = {}) {
  const op = api[id];
  const r = await t.api(op.method, o.path ?? op.path, { token: o.token ?? admin, body: o.body });
  expect(r.status, `${id}: ${JSON.stringify(r.body)}`).toBe(status);
  expectDocumented(id, status, r.body);
  return r.body;
}

describe('real responses match the documented response schemas', () => {
  it('session, users, agents', async () => {
    const session = await t.api('POST', '/api/session', {
      body: { email: 'agent@demo.test', password: 'tributary-demo' },
    });
    expectDocumented('signIn', 200, session.body);
    await call('getMe', 200);
    const users = await call('listUsers', 200);
    await call('getUser', 200, { path: `/api/users/${users[0].id}` });
    const created = await call('createUser', 201, {
      body: { email: `x${process.pid}@example.com`, name: 'X', password: 'long enough', roles: ['agent'] },
    });
    await call('updateUser', 200, { path: `/api/users/${created.id}`, body: { viewAll: true } });
    await call('listAgents', 200);
  });

  it('workspace: teams, settings, rules, attributes', async () => {
    await call('listTeams', 200);
    await call('createTeam', 201, { body: { name: `Team ${process.pid}` } });
    await call('getSettings', 200);
    await call('updateSettings', 200, { body: { acceptTimeoutSec: 30 } });
    const rules = [{ id: 'r1', when: { attribute: 'company', op: 'isNotEmpty' }, route: { teamId: 'sales' } }];
    await call('replaceRules', 200, { body: rules });
    await call('listRules', 200);
    await call('createAttribute', 201, { body: { name: 'plan', label: 'Plan' } });
    await call('listAttributes', 200);
  });

  it('streams: list, import, get, export, lint context, publish (201, 200, 422), versions, rollback', async () => {
    const streams = await call('listStreams', 200);
    expect(streams.length).toBeGreaterThan(0);
    const doc0 = await call('exportStream', 200, { path: `/api/streams/${streams[0].id}/export` });
    const { id } = await call('importStream', 201, { body: doc0 });
    await call('getStream', 200, { path: `/api/streams/${id}` });
    await call('getLintContext', 200, { path: `/api/streams/${id}/lint-context` });
    await call('publishStream', 201, { path: `/api/streams/${id}/publish` });
    await call('publishStream', 200, { path: `/api/streams/${id}/publish` });
    await call('listVersions', 200, { path: `/api/streams/${id}/versions` });
    await call('getVersion', 200, { path: `/api/streams/${id}/versions/1` });
    await call('rollbackStream', 201, { path: `/api/streams/${id}/rollback`, body: { version: 1 } });
    const broken = await call('importStream', 201, {
      body: { format: 'tributary.stream/1', name: 'Broken', cards: [], edges: [] },
    });
    await call('publishStream', 422, { path: `/api/streams/${broken.id}/publish` });
  });

  it('dialogues and the widget', async () => {
    const dialogues = await call('listDialogues', 200);
    expect(dialogues.length).toBeGreaterThan(0);
    await call('getDialogue', 200, { path: `/api/dialogues/${dialogues[0].id}` });
    const d = await call('createDialogue', 201, {
      body: {
        name: 'Pricing',
        streamId: dialogues[0].streamId,
        include: ['/pricing*'],
        triggers: { secondsOnPage: 5 },
      },
    });
    await call('updateDialogue', 200, { path: `/api/dialogues/${d.id}`, body: { priority: 2 } });
    const settings = await call('getSettings', 200);
    await call('resolveWidget', 200, { body: { workspace: settings.workspace, url: 'http://site.test/demo' } });
  });

  it('conversations (with a real transcript) and routing', async () => {
    const v = await Client.open(`${t.ws}/ws/visitor`);
    v.send({ type: 'hello', v: VISITOR_PROTOCOL_VERSION, workspace: 'demo', url: 'http://localhost/demo' });
    await v.next('welcome');
    v.send({ type: 'start', id: 's1', dialogueId: 'd_demo', url: 'http://localhost/demo' });
    const { conversationId } = await v.next('started');
    const ask = await v.next('ask');
    v.send({ type: 'reply', id: 'r1', cardId: ask.cardId, answerId: ask.answers[1].id });
    await v.next((m) => m.type === 'bot' && m.seq > ask.seq);
    v.close();
    const list = await call('listConversations', 200);
    expect(list.map((c: { id: string }) => c.id)).toContain(conversationId);
    const detail = await call('getConversation', 200, { path: `/api/conversations/${conversationId}` });
    expect(detail.items.length).toBeGreaterThan(2);
    await call('listDecisions', 200);
    await call('whatIf', 200, { body: { settings: { maxChatsPerAgent: 2 } } });
  });

  it('errors: {error:{code,message}}, path parameters named params.<name>', async () => {
    const bad = await t.api('GET', '/api/streams/x/versions/abc', { token: admin });
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toMatch(/^params\.version: /);
    const missing = await t.api('GET', '/api/dialogues/nope', { token: admin });
    expect(missing.status).toBe(404);
    expect(missing.body).toEqual({ error: { code: 'not-found', message: expect.any(String) } });
    const query = await t.api('GET', '/api/conversations?limit=0', { token: admin });
    expect(query.status).toBe(400);
    expect(query.body.error.message).toMatch(/^limit: /);
    const wrong = await t.api('POST', '/api/session', { body: { email: 'admin@demo.test', password: 'nope' } });
    expect(wrong.status).toBe(401);
    expect(wrong.body).toEqual({ error: { code: 'unauthorized', message: 'wrong email or password' } });
  });
});
