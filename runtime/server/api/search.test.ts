import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { walkDemo } from '../results/test/visitor.ts';
import { bootServer, type TestServer } from '../testkit.ts';

let t: TestServer;
let admin: string;
beforeAll(async () => {
  t = await bootServer();
  admin = await t.login('admin@demo.test');
  // Nobody is online: both hand-offs fall back, leaving a routing decision each.
  (await walkDemo(t.ws, ['yes', 'Ada Lovelace', 'ada@example.com'], 'ended')).close();
  (await walkDemo(t.ws, ['yes', 'Grace', 'grace@navy.test'], 'ended')).close();
});
afterAll(async () => {
  await t?.close();
});

const search = (query: string, token = admin) => t.api('GET', `/api/conversations/search?${query}`, { token });

describe('GET /api/conversations/search', () => {
  it("finds conversations by the visitor's name, email and words, a page at a time", async () => {
    const ada = await search('q=lovelace');
    expect(ada.status).toBe(200);
    expect(ada.body.conversations.map((c: any) => c.visitor.email)).toEqual(['ada@example.com']);
    expect(ada.body.next).toBeNull();
    expect((await search('q=ADA%40EXAMPLE.COM')).body.conversations).toHaveLength(1);
    expect((await search('q=gra')).body.conversations[0].visitor.firstName).toBe('Grace');
    const first = await search('limit=1');
    expect(first.body.conversations[0].visitor.firstName).toBe('Grace'); // newest first
    const second = await search(`limit=1&cursor=${first.body.next}`);
    expect(second.body.conversations[0].visitor.firstName).toBe('Ada Lovelace');
    expect(second.body.next).toBeNull();
  });

  it('answers typed punctuation and operators with results, and names the field it refuses', async () => {
    for (const q of ['"', '*', 'NEAR', '-ada', 'ada*', '"ada" AND', "'", '\\', '(', ''])
      expect((await search(`q=${encodeURIComponent(q)}`)).status).toBe(200);
    expect((await search(`q=${encodeURIComponent('"ada"*')}`)).body.conversations).toHaveLength(1);
    const long = await search(`q=${'a'.repeat(201)}`);
    expect([long.status, long.body.error.message]).toEqual([400, expect.stringMatching(/^q: /)]);
    const many = await search(`q=${encodeURIComponent('a b c d e f g h i')}`);
    expect([many.status, many.body.error.message]).toEqual([400, expect.stringMatching(/^q: at most 8 words/)]);
    const cursor = await search('cursor=nonsense');
    expect([cursor.status, cursor.body.error.message]).toEqual([400, expect.stringMatching(/^cursor: /)]);
  });

  it('keeps an agent to their own conversations', async () => {
    const agent = await t.login('agent@demo.test');
    expect((await search('q=ada', agent)).body.conversations).toEqual([]);
    expect((await search('agent=u_someone', agent)).status).toBe(403);
  });
});

describe('GET /api/routing/decisions?q=', () => {
  it("filters the routing log by the visitor's name or email", async () => {
    const all = await t.api('GET', '/api/routing/decisions', { token: admin });
    const byName = await t.api('GET', '/api/routing/decisions?q=ada', { token: admin });
    const byEmail = await t.api('GET', `/api/routing/decisions?q=${encodeURIComponent('grace@navy.test')}`, {
      token: admin,
    });
    expect(byName.body.length).toBeGreaterThan(0);
    expect(byEmail.body.length).toBeGreaterThan(0);
    expect(byName.body.length + byEmail.body.length).toBe(all.body.length);
    expect(new Set(byName.body.map((d: any) => d.visitorId)).size).toBe(1);
    expect(byName.body[0].visitorId).not.toBe(byEmail.body[0].visitorId);
    const bad = await t.api('GET', `/api/routing/decisions?q=${'x'.repeat(201)}`, { token: admin });
    expect([bad.status, bad.body.error.message]).toEqual([400, expect.stringMatching(/^q: /)]);
  });
});
