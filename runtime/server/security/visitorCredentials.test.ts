import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bootServer, Client, type TestServer } from '../testkit.ts';
import { visitorCredentials } from './visitorCredentials.ts';

describe('visitorCredentials', () => {
  it('verifies what it issued and nothing else: another key, a changed id or mac, junk', () => {
    const c = visitorCredentials(randomBytes(32));
    const { visitorId, token } = c.issue();
    expect(c.verify(token)).toBe(visitorId);
    expect(c.issue(visitorId).token).toBe(token);
    expect(visitorCredentials(randomBytes(32)).verify(token)).toBeUndefined();
    const mac = token.slice(token.indexOf('.') + 1);
    expect(c.verify(`v_AAAAAAAAAAAA.${mac}`)).toBeUndefined();
    // One character of the mac changed (to another one: a mac may already end in "x").
    expect(c.verify(`${visitorId}.${mac.slice(0, -1)}${mac.endsWith('x') ? 'y' : 'x'}`)).toBeUndefined();
    for (const junk of [undefined, '', visitorId, `${visitorId}.`, '.'.repeat(200), `${visitorId}.${mac}.x`])
      expect(c.verify(junk)).toBeUndefined();
  });
});

/**
 * Visitor protocol version 2: the server issues the visitor credential, nobody can choose or forge whose
 * conversation they resume, it never travels in a URL, and page views that do not engage store nothing.
 */
describe('the visitor credential on a real server', () => {
  let t: TestServer;
  let admin: string;
  beforeAll(async () => {
    t = await bootServer({ security: { beaconsPerAddressPerMin: 3, trustedProxies: ['127.0.0.1'] } });
    admin = await t.login('admin@demo.test');
  });
  afterAll(() => t.close());

  const hello = async (fields: Record<string, unknown>) => {
    const c = await Client.open(`${t.ws}/ws/visitor`);
    c.send({ type: 'hello', v: 2, workspace: 'demo', url: 'http://localhost/demo', ...fields });
    return { c, welcome: await c.next('welcome') };
  };
  const conversations = async () =>
    (await t.api('GET', '/api/conversations?limit=500', { token: admin })).body.length as number;

  it('resumes a conversation only for the credential it was started with', async () => {
    const owner = await hello({});
    expect(owner.welcome.visitorToken).toMatch(/^v_[A-Za-z0-9_-]{12}\.[A-Za-z0-9_-]{32}$/);
    expect(owner.welcome.visitorToken.startsWith(`${owner.welcome.visitorId}.`)).toBe(true);
    owner.c.send({ type: 'start', id: 's', dialogueId: 'd_demo', url: 'http://localhost/demo' });
    const { conversationId } = await owner.c.next('started');
    owner.c.close();

    const back = await hello({ visitorToken: owner.welcome.visitorToken, conversationId });
    expect(back.welcome).toMatchObject({ visitorId: owner.welcome.visitorId, conversation: { id: conversationId } });
    back.c.close();

    // Someone who knows the conversation id and the visitor id (agents and webhooks see it) gets nothing of it.
    const victim = owner.welcome.visitorId;
    const forged = `${victim}.${'A'.repeat(32)}`;
    for (const fields of [
      { visitorToken: forged, conversationId },
      { conversationId },
      { v: 1, visitorId: victim, conversationId },
    ]) {
      const attacker = await hello(fields);
      expect(attacker.welcome.conversation).toBeNull();
      expect(attacker.welcome.visitorId).not.toBe(victim);
      attacker.c.send({ type: 'message', id: 'm', text: 'hi' });
      expect(await attacker.c.next('error')).toMatchObject({ code: 'not-found' });
      attacker.c.close();
    }
  });

  it('takes the credential in the resolve body, never in a URL', async () => {
    const get = await t.api('GET', '/api/widget/resolve?workspace=demo&url=http%3A%2F%2Flocalhost%2Fdemo');
    expect(get.status).toBe(405);
    expect(get.headers.get('allow')).toBe('POST');
    const first = await t.api('POST', '/api/widget/resolve', {
      raw: JSON.stringify({ workspace: 'demo', url: 'http://localhost/demo', visitorToken: 'v_chosenByMe1.nope' }),
      headers: { 'content-type': 'text/plain;charset=UTF-8' },
    });
    expect(first.status).toBe(200);
    expect(first.body.visitorToken).not.toContain('chosenByMe');
    const again = await t.api('POST', '/api/widget/resolve', {
      raw: JSON.stringify({ workspace: 'demo', url: 'http://localhost/demo', visitorToken: first.body.visitorToken }),
    });
    expect(again.body.visitorToken).toBe(first.body.visitorToken);
  });

  it('stores no conversation for page views that do not engage: resolve, hello and the beacon', async () => {
    const before = await conversations();
    for (let i = 0; i < 5; i++) {
      const r = await t.api('POST', '/api/widget/resolve', {
        raw: JSON.stringify({ workspace: 'demo', url: 'http://localhost/demo' }),
        headers: { 'x-forwarded-for': `192.0.2.${i}` },
      });
      const { c } = await hello({ visitorToken: r.body.visitorToken });
      c.close();
      const beacon = await t.api('POST', '/api/widget/track', {
        raw: JSON.stringify({
          workspace: 'demo',
          visitorToken: r.body.visitorToken,
          dialogue: 'd_demo',
          name: 'triggered',
          url: 'http://localhost/demo',
        }),
        headers: { 'x-forwarded-for': `192.0.2.${i}` },
      });
      expect(beacon.status).toBe(204);
    }
    expect(await conversations()).toBe(before);
  });

  it('answers beacons past the per-address minute with 429', async () => {
    const { body } = await t.api('POST', '/api/widget/resolve', {
      raw: JSON.stringify({ workspace: 'demo', url: 'http://localhost/demo' }),
    });
    const beacon = () =>
      t.api('POST', '/api/widget/track', {
        raw: JSON.stringify({
          workspace: 'demo',
          visitorToken: body.visitorToken,
          dialogue: 'd_demo',
          name: 'triggered',
          url: 'http://localhost/demo',
        }),
        headers: { 'x-forwarded-for': '192.0.2.99' },
      });
    for (let i = 0; i < 3; i++) expect((await beacon()).status).toBe(204);
    const over = await beacon();
    expect(over.status).toBe(429);
    expect(over.headers.get('retry-after')).toBe('60');
    expect(over.headers.get('access-control-allow-origin')).toBe('*');
  });
});
