import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_NOTE } from '../../../shared/protocol/common.ts';
import { ScriptedVisitor } from '../../inbox/testing/visitor.ts';
import { bootServer, Client, type TestServer } from '../testkit.ts';

let t: TestServer;
beforeAll(async () => {
  t = await bootServer();
});
afterAll(async () => {
  await t?.close();
});

describe('internal notes', () => {
  it('are stored and shown to the agent, never sent to the visitor, and a note too long is a clear error', async () => {
    const token = await t.login('agent@demo.test');
    const agent = await Client.open(`${t.ws}/ws/agent?token=${token}`);
    await agent.next('hello');
    agent.send({ type: 'status', status: 'online' });
    await agent.next('status');
    const v = await ScriptedVisitor.askForAgent(t.base, { firstName: 'Ada', email: 'ada@example.com' });
    const conversationId = v.conversationId;
    await agent.next('offer');
    agent.send({ type: 'accept', conversationId });
    await agent.next('chatOpened');
    await v.next((m) => m.type === 'agentJoined');

    agent.send({ type: 'note', id: 'n1', conversationId, text: 'VIP: offer the annual plan' });
    const ack = await agent.next((m) => m.type === 'ack' && m.id === 'n1');
    const echo = await agent.next((m) => m.type === 'item' && m.item.type === 'note');
    expect(echo.item).toMatchObject({
      seq: ack.seq,
      text: 'VIP: offer the annual plan',
      agent: { name: 'Alex Agent' },
    });
    // A resend is acknowledged with the same seq, not stored twice.
    agent.send({ type: 'note', id: 'n1', conversationId, text: 'VIP: offer the annual plan' });
    expect((await agent.next((m) => m.type === 'ack' && m.id === 'n1')).seq).toBe(ack.seq);

    agent.send({ type: 'note', id: 'n2', conversationId, text: 'x'.repeat(MAX_NOTE + 1) });
    expect(await agent.next('error')).toMatchObject({
      code: 'bad-message',
      message: expect.stringContaining(`a note is at most ${MAX_NOTE} characters`),
    });

    // A message after the note reaches the visitor with the next seq: the note's seq is a gap the visitor never saw.
    agent.send({ type: 'message', id: 'm1', conversationId, text: 'Hello Ada' });
    const msg = await v.next((m) => m.type === 'agent' && m.text === 'Hello Ada');
    expect(msg.seq).toBeGreaterThan(ack.seq);
    const seen = JSON.stringify(v.received);
    expect(seen).not.toContain('VIP: offer the annual plan');
    expect(v.received.some((m) => m.type === 'note')).toBe(false);

    // The transcript agents read marks it as a note; the visitor's copy by email leaves it out.
    const detail = await t.api('GET', `/api/conversations/${conversationId}`, { token });
    expect(detail.body.items.find((i: any) => i.seq === ack.seq)).toMatchObject({ type: 'note' });

    // The visitor's page reloads: the resumed snapshot holds the whole transcript but the note.
    const { visitorToken } = v.received.find((m) => m.type === 'welcome');
    const again = await Client.open(`${t.ws}/ws/visitor`);
    again.send({
      type: 'hello',
      v: 2,
      workspace: 'demo',
      visitorToken,
      conversationId,
      lastSeq: 0,
      url: 'http://localhost/demo',
    });
    const welcome = await again.next('welcome');
    const items = welcome.conversation.items as any[];
    expect(items.map((i) => i.type)).toEqual(expect.arrayContaining(['bot', 'visitor', 'agentJoined', 'agent']));
    expect(items.some((i) => i.seq === ack.seq || i.type === 'note')).toBe(false);
    expect(JSON.stringify(again.received)).not.toContain('VIP: offer the annual plan');
    again.close();
    v.close();
    agent.close();
  });

  it('may only be written in a chat the agent holds', async () => {
    const token = await t.login('agent2@demo.test');
    const agent = await Client.open(`${t.ws}/ws/agent?token=${token}`);
    await agent.next('hello');
    agent.send({ type: 'note', id: 'x1', conversationId: 'c_nope', text: 'hi' });
    expect(await agent.next('error')).toMatchObject({ id: 'x1' });
    agent.close();
  });
});
