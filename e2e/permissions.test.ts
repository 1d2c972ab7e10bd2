import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bootServer, Client, type TestServer } from '../runtime/server/testkit.ts';
import { permissionCell } from './support/permissionCell.ts';
import { PASSWORD, roleTokens, ROLES, type Role } from './support/roles.ts';
import { Fixtures, ROUTE_CASES } from './support/routeCases.ts';
import { socketOutcome } from './support/socketProbe.ts';
import { CLOSE } from '../shared/protocol/closeCodes.ts';

/**
 * Every HTTP route of docs/openapi.yaml and every socket against every kind of caller (SPEC §7). Columns, in
 * order: anonymous, visitor (the widget's caller: no account), agent without "view all", agent with it,
 * marketer without publish, marketer, admin. Each cell is its own test.
 */
const EXPECTED: Array<[string, string, number[]]> = [
  //                                                     anon visitor own  agent draft mkt  admin
  ['GET', '/healthz', [200, 200, 200, 200, 200, 200, 200]],
  ['GET', '/metrics', [401, 401, 403, 403, 403, 403, 200]],
  ['POST', '/api/session', [200, 200, 200, 200, 200, 200, 200]],
  ['DELETE', '/api/session', [401, 401, 204, 204, 204, 204, 204]],
  ['GET', '/api/me', [401, 401, 200, 200, 200, 200, 200]],
  ['PATCH', '/api/me', [401, 401, 200, 200, 200, 200, 200]],
  ['PUT', '/api/me/avatar', [401, 401, 200, 200, 200, 200, 200]],
  ['DELETE', '/api/me/avatar', [401, 401, 204, 204, 204, 204, 204]],
  ['GET', '/api/users/{id}/avatar', [200, 200, 200, 200, 200, 200, 200]],
  ['GET', '/api/users', [401, 401, 403, 403, 403, 403, 200]],
  ['POST', '/api/users', [401, 401, 403, 403, 403, 403, 201]],
  ['GET', '/api/users/{id}', [401, 401, 403, 403, 403, 403, 200]],
  ['PATCH', '/api/users/{id}', [401, 401, 403, 403, 403, 403, 200]],
  ['DELETE', '/api/users/{id}', [401, 401, 403, 403, 403, 403, 204]],
  ['GET', '/api/agents', [401, 401, 200, 200, 200, 200, 200]],
  ['GET', '/api/teams', [401, 401, 200, 200, 200, 200, 200]],
  ['POST', '/api/teams', [401, 401, 403, 403, 403, 403, 201]],
  ['PATCH', '/api/teams/{id}', [401, 401, 403, 403, 403, 403, 200]],
  ['DELETE', '/api/teams/{id}', [401, 401, 403, 403, 403, 403, 204]],
  ['GET', '/api/settings', [401, 401, 200, 200, 200, 200, 200]],
  ['PATCH', '/api/settings', [401, 401, 403, 403, 403, 403, 200]],
  ['GET', '/api/rules', [401, 401, 200, 200, 200, 200, 200]],
  ['PUT', '/api/rules', [401, 401, 403, 403, 403, 403, 200]],
  ['GET', '/api/attributes', [401, 401, 200, 200, 200, 200, 200]],
  ['POST', '/api/attributes', [401, 401, 403, 403, 403, 403, 201]],
  ['DELETE', '/api/attributes/{id}', [401, 401, 403, 403, 403, 403, 204]],
  ['GET', '/api/streams', [401, 401, 403, 403, 200, 200, 200]],
  ['POST', '/api/streams', [401, 401, 403, 403, 201, 201, 201]],
  ['GET', '/api/streams/{id}', [401, 401, 403, 403, 200, 200, 200]],
  ['PATCH', '/api/streams/{id}', [401, 401, 403, 403, 200, 200, 200]],
  ['DELETE', '/api/streams/{id}', [401, 401, 403, 403, 204, 204, 204]],
  ['POST', '/api/streams/{id}/duplicate', [401, 401, 403, 403, 201, 201, 201]],
  ['GET', '/api/streams/{id}/export', [401, 401, 403, 403, 200, 200, 200]],
  ['GET', '/api/streams/{id}/lint-context', [401, 401, 403, 403, 200, 200, 200]],
  ['POST', '/api/streams/{id}/publish', [401, 401, 403, 403, 403, 201, 201]],
  ['GET', '/api/streams/{id}/versions', [401, 401, 403, 403, 200, 200, 200]],
  ['GET', '/api/streams/{id}/versions/1', [401, 401, 403, 403, 200, 200, 200]],
  ['POST', '/api/streams/{id}/rollback', [401, 401, 403, 403, 403, 201, 201]],
  ['GET', '/api/dialogues', [401, 401, 403, 403, 200, 200, 200]],
  ['POST', '/api/dialogues', [401, 401, 403, 403, 403, 201, 201]],
  ['GET', '/api/dialogues/{id}', [401, 401, 403, 403, 200, 200, 200]],
  ['PATCH', '/api/dialogues/{id}', [401, 401, 403, 403, 403, 200, 200]],
  ['DELETE', '/api/dialogues/{id}', [401, 401, 403, 403, 403, 204, 204]],
  ['POST', '/api/widget/resolve', [200, 200, 200, 200, 200, 200, 200]],
  ['GET', '/api/routing/decisions', [401, 401, 403, 403, 403, 403, 200]],
  ['POST', '/api/routing/what-if', [401, 401, 403, 403, 403, 403, 200]],
  ['GET', '/api/conversations', [401, 401, 200, 200, 403, 403, 200]],
];

/** A conversation handled by the demo agent: someone else's for the matrix's own-only agent. */
const CONVERSATION: Array<[Role, number]> = [
  ['anonymous', 401],
  ['visitor', 401],
  ['agentOwn', 403],
  ['agent', 200],
  ['marketerNoPublish', 403],
  ['marketer', 403],
  ['admin', 200],
];

const U = CLOSE.unauthorized;
const F = CLOSE.forbidden;
/** Sockets: 'open' or the close code (docs/protocol.md). */
const SOCKETS: Array<[string, Array<'open' | number>]> = [
  //                    anon    visitor own     agent   draft   mkt     admin
  ['/ws/visitor', ['open', 'open', 'open', 'open', 'open', 'open', 'open']],
  ['/ws/agent', [U, U, 'open', 'open', F, F, F]],
  ['/collab/{id}', [U, U, F, F, 'open', 'open', 'open']],
];

let s: TestServer;
let admin: string;
let tokens: Record<Role, string | undefined>;
let fixtures: Fixtures;
let conversationId: string;
const EMAILS: Partial<Record<Role, [string, string?]>> = {
  agentOwn: ['own@e2e.test', PASSWORD],
  agent: ['all@e2e.test', PASSWORD],
  marketerNoPublish: ['draft@e2e.test', PASSWORD],
  marketer: ['marketer@demo.test'],
  admin: ['admin@demo.test'],
};
const fresh = async (role: Role) => (EMAILS[role] ? s.login(...(EMAILS[role] as [string, string?])) : undefined);

beforeAll(async () => {
  s = await bootServer();
  admin = await s.login('admin@demo.test');
  tokens = await roleTokens(s, admin);
  fixtures = new Fixtures(s, admin);
  conversationId = await demoChat(s);
});
afterAll(() => s?.close());

/** A visitor on the demo dialogue asks for a person and the demo agent takes the chat. */
async function demoChat(t: TestServer): Promise<string> {
  const agent = await Client.open(`${t.ws}/ws/agent?token=${await t.login('agent@demo.test')}`);
  await agent.next('hello');
  agent.send({ type: 'status', status: 'online' });
  await agent.next('status');
  const v = await Client.open(`${t.ws}/ws/visitor`);
  v.send({ type: 'hello', v: 1, workspace: 'demo', url: 'http://localhost/demo' });
  await v.next('welcome');
  v.send({ type: 'start', id: 's', dialogueId: 'd_demo', url: 'http://localhost/demo' });
  const { conversationId: id } = await v.next('started');
  v.send({ type: 'reply', id: 'r1', cardId: 'ask', answerId: 'yes' });
  await v.next((m) => m.type === 'ask' && m.attribute === 'firstName');
  v.send({ type: 'reply', id: 'r2', cardId: 'name', text: 'Ada' });
  await v.next((m) => m.type === 'ask' && m.attribute === 'email');
  v.send({ type: 'reply', id: 'r3', cardId: 'email', text: 'ada@example.com' });
  await agent.next('offer');
  agent.send({ type: 'accept', conversationId: id });
  await v.next('agentJoined');
  v.close();
  agent.close();
  return id;
}

const cells = EXPECTED.flatMap(([method, path, statuses]) =>
  ROLES.map((role, i) => [method, path, role, statuses[i]] as const),
);

describe('HTTP routes by role', () => {
  it('covers every route of the route table', () => {
    expect(EXPECTED.map(([m, p]) => `${m} ${p}`)).toEqual(ROUTE_CASES.map((r) => `${r.method} ${r.path}`));
  });

  it.each(cells)('%s %s as %s → %i', async (method, path, role, status) => {
    const route = ROUTE_CASES.find((r) => r.method === method && r.path === path)!;
    expect(await permissionCell(s, fixtures, tokens, fresh, route, role)).toBe(status);
  });

  it.each(CONVERSATION)('GET /api/conversations/{id} of another agent’s chat as %s → %i', async (role, status) => {
    const r = await s.api('GET', `/api/conversations/${conversationId}`, { token: tokens[role] });
    expect(r.status).toBe(status);
  });
});

const socketCells = SOCKETS.flatMap(([path, outcomes]) => ROLES.map((role, i) => [path, role, outcomes[i]] as const));

describe('sockets by role', () => {
  it.each(socketCells)('%s as %s → %s', async (path, role, outcome) => {
    const streamId = path.includes('{id}') ? await fixtures.stream() : '';
    const token = tokens[role];
    const url = `${s.ws}${path.replace('{id}', streamId)}${token ? `?token=${token}` : ''}`;
    // The visitor speaks first with `hello`; a y-websocket client with sync step 1 of an empty document.
    const first =
      path === '/ws/visitor'
        ? { type: 'hello', v: 1, workspace: 'demo', url: 'http://localhost/demo' }
        : path.startsWith('/collab')
          ? Buffer.from([0, 0, 1, 0])
          : undefined;
    expect(await socketOutcome(url, first)).toBe(outcome);
  });
});
