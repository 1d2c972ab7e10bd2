import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { Client } from './testkit.ts';

const root = new URL('../..', import.meta.url).pathname;
const dataDir = mkdtempSync(join(tmpdir(), 'tributary-crash-'));
const children: ChildProcess[] = [];

/** The real server as a child process (`node --import tsx runtime/server/main.ts`), on a free port. */
async function spawnServer(): Promise<{ port: number; proc: ChildProcess }> {
  const proc = spawn(process.execPath, ['--import', 'tsx', 'runtime/server/main.ts'], {
    cwd: root,
    env: { ...process.env, PORT: '0', DATA_DIR: dataDir, LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(proc);
  const port = await new Promise<number>((resolve, reject) => {
    let out = '';
    proc.stdout!.on('data', (d) => {
      out += d;
      const m = /localhost:(\d+)/.exec(out);
      if (m) resolve(Number(m[1]));
    });
    proc.once('exit', (code) => reject(new Error(`server exited with ${code}: ${out}`)));
  });
  return { port, proc };
}

async function login(port: number, email: string): Promise<string> {
  const r = await fetch(`http://127.0.0.1:${port}/api/session`, {
    method: 'POST',
    body: JSON.stringify({ email, password: 'tributary-demo' }),
  });
  return ((await r.json()) as { token: string }).token;
}

afterAll(() => {
  for (const c of children) c.kill('SIGKILL');
  rmSync(dataDir, { recursive: true, force: true });
});

describe('kill -9 mid-chat', () => {
  it('keeps every acknowledged message, and the conversation goes on after a restart', async () => {
    const first = await spawnServer();
    const ws = `ws://127.0.0.1:${first.port}`;
    const token = await login(first.port, 'agent@demo.test');
    const agent = await Client.open(`${ws}/ws/agent?token=${token}`);
    await agent.next('hello');
    agent.send({ type: 'status', status: 'online' });
    await agent.next('status');

    const v = await Client.open(`${ws}/ws/visitor`);
    v.send({ type: 'hello', v: 2, workspace: 'demo', url: 'http://localhost/demo' });
    const { visitorToken } = await v.next('welcome');
    v.send({ type: 'start', id: 's', dialogueId: 'd_demo', url: 'http://localhost/demo' });
    const { conversationId } = await v.next('started');
    v.send({ type: 'reply', id: 'r1', cardId: 'ask', answerId: 'yes' });
    await v.next((m) => m.type === 'ask' && m.attribute === 'firstName');
    v.send({ type: 'reply', id: 'r2', cardId: 'name', text: 'Ada' });
    await v.next((m) => m.type === 'ask' && m.attribute === 'email');
    v.send({ type: 'reply', id: 'r3', cardId: 'email', text: 'ada@example.com' });
    await agent.next('offer');
    agent.send({ type: 'accept', conversationId });
    await v.next('agentJoined');

    // A burst from both sides; the server is killed while acknowledgements are still arriving.
    const acked = new Map<string, number>();
    const onAck = (c: Client) =>
      c.socket.on('message', (d) => {
        const m = JSON.parse(String(d));
        if (m.type === 'ack') acked.set(m.id, m.seq);
      });
    onAck(v);
    onAck(agent);
    for (let i = 0; i < 40; i++) {
      v.send({ type: 'message', id: `v${i}`, text: `visitor ${i}` });
      agent.send({ type: 'message', id: `a${i}`, conversationId, text: `agent ${i}` });
    }
    await v.next((m) => m.type === 'ack' && m.id === 'v5');
    first.proc.kill('SIGKILL');
    await new Promise((r) => first.proc.once('exit', r));
    expect(acked.size).toBeGreaterThan(0);

    const second = await spawnServer();
    const ws2 = `ws://127.0.0.1:${second.port}`;
    const admin = await login(second.port, 'admin@demo.test');
    const t = (await (
      await fetch(`http://127.0.0.1:${second.port}/api/conversations/${conversationId}`, {
        headers: { authorization: `Bearer ${admin}` },
      })
    ).json()) as any;
    const stored = new Map<string, number>(t.items.filter((i: any) => i.clientId).map((i: any) => [i.clientId, i.seq]));
    for (const [id, seq] of acked) expect(stored.get(id), `acknowledged ${id}`).toBe(seq);
    expect(t.status).toBe('live');

    // The visitor resumes, the agent finds the chat in its hello, and both go on talking.
    const v2 = await Client.open(`${ws2}/ws/visitor`);
    v2.send({
      type: 'hello',
      v: 2,
      workspace: 'demo',
      visitorToken,
      conversationId,
      lastSeq: 0,
      url: 'http://localhost/demo',
    });
    const welcome = await v2.next('welcome');
    expect(welcome.conversation).toMatchObject({ id: conversationId, status: 'live', agent: { name: 'Alex Agent' } });
    const token2 = await login(second.port, 'agent@demo.test');
    const agent2 = await Client.open(`${ws2}/ws/agent?token=${token2}`);
    const hello = await agent2.next('hello');
    expect(hello.status).toBe('online');
    expect(hello.chats.map((c: any) => c.conversationId)).toEqual([conversationId]);

    v2.send({ type: 'message', id: 'after', text: 'still there?' });
    expect((await agent2.next((m) => m.type === 'item' && m.item.clientId === 'after')).item.text).toBe('still there?');
    agent2.send({ type: 'message', id: 'after-a', conversationId, text: 'yes!' });
    expect((await v2.next((m) => m.type === 'agent' && m.clientId === 'after-a')).text).toBe('yes!');
    const seqs = [...welcome.conversation.items.map((i: any) => i.seq)];
    expect(new Set(seqs).size).toBe(seqs.length);
    v2.close();
    agent2.close();
    second.proc.kill('SIGTERM');
    expect(await new Promise((r) => second.proc.once('exit', r))).toBe(0);
    // Two server processes start and migrate one after the other: on PostgreSQL and a loaded machine that took 60 s.
  }, 180_000);
});
