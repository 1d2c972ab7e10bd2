import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client } from '../runtime/server/testkit.ts';
import { demoLiveChat, onlineAgent } from './support/liveChat.ts';
import { ServerProcess } from './support/serverProcess.ts';

/**
 * Visitors and an agent send numbered messages while the runtime is killed with SIGKILL and started again on
 * the same DATA_DIR, several times. After every restart each side resends what was not acknowledged, with the
 * same id (the idempotency key). At the end the stored transcripts (through the API) hold every acknowledged
 * message with the sequence number its ack gave, and no message twice. TRIBUTARY_LONG=1: more kills and chats.
 */
const LONG = process.env.TRIBUTARY_LONG === '1';
const KILLS = LONG ? 20 : 5;
const CHATS = LONG ? 8 : 3;

let srv: ServerProcess;
beforeAll(async () => {
  srv = new ServerProcess();
  await srv.start();
});
afterAll(() => srv?.close());

interface Chat {
  name: string;
  visitorToken: string;
  conversationId: string;
}

describe('messages survive kill -9', () => {
  it('loses nothing acknowledged and stores nothing twice', async () => {
    const agentToken = () => srv.login('agent@demo.test');
    let { agent } = await onlineAgent(srv.ws, await agentToken());
    let visitors: Client[] = [];
    const chats: Chat[] = [];
    for (let i = 0; i < CHATS; i++) {
      const c = await demoLiveChat(srv.ws, agent, `Visitor${i}`);
      visitors.push(c.visitor);
      chats.push({ name: `Visitor${i}`, visitorToken: c.visitorToken, conversationId: c.conversationId });
    }

    /** Every message sent, by client id: its conversation, its text and the seq of its ack (once acked). */
    const sent = new Map<string, { conversationId: string; text: string; from: 'visitor' | 'agent'; seq?: number }>();
    const conflicts: string[] = [];
    const listen = (c: Client, conversationOf: (m: any) => string) =>
      c.socket.on('message', (d) => {
        const m = JSON.parse(String(d));
        if (m.type !== 'ack') return;
        const s = sent.get(m.id);
        if (!s || s.conversationId !== conversationOf(m)) return;
        // A resend is acknowledged again: with the same seq, or it was stored twice.
        if (s.seq !== undefined && s.seq !== m.seq) conflicts.push(`${m.id}: ${s.seq} then ${m.seq}`);
        s.seq = m.seq;
      });
    const wire = () => {
      visitors.forEach((v, i) => listen(v, () => chats[i].conversationId));
      listen(agent, (m) => m.conversationId);
    };
    wire();

    let counter = 0;
    /** One new message per chat from each side. */
    const sendTick = () => {
      chats.forEach((chat, i) => {
        for (const [from, id] of [
          ['visitor', `v${i}-${counter}`],
          ['agent', `a${i}-${counter}`],
        ] as const) {
          const text = `${from} ${i} #${counter}`;
          sent.set(id, { conversationId: chat.conversationId, text, from });
          if (from === 'visitor') visitors[i].send({ type: 'message', id, text });
          else agent.send({ type: 'message', id, conversationId: chat.conversationId, text });
        }
      });
      counter++;
    };
    let resent = 0;
    /** Resends the oldest unacknowledged messages, a few a tick, within the runtime's rate limits. */
    const resendTick = () => {
      const budget = new Map<string, number>();
      for (const [id, m] of sent) {
        if (m.seq !== undefined) continue;
        const who = m.from === 'agent' ? 'agent' : m.conversationId;
        const left = budget.get(who) ?? (m.from === 'agent' ? CHATS : 1);
        if (left === 0) continue;
        budget.set(who, left - 1);
        resent++;
        if (m.from === 'agent') agent.send({ type: 'message', id, conversationId: m.conversationId, text: m.text });
        else
          visitors[chats.findIndex((c) => c.conversationId === m.conversationId)].send({
            type: 'message',
            id,
            text: m.text,
          });
      }
    };
    // A visitor may send 20 messages a second and an agent 30 (bursts of 40 and 60): one tick stays well below.
    const TICK = Math.max(120, CHATS * 40);
    const tick = () => new Promise((r) => setTimeout(r, TICK));
    const ackedCount = () => [...sent.values()].filter((m) => m.seq !== undefined).length;

    for (let k = 0; k < KILLS; k++) {
      // Send while the kill lands: some messages are stored and acknowledged, some are in flight, some go to
      // a socket that is already dead.
      const ticks = 3 + ((k * 7) % 5);
      for (let t = 0; t < ticks; t++) {
        sendTick();
        await tick();
      }
      sendTick();
      await srv.kill();
      await srv.start();
      visitors = [];
      for (const chat of chats) {
        const v = await Client.open(`${srv.ws}/ws/visitor`);
        v.send({
          type: 'hello',
          v: 2,
          workspace: 'demo',
          visitorToken: chat.visitorToken,
          conversationId: chat.conversationId,
          lastSeq: 0,
          url: 'http://localhost/demo',
        });
        expect((await v.next('welcome')).conversation).toMatchObject({ id: chat.conversationId, status: 'live' });
        visitors.push(v);
      }
      ({ agent } = await onlineAgent(srv.ws, await agentToken()));
      wire();
    }
    // Every side resends what was never acknowledged until all of it is.
    for (let i = 0; i < 400 && ackedCount() < sent.size; i++) {
      resendTick();
      await tick();
    }
    expect(ackedCount(), 'every message acknowledged in the end').toBe(sent.size);

    // What the API has stored.
    const admin = await srv.login('admin@demo.test');
    let stored = 0;
    for (const chat of chats) {
      const t = await srv.api('GET', `/api/conversations/${chat.conversationId}`, admin);
      expect(t.status).toBe(200);
      const ids = (t.body.items as any[]).filter((i) => i.clientId).map((i) => i.clientId as string);
      expect(new Set(ids).size, 'no client id stored twice').toBe(ids.length);
      const seqs = (t.body.items as any[]).map((i) => i.seq);
      expect(new Set(seqs).size, 'no seq used twice').toBe(seqs.length);
      const bySeq = new Map((t.body.items as any[]).filter((i) => i.clientId).map((i) => [i.clientId, i]));
      for (const [id, s] of sent) {
        if (s.conversationId !== chat.conversationId) continue;
        expect(bySeq.get(id)?.seq, `acknowledged ${id}`).toBe(s.seq);
        expect(bySeq.get(id)?.text).toBe(s.text);
        stored++;
      }
    }
    expect(conflicts).toEqual([]);
    expect(stored).toBe(sent.size);
    console.log(
      `durability: ${sent.size} messages acknowledged and stored, ${KILLS} kills, ${CHATS} chats, ${resent} resent after a kill, lost 0, duplicated 0`,
    );
    visitors.forEach((v) => v.close());
    agent.close();
  }, 300_000);
});
