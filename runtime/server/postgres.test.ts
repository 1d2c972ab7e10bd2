import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pino from 'pino';
import { TestPostgres } from '../../testing/postgres.ts';
import { freePort } from '../../testing/freePort.ts';
import { startServer } from './startServer.ts';
import { bootServer, Client, type TestServer } from './testkit.ts';

/** The runtime on PostgreSQL (DATABASE_URL): nodes starting together, a chat, and PostgreSQL absent at start. */
let pg: TestPostgres;
beforeAll(async () => {
  pg = await TestPostgres.start({ fsync: false });
});
afterAll(async () => {
  await pg?.destroy();
});

describe('the runtime on PostgreSQL', () => {
  it('starts three nodes at once on an empty database: migrated and seeded once, and a visitor chats with the bot', async () => {
    const databaseUrl = await pg.createDatabase();
    const nodes: TestServer[] = await Promise.all([1, 2, 3].map(() => bootServer({ databaseUrl })));
    try {
      const admin = await nodes[2].login('admin@demo.test');
      const users = await nodes[2].api('GET', '/api/users', { token: admin });
      expect(users.body.map((u: { email: string }) => u.email).sort()).toEqual([
        'admin@demo.test',
        'agent2@demo.test',
        'agent@demo.test',
        'marketer@demo.test',
      ]);
      expect((await nodes[1].api('GET', '/api/dialogues', { token: admin })).body).toHaveLength(1);

      const c = await Client.open(`${nodes[0].ws}/ws/visitor`);
      c.send({ type: 'hello', v: 1, workspace: 'demo', url: 'http://localhost/demo' });
      await c.next('welcome');
      c.send({ type: 'start', id: 's1', dialogueId: 'd_demo', url: 'http://localhost/demo' });
      const { conversationId } = await c.next('started');
      await c.next('ask');
      c.send({ type: 'reply', id: 'r1', cardId: 'ask', answerId: 'yes' });
      const ack = await c.next((m) => m.type === 'ack' && m.id === 'r1');
      c.close();
      // Acknowledged means stored: another node reads it back.
      const conv = await nodes[1].api('GET', `/api/conversations/${conversationId}`, { token: admin });
      expect(conv.body.items.find((i: { clientId?: string }) => i.clientId === 'r1')?.seq).toBe(ack.seq);
    } finally {
      await Promise.all(nodes.map((n) => n.close()));
    }
  });

  it('refuses to start, with one line naming the server, when PostgreSQL cannot be reached', async () => {
    const port = await freePort();
    const start = startServer({
      port: 0,
      dataDir: '/nonexistent',
      databaseUrl: `postgres://postgres@127.0.0.1:${port}/nope`,
      storeStartTimeoutMs: 600,
      logger: pino({ level: 'silent' }),
    });
    await expect(start).rejects.toThrow(new RegExp(`^cannot reach PostgreSQL at 127\\.0\\.0\\.1:${port}: `));
  });
});
