import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CANNED_LIMITS } from '../../shared/api/cannedReplies.ts';
import { bootServer, type TestServer } from './testkit.ts';

/** Canned replies over the real HTTP API: who may change which, and the limits (400 naming the field). */
let t: TestServer;
let admin: string;
let agent: string;
let agent2: string;
beforeAll(async () => {
  t = await bootServer();
  [admin, agent, agent2] = await Promise.all(
    ['admin@demo.test', 'agent@demo.test', 'agent2@demo.test'].map((e) => t.login(e)),
  );
});
afterAll(async () => {
  await t?.close();
});

const add = (token: string, body: unknown) => t.api('POST', '/api/canned-replies', { token, body });

describe('canned replies', () => {
  it('lets admins manage the workspace replies and each agent their own, and nobody else', async () => {
    const hello = await add(admin, { scope: 'workspace', shortcut: 'hello', body: ' Hi {{firstName|there}}! ' });
    expect(hello.status).toBe(201);
    expect(hello.body).toMatchObject({ scope: 'workspace', shortcut: 'hello', body: 'Hi {{firstName|there}}!' });
    expect((await add(agent, { scope: 'workspace', shortcut: 'mine', body: 'x' })).status).toBe(403);
    const mine = await add(agent, { scope: 'personal', shortcut: 'price', body: 'It costs 10' });
    expect(mine.status).toBe(201);

    const list = await t.api('GET', '/api/canned-replies', { token: agent });
    expect(list.body.map((r: any) => [r.shortcut, r.scope, r.editable])).toEqual([
      ['hello', 'workspace', false],
      ['price', 'personal', true],
    ]);
    // A colleague sees the workspace's, not Alex's own.
    expect((await t.api('GET', '/api/canned-replies', { token: agent2 })).body.map((r: any) => r.shortcut)).toEqual([
      'hello',
    ]);
    const marketer = await t.login('marketer@demo.test');
    expect((await t.api('GET', '/api/canned-replies', { token: marketer })).status).toBe(403);

    const put = (token: string, id: string, body: unknown) =>
      t.api('PUT', `/api/canned-replies/${id}`, { token, body });
    expect((await put(agent, hello.body.id, { shortcut: 'hello', body: 'changed' })).status).toBe(403);
    expect((await put(agent2, mine.body.id, { shortcut: 'p', body: 'changed' })).status).toBe(403);
    // Admins change the workspace's replies, not a colleague's own.
    expect((await put(admin, mine.body.id, { shortcut: 'p', body: 'changed' })).status).toBe(403);
    expect((await put(admin, hello.body.id, { shortcut: 'hi', body: 'Hello {{firstName|there}}' })).body).toMatchObject(
      { shortcut: 'hi', editable: true },
    );
    expect((await put(agent, mine.body.id, { shortcut: 'pricing', body: 'It costs 12' })).body).toMatchObject({
      shortcut: 'pricing',
      body: 'It costs 12',
    });
    expect((await t.api('DELETE', `/api/canned-replies/${hello.body.id}`, { token: agent })).status).toBe(403);
    expect((await t.api('DELETE', `/api/canned-replies/${mine.body.id}`, { token: agent2 })).status).toBe(403);
    expect((await t.api('DELETE', `/api/canned-replies/${mine.body.id}`, { token: agent })).status).toBe(204);
    expect((await t.api('DELETE', `/api/canned-replies/${mine.body.id}`, { token: agent })).status).toBe(404);
    expect((await put(agent, 'cr_none', { shortcut: 'x', body: 'x' })).status).toBe(404);
  });

  it('refuses what breaks the limits with 400 naming the field, and keeps what was there', async () => {
    const bad = [
      [{ scope: 'personal', shortcut: 'long', body: 'x'.repeat(CANNED_LIMITS.body + 1) }, 'body:'],
      [{ scope: 'personal', shortcut: 'long', body: '   ' }, 'body:'],
      [{ scope: 'personal', shortcut: 'two words', body: 'x' }, 'shortcut:'],
      [{ scope: 'personal', shortcut: 's'.repeat(CANNED_LIMITS.shortcut + 1), body: 'x' }, 'shortcut:'],
      [{ scope: 'team', shortcut: 'x', body: 'x' }, 'scope:'],
    ] as const;
    for (const [body, field] of bad) {
      const r = await add(agent2, body);
      expect(r.status, JSON.stringify(body).slice(0, 80)).toBe(400);
      expect(r.body.error.message.startsWith(field)).toBe(true);
    }
    // Korean shortcuts are fine: the shortcut is what an agent types after `/`.
    expect((await add(agent2, { scope: 'personal', shortcut: '인사', body: '안녕하세요' })).status).toBe(201);
    for (let i = 1; i < CANNED_LIMITS.personal; i++)
      expect((await add(agent2, { scope: 'personal', shortcut: `r${i}`, body: `reply ${i}` })).status).toBe(201);
    const full = await add(agent2, { scope: 'personal', shortcut: 'one-more', body: 'x' });
    expect(full.status).toBe(400);
    expect(full.body.error).toMatchObject({ code: 'too-many' });
    expect(full.body.error.message).toMatch(/^scope: at most 100 personal replies/);
    const list = (await t.api('GET', '/api/canned-replies', { token: agent2 })).body;
    expect(list.filter((r: any) => r.scope === 'personal')).toHaveLength(CANNED_LIMITS.personal);
    // Another agent's limit is their own.
    expect((await add(agent, { scope: 'personal', shortcut: 'ok', body: 'fine' })).status).toBe(201);
  });
});
