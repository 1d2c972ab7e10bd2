import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { onlineAgent } from '../../../e2e/support/liveChat.ts';
import { bootServer, Client, type TestServer } from '../testkit.ts';

/**
 * Scripted conversations that walk to a live-chat card used to hold every agent's slot with pending offers: past
 * the per-address limit a request gets the fallback `rate-limited` at once, and a waiting visitor whose page is gone
 * for the grace has its offer withdrawn.
 */
describe('live-chat requests from anonymous visitors', () => {
  let t: TestServer;
  const PER_ADDRESS = 2;
  beforeAll(async () => {
    t = await bootServer({
      security: { liveChatRequestsPerAddress: PER_ADDRESS, trustedProxies: ['127.0.0.1'] },
    });
    const admin = await t.login('admin@demo.test');
    expect((await t.api('PATCH', '/api/settings', { token: admin, body: { visitorGraceSec: 1 } })).status).toBe(200);
  });
  afterAll(() => t.close());

  /** A visitor from `address` walks the demo dialogue to its live-chat card. */
  const toHandoff = async (address: string, name: string) => {
    const c = await Client.open(`${t.ws}/ws/visitor`, { 'x-forwarded-for': address });
    c.send({ type: 'hello', v: 2, workspace: 'demo', url: 'http://localhost/demo' });
    const { visitorToken } = await c.next('welcome');
    c.send({ type: 'start', id: 's', dialogueId: 'd_demo', url: 'http://localhost/demo' });
    const { conversationId } = await c.next('started');
    c.send({ type: 'reply', id: 'r1', cardId: 'ask', answerId: 'yes' });
    await c.next((m) => m.type === 'ask' && m.attribute === 'firstName');
    c.send({ type: 'reply', id: 'r2', cardId: 'name', text: name });
    await c.next((m) => m.type === 'ask' && m.attribute === 'email');
    c.send({ type: 'reply', id: 'r3', cardId: 'email', text: `${name.toLowerCase()}@example.com` });
    await c.next('waiting');
    return { c, visitorToken, conversationId: conversationId as string };
  };

  it('answers requests past the per-address limit with the fallback rate-limited; another address is served', async () => {
    for (let i = 0; i < PER_ADDRESS; i++) {
      const { c } = await toHandoff('198.51.100.7', `Bot${i}`);
      expect(await c.next('fallback')).toMatchObject({ reason: 'no-eligible-agent' });
      c.close();
    }
    const { c, conversationId } = await toHandoff('198.51.100.7', 'Over');
    expect(await c.next('fallback')).toMatchObject({ reason: 'rate-limited' });
    expect(await c.next('ended')).toMatchObject({ reason: 'fallback' });
    c.close();
    const other = await toHandoff('198.51.100.8', 'Ada');
    expect(await other.c.next('fallback')).toMatchObject({ reason: 'no-eligible-agent' });
    other.c.close();

    const admin = await t.login('admin@demo.test');
    const log = await t.api('GET', `/api/routing/decisions?conversation=${conversationId}`, { token: admin });
    expect(log.body).toMatchObject([{ event: 'fallback', reason: 'rate-limited' }]);
    const metrics = await t.api('GET', '/metrics', { token: admin });
    expect(metrics.body).toMatch(/tributary_limit_refusals_total\{limit="livechat-requests"\} 1/);
  });

  it('withdraws a pending offer once the visitor has been gone for the grace; a reload within it keeps the offer', async () => {
    const { agent } = await onlineAgent(t.ws, await t.login('agent@demo.test'));
    try {
      // Comes back at once (a reload): the offer stays.
      const stays = await toHandoff('198.51.100.20', 'Grace');
      await agent.next((m) => m.type === 'offer' && m.offer.conversationId === stays.conversationId);
      stays.c.close();
      await stays.c.closed;
      const back = await Client.open(`${t.ws}/ws/visitor`, { 'x-forwarded-for': '198.51.100.20' });
      back.send({
        type: 'hello',
        v: 2,
        workspace: 'demo',
        url: 'http://localhost/demo',
        visitorToken: stays.visitorToken,
        conversationId: stays.conversationId,
      });
      expect((await back.next('welcome')).conversation).toMatchObject({ status: 'waiting' });

      // Leaves for good: after the grace the offer is withdrawn and the conversation is over.
      const leaves = await toHandoff('198.51.100.21', 'Gone');
      await agent.next((m) => m.type === 'offer' && m.offer.conversationId === leaves.conversationId);
      leaves.c.close();
      expect(
        await agent.next((m) => m.type === 'offerGone' && m.conversationId === leaves.conversationId, 10_000),
      ).toMatchObject({ reason: 'withdrawn' });
      // The one who came back still has their offer: the agent accepts it.
      agent.send({ type: 'accept', conversationId: stays.conversationId });
      expect(await back.next('agentJoined')).toBeTruthy();

      const admin = await t.login('admin@demo.test');
      const log = await t.api('GET', `/api/routing/decisions?conversation=${leaves.conversationId}`, { token: admin });
      expect(log.body.find((d: any) => d.event === 'ended')).toMatchObject({ reason: 'visitor-left' });
      const conv = await t.api('GET', `/api/conversations/${leaves.conversationId}`, { token: admin });
      expect(conv.body.status).toBe('ended');
      back.close();
    } finally {
      agent.close();
    }
  });
});
