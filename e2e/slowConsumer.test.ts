import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Client } from '../runtime/server/testkit.ts';
import { demoLiveChat, onlineAgent } from './support/liveChat.ts';
import { ServerProcess } from './support/serverProcess.ts';
import { CLOSE } from '../shared/protocol/closeCodes.ts';

/**
 * An agent's socket stops reading while eight visitors flood its chats with the longest messages allowed. The
 * runtime closes that socket with 4408 (slowConsumer) once its send buffer passes the limit, instead of
 * buffering without end, and meanwhile another agent and visitor go on chatting, every message delivered.
 */
const CHATS = 8;
let srv: ServerProcess;
beforeAll(async () => {
  srv = new ServerProcess();
  await srv.start();
});
afterAll(() => srv?.close());

const rssMiB = () => Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${srv.pid}/status`, 'utf8'))![1]) / 1024;
const openAgentSockets = async () => {
  const admin = await srv.login('admin@demo.test');
  const text = await (await fetch(`${srv.base}/metrics`, { headers: { authorization: `Bearer ${admin}` } })).text();
  return Number(/tributary_ws_connections\{endpoint="agent"\} (\d+)/.exec(text)?.[1] ?? 0);
};

describe('a socket that stops reading', () => {
  it('is closed with 4408 past its buffer limit while others are served', async () => {
    const { agent: slow } = await onlineAgent(srv.ws, await srv.login('agent@demo.test'));
    const visitors: Client[] = [];
    for (let i = 0; i < CHATS; i++) visitors.push((await demoLiveChat(srv.ws, slow, `Flood${i}`)).visitor);
    // The slow agent steps away (keeping its chats), so the next chat goes to the other agent.
    slow.send({ type: 'status', status: 'away' });
    await slow.next('status');
    const { agent: other } = await onlineAgent(srv.ws, await srv.login('agent2@demo.test'));
    const healthy = await demoLiveChat(srv.ws, other, 'Calm');
    const rssBefore = rssMiB();

    // The slow agent's client stops reading from its TCP socket.
    const closed = slow.closed;
    (slow.socket as unknown as { _socket: { pause(): void; resume(): void } })._socket.pause();

    const text = 'x'.repeat(4000);
    let flooded = 0;
    let exchanged = 0;
    let peakRss = rssBefore;
    for (let round = 0; round < 60 && (await openAgentSockets()) === 2; round++) {
      // Within the visitor rate limit (20 a second, bursts of 40).
      visitors.forEach((v, i) => {
        for (let n = 0; n < 20; n++) v.send({ type: 'message', id: `f${i}-${round}-${n}`, text });
      });
      flooded += visitors.length * 20;
      // The others: one message each way, delivered.
      healthy.visitor.send({ type: 'message', id: `calm-${round}`, text: `calm ${round}` });
      expect(
        (await other.next((m) => m.type === 'item' && m.item.clientId === `calm-${round}`, 15_000)).item.text,
      ).toBe(`calm ${round}`);
      other.send({
        type: 'message',
        id: `reply-${round}`,
        conversationId: healthy.conversationId,
        text: `reply ${round}`,
      });
      expect(
        (await healthy.visitor.next((m) => m.type === 'agent' && m.clientId === `reply-${round}`, 15_000)).text,
      ).toBe(`reply ${round}`);
      exchanged += 2;
      peakRss = Math.max(peakRss, rssMiB());
      await new Promise((r) => setTimeout(r, 1000));
    }
    expect(await openAgentSockets()).toBe(1);

    // Reading again, the client finds what was buffered and then the close frame.
    (slow.socket as unknown as { _socket: { resume(): void } })._socket.resume();
    expect((await closed).code).toBe(CLOSE.slowConsumer);
    console.log(
      `slow consumer: ${flooded} messages (${((flooded * 4000) / 2 ** 20).toFixed(1)} MiB) flooded, closed with 4408; ` +
        `${exchanged} messages exchanged by others meanwhile; server RSS ${rssBefore.toFixed(0)} → peak ${peakRss.toFixed(0)} MiB`,
    );
    for (const v of visitors) v.close();
    healthy.visitor.close();
    other.close();
  }, 180_000);
});
