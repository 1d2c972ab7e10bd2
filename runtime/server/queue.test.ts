import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseVisitorServerMessage } from '../../shared/protocol/visitor.ts';
import { bootServer, Client, type TestServer } from './testkit.ts';

let t: TestServer;
let dataDir: string;
beforeAll(async () => {
  t = await bootServer({ keepData: true });
  dataDir = t.dataDir;
});
afterAll(async () => {
  await t?.close();
});

/** A visitor runs the demo stream to its live-chat hand-off; resolves with the conversation id. */
async function handoff(name: string): Promise<{ c: Client; id: string; visitorToken: string }> {
  const c = await Client.open(`${t.ws}/ws/visitor`);
  c.send({ type: 'hello', v: 2, workspace: 'demo', url: 'http://localhost/demo' });
  const { visitorToken } = await c.next('welcome');
  c.send({ type: 'start', id: name, dialogueId: 'd_demo', url: 'http://localhost/demo' });
  const { conversationId: id } = await c.next('started');
  await c.next('ask');
  c.send({ type: 'reply', id: `${name}-1`, cardId: 'ask', answerId: 'yes' });
  await c.next((m) => m.type === 'ask' && m.attribute === 'firstName');
  c.send({ type: 'reply', id: `${name}-2`, cardId: 'name', text: name });
  await c.next((m) => m.type === 'ask' && m.attribute === 'email');
  c.send({ type: 'reply', id: `${name}-3`, cardId: 'email', text: `${name}@example.com` });
  await c.next('waiting');
  return { c, id, visitorToken };
}

describe('the waiting queue, live', () => {
  it('queues visitors while the agent is full, tells each its place, offers the head when a chat ends', async () => {
    const admin = await t.login('admin@demo.test');
    const patch = { maxChatsPerAgent: 1, queue: { enabled: true, maxWaitSec: 600, maxLength: 10 } };
    expect((await t.api('PATCH', '/api/settings', { token: admin, body: patch })).status).toBe(200);
    const agent = await Client.open(`${t.ws}/ws/agent?token=${await t.login('agent@demo.test')}`);
    await agent.next('hello');
    agent.send({ type: 'status', status: 'online' });
    await agent.next('status');

    const v1 = await handoff('q-one');
    const offer = await agent.next('offer');
    expect(offer.offer.conversationId).toBe(v1.id);
    agent.send({ type: 'accept', conversationId: v1.id });
    await agent.next('chatOpened');

    const v2 = await handoff('q-two');
    expect(await v2.c.next('queue')).toMatchObject({ conversationId: v2.id, position: 1, estimatedWaitSec: 180 });
    const v3 = await handoff('q-three');
    expect(await v3.c.next('queue')).toMatchObject({ conversationId: v3.id, position: 2 });

    // Who waits, for agents and admins.
    const waiting = await t.api('GET', '/api/routing/queue', { token: admin });
    expect(waiting.body.queues).toMatchObject([
      { pool: 'round robin', visitors: [{ conversationId: v2.id }, { conversationId: v3.id }] },
    ]);
    expect(waiting.body.queues[0].visitors[0].waitingSec).toBeGreaterThanOrEqual(0);

    agent.send({ type: 'end', conversationId: v1.id });
    const next = await agent.next('offer');
    expect(next.offer.conversationId).toBe(v2.id);
    // Every change of a queue tells its visitors their place again: v2 leaves the line, v3 moves up.
    expect(await v2.c.next((m) => m.type === 'queue' && m.position === 0)).toMatchObject({ estimatedWaitSec: 0 });
    expect(await v3.c.next((m) => m.type === 'queue' && m.position === 1)).toBeTruthy();
    for (const c of [v2.c, v3.c]) {
      for (const m of c.received) expect(parseVisitorServerMessage(JSON.stringify(m)).ok, JSON.stringify(m)).toBe(true);
    }

    // The queue survives a restart: v3 is still first in line, and hears it again when it comes back.
    v3.c.close();
    await t.close();
    t = await bootServer({ dataDir, keepData: true });
    const back = await Client.open(`${t.ws}/ws/visitor`);
    back.send({
      type: 'hello',
      v: 2,
      workspace: 'demo',
      url: 'http://x/',
      visitorToken: v3.visitorToken,
      conversationId: v3.id,
    });
    expect(await back.next('welcome')).toMatchObject({ conversation: { id: v3.id, status: 'waiting' } });
    expect(await back.next('queue')).toMatchObject({ conversationId: v3.id, position: 1 });
    back.close();
    for (const c of [agent, v1.c, v2.c]) c.close();
  });
});

describe('schedules and business hours', () => {
  it('refuses an inverted or overlapping block or an unknown time zone with 400 naming the field', async () => {
    const admin = await t.login('admin@demo.test');
    const users = (await t.api('GET', '/api/users', { token: admin })).body as { id: string; email: string }[];
    const agentId = users.find((u) => u.email === 'agent2@demo.test')!.id;
    const put = (body: unknown) => t.api('PUT', `/api/users/${agentId}/schedule`, { token: admin, body });
    const bad = [
      [{ timeZone: 'Mars/Olympus', blocks: [] }, 'timeZone: unknown time zone'],
      [
        { timeZone: 'UTC', blocks: [{ day: 'mon', from: '17:00', to: '09:00' }] },
        'blocks.0.to: must be later than from',
      ],
      [
        {
          timeZone: 'UTC',
          blocks: [
            { day: 'tue', from: '09:00', to: '12:00' },
            { day: 'tue', from: '11:00', to: '13:00' },
          ],
        },
        'blocks.1: overlaps blocks[0]',
      ],
    ] as const;
    for (const [body, field] of bad) {
      const r = await put(body);
      expect(r.status, JSON.stringify(body)).toBe(400);
      expect(JSON.stringify(r.body)).toContain(field);
    }
    const good = { timeZone: 'Europe/Berlin', blocks: [{ day: 'mon', from: '09:00', to: '17:00' }] };
    expect((await put(good)).body).toEqual(good);
    expect((await t.api('GET', `/api/users/${agentId}/schedule`, { token: admin })).body).toEqual(good);
    expect((await put(null)).status).toBe(200);
    const hours = {
      businessHours: { timeZone: 'Pacific/Kiritimati', blocks: [{ day: 'sun', from: '24:00', to: '23:00' }] },
    };
    const r = await t.api('PATCH', '/api/settings', { token: admin, body: hours });
    expect(r.status).toBe(400);
    expect(JSON.stringify(r.body)).toContain('businessHours.blocks.0');
  });

  it('gives the away message outside the business hours', async () => {
    const admin = await t.login('admin@demo.test');
    // Open one minute a week, long ago in the day: now is outside it (unless the test runs in that very minute).
    const now = new Date();
    const day = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'][(now.getUTCDay() + 3) % 7];
    const body = {
      businessHours: { timeZone: 'UTC', blocks: [{ day, from: '00:00', to: '00:01' }] },
      awayMessage: 'We are closed. Leave a message.',
    };
    expect((await t.api('PATCH', '/api/settings', { token: admin, body })).status).toBe(200);
    const v = await handoff('away-one');
    expect(await v.c.next('fallback')).toMatchObject({
      reason: 'outside-hours',
      text: 'We are closed. Leave a message.',
    });
    v.c.close();
    await t.api('PATCH', '/api/settings', { token: admin, body: { businessHours: null } });
  });
});
