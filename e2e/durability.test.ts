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
const KILLS = LONG ? 12 : 3;
const CHATS = LONG ? 8 : 3;
const BURST = LONG ? 40 : 15;

let srv: ServerProcess;
beforeAll(async () => {
  srv = new ServerProcess();
  await srv.start();
});
afterAll(() => srv?.close());

interface Chat {
  name: string;
  visitorId: string;
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
      chats.push({ name: `Visitor${i}`, visitorId: c.visitorId, conversationId: c.conversationId });
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
    const sendBurst = () => {
      for (let n = 0; n < BURST; n++) {
        chats.forEach((chat, i) => {
          const vid = `v${i}-${counter}`;
          const aid = `a${i}-${counter}`;
          sent.set(vid, { conversationId: chat.conversationId, text: `visitor ${i} #${counter}`, from: 'visitor' });
          sent.set(aid, { conversationId: chat.conversationId, text: `agent ${i} #${counter}`, from: 'agent' });
          visitors[i].send({ type: 'message', id: vid, text: `visitor ${i} #${counter}` });
          agent.send({ type: 'message', id: aid, conversationId: chat.conversationId, text: `agent ${i} #${counter}` });
        });
        counter++;
      }
    };
    let resent = 0;
    const resendUnacked = () => {
      for (const [id, s] of sent) {
        if (s.seq !== undefined) continue;
        resent++;
        if (s.from === 'agent') agent.send({ type: 'message', id, conversationId: s.conversationId, text: s.text });
        else visitors[chats.findIndex((c) => c.conversationId === s.conversationId)].send({ type: 'message', id, text: s.text });
      }
    };
    const ackedCount = () => [...sent.values()].filter((s) => s.seq !== undefined).length;
    const until = async (ok: () => boolean, what: string) => {
      for (let i = 0; i < 600 && !ok(); i++) await new Promise((r) => setTimeout(r, 25));
      if (!ok()) throw new Error(`timed out waiting for ${what}`);
    };

    for (let k = 0; k < KILLS; k++) {
      const before = ackedCount();
      sendBurst();
      // Kill while acknowledgements are still coming in: some of the burst is stored, some not yet.
      await until(() => ackedCount() > before, 'the first acks of the burst');
      await srv.kill();
      await srv.start();
      visitors = [];
      for (const chat of chats) {
        const v = await Client.open(`${srv.ws}/ws/visitor`);
        v.send({ type: 'hello', v: 1, workspace: 'demo', visitorId: chat.visitorId, conversationId: chat.conversationId, lastSeq: 0, url: 'http://localhost/demo' });
        expect((await v.next('welcome')).conversation).toMatchObject({ id: chat.conversationId, status: 'live' });
        visitors.push(v);
      }
      ({ agent } = await onlineAgent(srv.ws, await agentToken()));
      wire();
      resendUnacked();
    }
    await until(() => ackedCount() === sent.size, 'every message acknowledged');

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
    console.log(`durability: ${sent.size} messages acknowledged and stored, ${KILLS} kills, ${CHATS} chats, ${resent} resent after a kill, lost 0, duplicated 0`);
    visitors.forEach((v) => v.close());
    agent.close();
  }, 300_000);
});
