import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { walkDemo } from '../results/test/visitor.ts';
import { bootServer, type TestServer } from '../testkit.ts';

let t: TestServer;
let marketer: string;
let admin: string;
let agent: string;
let streamId: string;
beforeAll(async () => {
  t = await bootServer();
  [marketer, admin, agent] = await Promise.all([
    t.login('marketer@demo.test'),
    t.login('admin@demo.test'),
    t.login('agent@demo.test'),
  ]);
  streamId = (await t.api('GET', '/api/streams', { token: marketer })).body[0].id;
  (await walkDemo(t.ws, ['no'], 'ended')).close();
  // Nobody is online: the hand-off falls back, a missed live chat, with the captures and the goal.
  (await walkDemo(t.ws, ['yes', 'Ada', 'Ada@Example.com'], 'ended')).close();
  (await walkDemo(t.ws, ['yes', 'Bo', 'bo@example.com'], 'ended')).close();
});
afterAll(async () => {
  await t?.close();
});

const csv = async (path: string, token = marketer) => {
  const res = await fetch(t.base + path, { headers: { authorization: `Bearer ${token}` } });
  return { status: res.status, type: res.headers.get('content-type'), text: await res.text() };
};

describe('GET /api/leads', () => {
  it('lists one row per conversation, newest first, with captures, goal, outcome and the attributes in use', async () => {
    const r = await t.api('GET', `/api/leads?stream=${streamId}`, { token: marketer });
    expect(r.status).toBe(200);
    expect(r.body.attributes).toEqual(['email', 'firstName']);
    expect(r.body.rows).toHaveLength(3);
    expect(r.body.next).toBeNull();
    expect(r.body.rows[0]).toMatchObject({
      streamId,
      version: 1,
      outcome: 'missed',
      goal: 'sales-lead',
      agent: null,
      attributes: { firstName: 'Bo', email: 'bo@example.com' },
    });
    expect(r.body.rows[2]).toMatchObject({ outcome: 'completed', goal: null, score: 0, attributes: {} });
    expect(r.body.rows[0].startedAt).toBeGreaterThanOrEqual(r.body.rows[1].startedAt);
  });

  it('filters by outcome, goal, version and day, and pages with a cursor', async () => {
    const ids = async (qs: string) =>
      (await t.api('GET', `/api/leads?stream=${streamId}&${qs}`, { token: marketer })).body.rows.map(
        (r: any) => r.attributes.firstName ?? '-',
      );
    expect(await ids('outcome=completed')).toEqual(['-']);
    expect(await ids('goal=sales-lead')).toEqual(['Bo', 'Ada']);
    expect(await ids('version=1&outcome=missed')).toEqual(['Bo', 'Ada']);
    const today = new Date().toISOString().slice(0, 10);
    const yesterday = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);
    expect(await ids(`from=${today}&to=${today}`)).toHaveLength(3);
    expect(await ids(`to=${yesterday}`)).toEqual([]);
    // Server-side text search (the search module): captured values and what the visitor wrote.
    expect(await ids('q=ada')).toEqual(['Ada']);
    expect(await ids('q=example%20com&outcome=missed')).toEqual(['Bo', 'Ada']);
    expect(await ids('q=nobody')).toEqual([]);
    const first = await t.api('GET', `/api/leads?stream=${streamId}&limit=2`, { token: marketer });
    expect(first.body.rows).toHaveLength(2);
    expect(first.body.next).toEqual(expect.any(String));
    const second = await t.api('GET', `/api/leads?stream=${streamId}&limit=2&cursor=${first.body.next}`, {
      token: marketer,
    });
    expect(second.body.rows.map((r: any) => r.conversationId)).toEqual([
      (await t.api('GET', `/api/leads?stream=${streamId}`, { token: marketer })).body.rows[2].conversationId,
    ]);
  });

  it('answers bad input with a clear error: unknown stream 404, bad range 400 naming the field, huge pages 400', async () => {
    const get = (qs: string, token = marketer) => t.api('GET', `/api/leads?${qs}`, { token });
    expect((await get('stream=s_nope')).status).toBe(404);
    expect((await get(`stream=${streamId}&version=99`)).status).toBe(404);
    const bad = await get('from=2026-02-30');
    expect(bad.status).toBe(400);
    // Each error also says its field and a reason, for pages to say it in their language.
    expect(bad.body.error).toEqual({
      code: 'bad-range',
      message: expect.stringMatching(/^from: /),
      field: 'from',
      reason: 'unreadable',
    });
    const reversed = await get('from=2026-12-02&to=2026-12-01');
    expect(reversed.body.error).toEqual({
      code: 'bad-range',
      message: 'from: is after to',
      field: 'from',
      reason: 'reversed',
    });
    const huge = await get('limit=100000');
    expect(huge.status).toBe(400);
    expect(huge.body.error.message).toMatch(/^limit: /);
    expect((await get('outcome=won')).body.error).toMatchObject({
      message: expect.stringMatching(/^outcome: /),
      field: 'outcome',
    });
    expect((await get('cursor=nope')).body.error).toMatchObject({
      message: expect.stringMatching(/^cursor: /),
      field: 'cursor',
      reason: 'bad-cursor',
    });
    expect((await get('q=a%20b%20c%20d%20e%20f%20g%20h%20i')).body.error).toMatchObject({
      message: expect.stringMatching(/^q: /),
      field: 'q',
      reason: 'too-many-words',
    });
    expect((await get('', agent)).status).toBe(403);
    expect((await t.api('GET', '/api/leads')).status).toBe(401);
  });
});

describe('GET /api/streams/{id}/leads.csv', () => {
  it('streams UTF-8 CSV: the fixed columns, then the attributes captured, sorted; one row per conversation', async () => {
    const r = await csv(`/api/streams/${streamId}/leads.csv`);
    expect(r.status).toBe(200);
    expect(r.type).toBe('text/csv; charset=utf-8');
    expect(r.text.charCodeAt(0)).not.toBe(0xfeff);
    const lines = r.text.trimEnd().split('\n');
    expect(lines[0]).toBe('conversationId,startedAt,version,outcome,goal,score,agent,page,email,firstName');
    expect(lines).toHaveLength(4);
    expect(lines[1]).toMatch(/^c_[^,]+,\d{4}-\d\d-\d\dT[\d:.]+Z,1,missed,sales-lead,\d+,,[^,]*,bo@example.com,Bo$/);
    expect(lines[3]).toMatch(/,1,completed,,0,,[^,]*,,$/);
    expect((await csv(`/api/streams/${streamId}/leads.csv?outcome=completed`)).text.trimEnd().split('\n')).toHaveLength(
      2,
    );
  });

  it('refuses agents, unknown streams and bad ranges before any byte of CSV', async () => {
    expect((await csv(`/api/streams/${streamId}/leads.csv`, agent)).status).toBe(403);
    expect((await csv('/api/streams/s_nope/leads.csv')).status).toBe(404);
    const bad = await csv(`/api/streams/${streamId}/leads.csv?to=tomorrow`);
    expect(bad.status).toBe(400);
    expect(JSON.parse(bad.text).error.message).toMatch(/^to: /);
  });
});

describe("deleting a person's data", () => {
  it('admins delete every conversation of the person by email; counts stay; an audit entry says who, when, how many', async () => {
    const before = await t.api('GET', `/api/streams/${streamId}/results`, { token: marketer });
    expect((await t.api('POST', '/api/erasures', { token: marketer, body: { email: 'ada@example.com' } })).status).toBe(
      403,
    );
    expect((await t.api('POST', '/api/erasures', { token: admin, body: { email: '' } })).status).toBe(400);
    const r = await t.api('POST', '/api/erasures', { token: admin, body: { email: 'ADA@example.com' } });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({
      conversations: 1,
      visitors: 1,
      kept: 0,
      subject: expect.stringMatching(/^sha256:/),
    });
    expect(r.body.rows).toBeGreaterThan(2);
    const me = await t.api('GET', '/api/me', { token: admin });
    expect(r.body.actor).toBe(me.body.id);
    const rows = (await t.api('GET', `/api/leads?stream=${streamId}`, { token: marketer })).body.rows;
    expect(rows.map((x: any) => x.attributes.firstName ?? '-')).toEqual(['Bo', '-']);
    expect((await csv(`/api/streams/${streamId}/leads.csv`)).text).not.toContain('Ada');
    // Counts are history.
    const after = await t.api('GET', `/api/streams/${streamId}/results`, { token: marketer });
    expect(after.body.outcomes).toEqual(before.body.outcomes);
    const audit = await t.api('GET', '/api/erasures', { token: admin });
    expect(audit.body).toEqual([r.body]);
    expect(JSON.stringify(audit.body)).not.toContain('ada@');
    expect((await t.api('GET', '/api/erasures', { token: marketer })).status).toBe(403);
  });
});
