import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import * as Y from 'yjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TestPostgres } from '../../../testing/postgres.ts';
import type { ConversationStatus } from '../../../shared/protocol/visitor.ts';
import { StoreUnavailableError } from './errors.ts';
import { newId } from './ids.ts';
import { openStore } from './open.ts';
import { migrate } from './postgres/migrate.ts';
import { PG_MIGRATIONS } from './postgres/migrations.ts';
import type { Store } from './store.ts';
import { emailSubject, type LeadQuery } from './leads.ts';
import { outcomeOf } from '../results/outcome.ts';
import { hashToken } from './sessions.ts';
import { vapidKeys } from '../push/vapid.ts';
import { readFileSync } from 'node:fs';
import { docToStream, layoutOf, LAYOUT_VERSION } from '../../../shared/stream/ydoc.ts';
import { createDraftMigrator } from '../collab/migrateDraft.ts';

/**
 * One contract for every backend: the same repository operations give the same answers on SQLite and on
 * PostgreSQL, and the unit of work keeps its promise on both. PostgreSQL-only: migrations under the advisory lock
 * with several migrators at once, seeding once with several starters, and a database restart.
 */
let server: TestPostgres;
const dirs: string[] = [];
const stores: Store[] = [];

beforeAll(async () => {
  server = await TestPostgres.start({ fsync: false });
});

afterAll(async () => {
  for (const s of stores) await s.close().catch(() => undefined);
  await server?.destroy();
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

async function open(backend: 'sqlite' | 'postgres', url?: string): Promise<Store> {
  const dir = mkdtempSync(join(tmpdir(), 'tributary-contract-'));
  dirs.push(dir);
  const databaseUrl = backend === 'postgres' ? (url ?? (await server.createDatabase())) : undefined;
  const s = await openStore({ dataDir: dir, databaseUrl }, () => undefined);
  stores.push(s);
  return s;
}

const user = (email: string, roles: ('admin' | 'agent' | 'marketer')[] = ['agent']) => ({
  email,
  name: email.split('@')[0],
  passwordHash: 'hash',
  roles,
  liveChat: roles.includes('agent'),
});

const convRecord = (id: string, visitorId: string, status: ConversationStatus, endReason: string | null) => ({
  id,
  visitorId,
  dialogueId: 'd_1',
  streamId: 's_1',
  version: 1,
  status,
  engine: { status: 'waiting' },
  agentId: status === 'live' ? 'u_agent' : null,
  routing: null,
  lastSeq: 0,
  engaged: false,
  agentDelivered: 0,
  agentRead: 0,
  visitorDelivered: 0,
  visitorRead: 0,
  startedAt: 1,
  updatedAt: 1,
  connectedAt: null,
  endedAt: status === 'ended' ? 1 : null,
  endReason,
});

describe.each(['sqlite', 'postgres'] as const)('store contract on %s', (backend) => {
  it('keeps people: users (emails case-insensitive, stable order), avatars, sessions', async () => {
    const s = await open(backend);
    const a = await s.users.create(user('Ann@Example.com'));
    const b = await s.users.create(user('bob@example.com', ['admin']));
    expect([a.position, b.position]).toEqual([0, 1]);
    expect((await s.users.byEmail('ann@example.COM'))?.user.id).toBe(a.id);
    await expect(s.users.create(user('ANN@example.com'))).rejects.toThrow();
    expect((await s.users.update(a.id, { name: 'Ann', canPublish: true, status: 'online' }))?.canPublish).toBe(true);
    expect(await s.users.passwordHash(a.id)).toBe('hash');
    await s.users.setAvatar(a.id, Buffer.from([1, 2, 3]), 'image/png');
    expect(await s.users.avatar(a.id)).toEqual({ data: Buffer.from([1, 2, 3]), type: 'image/png' });
    expect((await s.users.get(a.id))?.avatarVersion).toBe(1);
    const token = await s.sessions.create(a.id);
    const other = await s.sessions.create(a.id);
    expect(await s.sessions.userId(token)).toBe(a.id);
    await s.sessions.revokeUser(a.id, token);
    expect([await s.sessions.userId(token), await s.sessions.userId(other)]).toEqual([a.id, undefined]);
    expect(await s.sessions.purgeExpired(Date.now() + 365 * 24 * 3600 * 1000)).toBe(1);
    expect(await s.users.count()).toBe(2);
    expect(await s.users.remove(b.id)).toBe(true);
    expect((await s.users.list()).map((u) => u.id)).toEqual([a.id]);
  });

  it('keeps the workspace: settings, rules, teams in agent order, attributes, widget settings', async () => {
    const s = await open(backend);
    expect((await s.meta.settings()).plan).toBe('select');
    await s.meta.setSettings({ ...(await s.meta.settings()), plan: 'prime' });
    expect((await s.meta.settings()).plan).toBe('prime');
    await s.meta.setEngagementsUsed(7);
    expect(await s.meta.engagementsUsed()).toBe(7);
    expect(await s.meta.emailSettings()).toBeNull();
    const smtp = {
      host: 'smtp.x.io',
      port: 587,
      security: 'starttls',
      user: 'u',
      password: 'p',
      from: 'c@x.io',
    } as const;
    await s.meta.setEmailSettings(smtp);
    expect(await s.meta.emailSettings()).toEqual(smtp);
    await s.meta.setEmailSettings(null);
    expect(await s.meta.emailSettings()).toBeNull();
    const [a, b] = [await s.users.create(user('a@x.io')), await s.users.create(user('b@x.io'))];
    expect((await s.teams.create('sales', 'Sales', [b.id, a.id])).members).toEqual([a.id, b.id]);
    expect((await s.teams.update('sales', { name: 'Sales team', members: [b.id] }))?.members).toEqual([b.id]);
    expect(await s.teams.ofUser(b.id)).toEqual(['sales']);
    expect((await s.teams.list()).map((t) => t.name)).toEqual(['Sales team']);
    await s.attributes.create({ name: 'plan', label: 'Plan' });
    expect(await s.attributes.list()).toEqual([{ name: 'plan', label: 'Plan' }]);
    expect(await s.attributes.remove('plan')).toBe(true);
    await s.widget.setAllowedOrigins(['https://a.example']);
    expect(await s.widget.allowedOrigins()).toEqual(['https://a.example']);
    await s.widget.siteSeen({ origin: 'https://a.example', lastSeen: 1, lastPage: '/', allowed: true });
    expect(await s.widget.sites()).toEqual([
      { origin: 'https://a.example', lastSeen: 1, lastPage: '/', allowed: true },
    ]);
    const img = await s.widget.addImage({ type: 'image/png', data: Buffer.from([9]) });
    expect((await s.widget.image(img))?.data).toEqual(Buffer.from([9]));
    expect(await s.teams.remove('sales')).toBe(true);
  });

  it('keeps streams, their versions and drafts, and dialogues', async () => {
    const s = await open(backend);
    const id = newId('s');
    await s.commit.atomically(() => {
      void s.streams.create('Welcome', null, id);
      void s.drafts.create(id, Y.encodeStateAsUpdate(new Y.Doc()));
    });
    const v1 = await s.streams.addVersion({
      streamId: id,
      hash: 'h1',
      compiled: { a: 1 },
      source: {},
      publishedBy: null,
    });
    const v2 = await s.streams.addVersion({
      streamId: id,
      hash: 'h2',
      compiled: { a: 2 },
      source: {},
      publishedBy: null,
    });
    expect([v1.version, v2.version]).toEqual([1, 2]);
    expect((await s.streams.get(id))?.latestVersion).toBe(2);
    expect((await s.streams.version(id, 1))?.compiled).toEqual({ a: 1 });
    expect((await s.streams.versions(id)).map((v) => v.version)).toEqual([2, 1]);
    const doc = new Y.Doc();
    doc.getMap('cards').set('hello', 1);
    await new Promise<void>((resolve) => s.drafts.append(id, Y.encodeStateAsUpdate(doc), resolve));
    const stored = new Y.Doc();
    Y.applyUpdate(stored, (await s.drafts.load(id))!);
    expect(stored.getMap('cards').toJSON()).toEqual({ hello: 1 });
    await s.drafts.compact(id);
    expect(await s.drafts.exists(id)).toBe(true);
    await expect(s.drafts.create(id, Y.encodeStateAsUpdate(new Y.Doc()))).rejects.toThrow(/already has a draft/);
    const input = {
      name: 'D',
      streamId: id,
      include: ['/x'],
      exclude: [],
      priority: 1,
      triggers: {},
      showOnce: true,
      active: true,
    };
    const d = await s.dialogues.create(input, 'd_1');
    expect(d).toMatchObject({ ...input, id: 'd_1' });
    expect((await s.dialogues.update('d_1', { ...input, active: false })).active).toBe(false);
    expect((await s.dialogues.ofStream(id)).map((x) => x.id)).toEqual(['d_1']);
    expect(await s.dialogues.remove('d_1')).toBe(true);
    await s.commit.atomically(() => {
      void s.streams.remove(id);
      void s.drafts.remove(id);
    });
    expect([await s.streams.get(id), await s.drafts.exists(id)]).toEqual([undefined, false]);
  });

  it('keeps result counters: deltas add up in one transaction, sums by range, kind and day', async () => {
    const s = await open(backend);
    const c = (day: number, kind: 'card.reached' | 'conv', key: string, n: number, version = 1) => ({
      streamId: 's_1',
      version,
      day,
      kind,
      key,
      n,
    });
    // Two writes of one turn touching the same counter, and a repeated key inside one write.
    void s.results.add([c(10, 'card.reached', 'hello', 1), c(10, 'card.reached', 'hello', 2)]);
    await s.results.add([
      c(10, 'card.reached', 'hello', 1),
      c(11, 'card.reached', 'hello', 5),
      c(11, 'conv', 'started', 1),
    ]);
    await s.results.add([c(12, 'card.reached', 'hello', 7, 2), c(12, 'card.reached', 'ask', -1, 2)]);
    const sum = async (q: Parameters<Store['results']['sums']>[0], byDay = false) =>
      (await s.results.sums(q, byDay)).map((r) => [r.version, r.day, r.kind, r.key, r.n]).sort();
    expect(await sum({ streamId: 's_1', version: 1 })).toEqual([
      [1, null, 'card.reached', 'hello', 9],
      [1, null, 'conv', 'started', 1],
    ]);
    expect(await sum({ streamId: 's_1', version: 1, fromDay: 11, toDay: 11, kinds: ['card.reached'] })).toEqual([
      [1, null, 'card.reached', 'hello', 5],
    ]);
    expect(await sum({ streamId: 's_1', kinds: ['card.reached'] }, true)).toEqual([
      [1, 10, 'card.reached', 'hello', 4],
      [1, 11, 'card.reached', 'hello', 5],
      [2, 12, 'card.reached', 'ask', -1],
      [2, 12, 'card.reached', 'hello', 7],
    ]);
    expect(await s.results.sums({ streamId: 'other' })).toEqual([]);
  });

  it('keeps webhook endpoints and an outbox: one delivery per subscribed enabled endpoint, leases, attempts, resend', async () => {
    const s = await open(backend);
    const ep = (id: string, events: string[], enabled = true) => ({
      id,
      url: `http://127.0.0.1:9/${id}`,
      events,
      secret: `whsec_${id}`,
      enabled,
      createdAt: 1,
    });
    await s.webhooks.createEndpoint(ep('w1', ['conversation.started', 'goal.reached']));
    await s.webhooks.createEndpoint(ep('w2', ['goal.reached']));
    await s.webhooks.createEndpoint(ep('w3', ['conversation.started'], false));
    await expect(s.webhooks.createEndpoint(ep('w1', []))).rejects.toThrow();
    expect((await s.webhooks.endpoints()).map((e) => [e.id, e.events, e.enabled])).toEqual([
      ['w1', ['conversation.started', 'goal.reached'], true],
      ['w2', ['goal.reached'], true],
      ['w3', ['conversation.started'], false],
    ]);
    const ev = (eventId: string, type: string, at: number) => ({ eventId, type, payload: `{"type":"${type}"}`, at });
    void s.webhooks.enqueue([ev('e1', 'conversation.started', 10)]);
    void s.webhooks.enqueue([ev('e2', 'goal.reached', 11)]);
    await s.webhooks.enqueueTo('w2', ev('t1', 'webhook.test', 12));
    // Events become deliveries when fanned out, so many outbox rows (one per enqueue) at a time, oldest first.
    expect((await s.webhooks.due(100, 10)).map((d) => d.id)).toEqual(['t1:w2']);
    expect(await s.webhooks.fanOut(1)).toBe(1);
    expect((await s.webhooks.due(100, 10)).map((d) => d.id)).toEqual(['e1:w1', 't1:w2']);
    expect(await s.webhooks.fanOut(10)).toBe(1);
    expect(await s.webhooks.fanOut(10)).toBe(0);
    expect((await s.webhooks.due(100, 10)).map((d) => d.id)).toEqual(['e1:w1', 'e2:w1', 'e2:w2', 't1:w2']);
    expect(await s.webhooks.due(10, 10)).toHaveLength(1);
    // A lease: one claimer wins, the row is not due again until the lease runs out.
    const [a, b] = await Promise.all([s.webhooks.claim('e1:w1', 20, 50), s.webhooks.claim('e1:w1', 20, 50)]);
    expect([a, b].sort()).toEqual([false, true]);
    expect((await s.webhooks.due(30, 10)).map((d) => d.id)).not.toContain('e1:w1');
    expect((await s.webhooks.due(50, 10)).map((d) => d.id)).toContain('e1:w1');
    await s.webhooks.attempted('e1:w1', 1, {
      status: 'pending',
      nextAt: 200,
      lastStatus: 500,
      lastError: 'HTTP 500',
      lastMs: 3,
      lastAt: 21,
    });
    expect(await s.webhooks.delivery('e1:w1')).toMatchObject({
      attempts: 1,
      nextAt: 200,
      lastStatus: 500,
      status: 'pending',
    });
    await s.webhooks.attempted('e2:w1', 1, {
      status: 'delivered',
      nextAt: 21,
      lastStatus: 204,
      lastError: null,
      lastMs: 2,
      lastAt: 21,
    });
    expect(await s.webhooks.claim('e2:w1', 22, 60)).toBe(false);
    expect(await s.webhooks.resend('e2:w1', 30)).toBe(true);
    expect(await s.webhooks.delivery('e2:w1')).toMatchObject({ status: 'pending', nextAt: 30, attempts: 1 });
    expect((await s.webhooks.deliveries('w1', 10)).map((d) => d.id)).toEqual(['e2:w1', 'e1:w1']);
    await s.webhooks.setEndpointState('w1', {
      enabled: false,
      disabledAt: 5,
      disabledReason: 'failing',
      failingSince: 1,
    });
    expect(await s.webhooks.endpoint('w1')).toMatchObject({
      enabled: false,
      disabledAt: 5,
      disabledReason: 'failing',
      failingSince: 1,
    });
    await s.webhooks.enqueue([ev('e3', 'goal.reached', 40)]);
    expect(await s.webhooks.fanOut(10)).toBe(1);
    // A disabled endpoint's deliveries wait.
    expect((await s.webhooks.due(300, 10)).map((d) => d.id)).toEqual(['e2:w2', 't1:w2', 'e3:w2']);
    expect(await s.webhooks.removeEndpoint('w1')).toBe(true);
    expect(await s.webhooks.deliveries('w1', 10)).toEqual([]);
    expect(await s.webhooks.removeEndpoint('w1')).toBe(false);
    // An event stored before a change of who gets what goes to the endpoints of then (the change fans it out
    // first): not to an endpoint added or enabled after it; one disabled after it keeps its delivery.
    await s.webhooks.enqueue([ev('e4', 'goal.reached', 50), ev('e5', 'conversation.started', 50)]);
    await s.webhooks.createEndpoint(ep('w4', ['goal.reached']));
    await s.webhooks.setEndpointState('w3', { enabled: true });
    await s.webhooks.setEndpointState('w2', { enabled: false });
    expect(await s.webhooks.fanOut(10)).toBe(0);
    await s.webhooks.setEndpointState('w2', { enabled: true });
    await s.webhooks.enqueue([ev('e6', 'goal.reached', 60), ev('e7', 'conversation.started', 60)]);
    expect(await s.webhooks.fanOut(10)).toBe(1);
    expect((await s.webhooks.due(300, 10)).map((d) => d.id)).toEqual([
      'e2:w2',
      't1:w2',
      'e3:w2',
      'e4:w2',
      'e6:w2',
      'e6:w4',
      'e7:w3',
    ]);
  });

  it('purges finished webhook deliveries past the log retention in batches, never pending or leased ones', async () => {
    const s = await open(backend);
    await s.webhooks.createEndpoint({
      id: 'w1',
      url: 'http://127.0.0.1:9/w1',
      events: ['goal.reached'],
      secret: 'whsec_w1',
      enabled: true,
      createdAt: 1,
    });
    const ev = (eventId: string, at: number) => ({ eventId, type: 'goal.reached', payload: '{}', at });
    for (let i = 1; i <= 7; i++) await s.webhooks.enqueueTo('w1', ev(`e${i}`, i));
    const finish = (id: string, status: 'delivered' | 'failed' | 'pending', at: number) =>
      s.webhooks.attempted(id, 1, { status, nextAt: at, lastStatus: 500, lastError: null, lastMs: 1, lastAt: at });
    // e1–e3 delivered long ago, e4 failed for good long ago, e5 delivered recently, e6 pending (retrying) with an
    // old next attempt, e7 pending and leased.
    await finish('e1:w1', 'delivered', 10);
    await finish('e2:w1', 'delivered', 11);
    await finish('e3:w1', 'delivered', 12);
    await finish('e4:w1', 'failed', 13);
    await finish('e5:w1', 'delivered', 500);
    await finish('e6:w1', 'pending', 14);
    expect(await s.webhooks.claim('e7:w1', 20, 10_000)).toBe(true);
    expect(await s.webhooks.purgeFinished(100, 3)).toBe(3);
    expect(await s.webhooks.purgeFinished(100, 3)).toBe(1);
    expect(await s.webhooks.purgeFinished(100, 3)).toBe(0);
    expect((await s.webhooks.deliveries('w1', 10)).map((d) => d.id)).toEqual(['e7:w1', 'e6:w1', 'e5:w1']);
    // A finished delivery resent is pending again: kept, whatever its age.
    expect(await s.webhooks.resend('e5:w1', 30)).toBe(true);
    expect(await s.webhooks.purgeFinished(1_000, 10)).toBe(0);
    // Purges at once delete each row once.
    for (let i = 10; i < 30; i++) {
      await s.webhooks.enqueueTo('w1', ev(`f${i}`, i));
      await finish(`f${i}:w1`, 'delivered', i);
    }
    const counts = await Promise.all([1, 2, 3, 4].map(() => s.webhooks.purgeFinished(100, 4)));
    let total = counts.reduce((a, b) => a + b, 0);
    while (true) {
      const n = await s.webhooks.purgeFinished(100, 4);
      if (n === 0) break;
      total += n;
    }
    expect(total).toBe(20);
    expect((await s.webhooks.deliveries('w1', 50)).map((d) => d.id).sort()).toEqual(['e5:w1', 'e6:w1', 'e7:w1']);
  });

  it('tells who follows the endpoints of every change of who gets which events, queued and then durable', async () => {
    const s = await open(backend);
    const heard: string[] = [];
    const off = s.webhooks.onEndpointsChanged((durable) =>
      heard.push(`${durable ? 'durable' : 'queued'}:${heard.length}`),
    );
    const ep = { id: 'w1', url: 'http://127.0.0.1:9/w1', events: ['goal.reached'], secret: 'whsec_w1', enabled: true };
    const created = s.webhooks.createEndpoint({ ...ep, createdAt: 1 });
    expect(heard).toEqual(['queued:0']);
    await created;
    expect(heard).toEqual(['queued:0', 'durable:1']);
    // Health alone changes nobody's events: not told.
    await s.webhooks.setEndpointState('w1', { failingSince: 5 });
    expect(heard).toHaveLength(2);
    await s.webhooks.setEndpointState('w1', { enabled: false, disabledAt: 6, disabledReason: 'failing' });
    await s.webhooks.removeEndpoint('w1');
    // A change that fails is over too.
    await expect(s.webhooks.createEndpoint({ ...ep, id: 'w2', createdAt: 2 })).resolves.toBeUndefined();
    await expect(s.webhooks.createEndpoint({ ...ep, id: 'w2', createdAt: 2 })).rejects.toThrow();
    expect(heard.map((h) => h.split(':')[0])).toEqual([
      ...['queued', 'durable'],
      ...['queued', 'durable'],
      ...['queued', 'durable'],
      ...['queued', 'durable'],
      ...['queued', 'durable'],
    ]);
    off();
    await s.webhooks.removeEndpoint('w2');
    expect(heard).toHaveLength(10);
  });

  it('edits a webhook endpoint and rotates its secret, the replaced one kept until a time', async () => {
    const s = await open(backend);
    const base = { url: 'http://127.0.0.1:9/a', secret: 'whsec_one', enabled: true, createdAt: 1 };
    await s.webhooks.createEndpoint({ ...base, id: 'w1', events: ['goal.reached'] });
    expect(await s.webhooks.endpoint('w1')).toMatchObject({ previousSecret: null, previousUntil: null });
    expect(await s.webhooks.editEndpoint('w1', { url: 'http://127.0.0.1:9/b', events: ['conversation.ended'] })).toBe(
      true,
    );
    expect(await s.webhooks.editEndpoint('w1', {})).toBe(true);
    expect(await s.webhooks.editEndpoint('nope', { url: 'http://127.0.0.1:9/c' })).toBe(false);
    expect(await s.webhooks.endpoint('w1')).toMatchObject({
      url: 'http://127.0.0.1:9/b',
      events: ['conversation.ended'],
    });
    // The new subscription is the one events match.
    await s.webhooks.enqueue([
      { eventId: 'e1', type: 'goal.reached', payload: '{}', at: 1 },
      { eventId: 'e2', type: 'conversation.ended', payload: '{}', at: 1 },
    ]);
    await s.webhooks.fanOut(10);
    expect((await s.webhooks.due(10, 10)).map((d) => d.id)).toEqual(['e2:w1']);
    expect(await s.webhooks.rotateSecret('w1', 'whsec_two', 100)).toBe(true);
    expect(await s.webhooks.endpoint('w1')).toMatchObject({
      secret: 'whsec_two',
      previousSecret: 'whsec_one',
      previousUntil: 100,
    });
    expect(await s.webhooks.rotateSecret('w1', 'whsec_three', 200)).toBe(true);
    expect(await s.webhooks.endpoint('w1')).toMatchObject({
      secret: 'whsec_three',
      previousSecret: 'whsec_two',
      previousUntil: 200,
    });
    expect(await s.webhooks.rotateSecret('nope', 'whsec_x', 1)).toBe(false);
  });

  it('purges conversations that ended before a cutoff with their rows, oldest first, never open ones', async () => {
    const s = await open(backend);
    const conv = (id: string, endedAt: number | null) => ({
      id,
      visitorId: 'v_r',
      dialogueId: 'd_1',
      streamId: 's_1',
      version: 1,
      status: endedAt === null ? ('bot' as const) : ('ended' as const),
      engine: { status: 'waiting' },
      agentId: null,
      routing: null,
      lastSeq: 0,
      engaged: false,
      agentDelivered: 0,
      agentRead: 0,
      visitorDelivered: 0,
      visitorRead: 0,
      startedAt: 1,
      updatedAt: 1,
      connectedAt: null,
      endedAt,
      endReason: endedAt === null ? null : 'completed',
    });
    await s.commit.atomically(() => {
      void s.conversations.createVisitor('v_r', 1);
      for (const [id, endedAt] of [
        ['c_old1', 10],
        ['c_old2', 20],
        ['c_old3', 30],
        ['c_new', 500],
        ['c_open', null],
      ] as const) {
        void s.conversations.insert(conv(id, endedAt));
        void s.conversations.addItems(id, [{ type: 'bot', text: 'hi', seq: 1, at: 1 }] as never[]);
        void s.decisions.add({
          at: 5,
          conversationId: id,
          event: 'ended',
          agentId: null,
          reason: null,
          why: 'w',
          detail: {},
        });
        void s.decisions.callback(5, id, 'd_1', 'v_r', 'completed', {});
      }
    });
    await s.missed.add({ conversationId: 'c_old1', visitorId: 'v_r', at: 10, reason: 'no-eligible-agent' });
    expect(await s.conversations.purgeEnded(100, 2)).toBe(2);
    expect(await s.conversations.get('c_old1')).toBeUndefined();
    expect(await s.conversations.get('c_old2')).toBeUndefined();
    expect(await s.conversations.get('c_old3')).toBeDefined();
    expect(await s.conversations.purgeEnded(100, 2)).toBe(1);
    expect(await s.conversations.purgeEnded(100, 2)).toBe(0);
    for (const gone of ['c_old1', 'c_old2', 'c_old3']) {
      expect(await s.conversations.items(gone)).toEqual([]);
      expect(await s.decisions.query({ conversationId: gone, limit: 10 })).toEqual([]);
    }
    expect(await s.missed.get('c_old1')).toBeUndefined();
    expect((await s.conversations.items('c_new')).length).toBe(1);
    expect((await s.conversations.items('c_open')).length).toBe(1);
    // However old, an open conversation stays.
    expect(await s.conversations.purgeEnded(Number.MAX_SAFE_INTEGER, 10)).toBe(1);
    expect(await s.conversations.get('c_open')).toBeDefined();
    expect(await s.conversations.get('c_new')).toBeUndefined();
  });

  it('keeps leads: captures merged, goal and score, filters, keyset pages; erases a person by email with an audit entry', async () => {
    const s = await open(backend);
    const statuses = [
      ['bot', null],
      ['waiting', null],
      ['live', null],
      ['ended', 'completed'],
      ['ended', 'chat-ended'],
      ['ended', 'fallback'],
      ['ended', 'abandoned'],
    ] as const;
    const conv = (i: number, visitorId: string) => ({
      ...convRecord(`c_${i}`, visitorId, statuses[i % statuses.length][0], statuses[i % statuses.length][1]),
      streamId: i < 7 ? 's_1' : 's_2',
      version: 1 + (i % 2),
      startedAt: 1000 + i * 10,
    });
    await s.commit.atomically(() => {
      for (let i = 0; i < 9; i++) {
        void s.conversations.createVisitor(`v_${i}`, 1);
        void s.conversations.insert(conv(i, `v_${i}`));
      }
      // The same person's second conversation, from the same browser, captured nothing.
      void s.conversations.insert({ ...conv(10, 'v_3'), id: 'c_3b' });
    });
    // The page is the one of the conversation's visitor context.
    await s.visitorContexts.set('c_3', {
      url: 'https://example.com/3',
      title: null,
      referrer: null,
      userAgent: null,
      timeZone: null,
      language: null,
      requested: false,
      at: 1,
    });
    const change = (id: string, streamId: string, captures: Record<string, string>, goal?: string, score = 0) => ({
      conversationId: id,
      streamId,
      captures,
      score,
      ...(goal ? { goal } : {}),
      ...(captures.email ? { email: captures.email.toLowerCase() } : {}),
    });
    await s.leads.record([change('c_3', 's_1', { name: 'Ada' }, 'sales-lead', 5)], [{ streamId: 's_1', name: 'name' }]);
    // Another turn (another node) adds to the row: captures merged, the score summed, the last goal kept.
    await s.leads.record(
      [change('c_3', 's_1', { email: 'Ada@Example.com' }, 'demo', 2), change('c_4', 's_1', { company: 'ACME' })],
      [
        { streamId: 's_1', name: 'email' },
        { streamId: 's_1', name: 'company' },
        { streamId: 's_1', name: 'name' },
      ],
    );
    expect(await s.leads.attributes('s_1')).toEqual(['company', 'email', 'name']);
    expect(await s.leads.attributes('s_2')).toEqual([]);
    const all = await s.leads.page({ limit: 100 });
    expect(all.map((r) => r.conversationId)).toEqual([
      'c_3b',
      'c_8',
      'c_7',
      'c_6',
      'c_5',
      'c_4',
      'c_3',
      'c_2',
      'c_1',
      'c_0',
    ]);
    // The outcome in SQL is the outcome of results/outcome.ts.
    for (const r of all) {
      const rec = await s.conversations.get(r.conversationId);
      expect(r.outcome).toBe(outcomeOf(rec!.status, rec!.endReason));
    }
    expect(all.find((r) => r.conversationId === 'c_3')).toMatchObject({
      streamId: 's_1',
      version: 2,
      visitorId: 'v_3',
      startedAt: 1030,
      outcome: 'completed',
      page: 'https://example.com/3',
      goal: 'demo',
      score: 7,
      email: 'ada@example.com',
      attributes: { name: 'Ada', email: 'Ada@Example.com' },
    });
    expect(all.find((r) => r.conversationId === 'c_0')).toMatchObject({
      page: null,
      goal: null,
      score: 0,
      attributes: {},
    });
    const ids = async (q: Partial<LeadQuery>) =>
      (await s.leads.page({ limit: 100, ...q })).map((r) => r.conversationId);
    expect(await ids({ streamId: 's_2' })).toEqual(['c_3b', 'c_8', 'c_7']);
    expect(await ids({ streamId: 's_1', version: 1 })).toEqual(['c_6', 'c_4', 'c_2', 'c_0']);
    expect(await ids({ outcome: 'handoff' })).toEqual(['c_4', 'c_2']);
    expect(await ids({ outcome: 'open' })).toEqual(['c_8', 'c_7', 'c_1', 'c_0']);
    expect(await ids({ goal: 'demo' })).toEqual(['c_3']);
    expect(await ids({ from: 1020, to: 1050 })).toEqual(['c_4', 'c_3', 'c_2']);
    // Text through the search module: words of the visitor's profile or of the transcript.
    await s.conversations.setProfile('v_5', { firstName: 'Grace', lastName: 'Hopper' });
    await s.conversations.addItems('c_1', [
      { type: 'visitor', text: 'pricing for hopper class', seq: 1, at: 1 },
    ] as never[]);
    expect(await ids({ text: 'hopper' })).toEqual(['c_5', 'c_1']);
    expect(await ids({ text: 'grace hop', streamId: 's_1' })).toEqual(['c_5']);
    // Keyset pages: newest first, each after the last row of the one before.
    const first = await s.leads.page({ limit: 4 });
    const last = first[first.length - 1];
    expect(await ids({ limit: 4, after: { startedAt: last.startedAt, id: last.conversationId } })).toEqual([
      'c_5',
      'c_4',
      'c_3',
      'c_2',
    ]);
    // A person's data by email: both conversations of their browser, their visitor; the audit entry counts rows.
    await s.conversations.addItems('c_3', [{ type: 'bot', text: 'hi', seq: 1, at: 1 }] as never[]);
    await s.decisions.callback(5, 'c_3b', 'd_1', 'v_3', 'completed', {});
    // A webhook event of hers not fanned out yet, and another conversation's.
    const event = (eventId: string, conversationId: string) => ({
      eventId,
      type: 'conversation.started',
      payload: JSON.stringify({ type: 'conversation.started', data: { conversationId } }),
      at: 1,
    });
    await s.webhooks.enqueue([event('e1', 'c_3'), event('e2', 'c_4')]);
    await s.webhooks.enqueue([event('e3', 'c_3b')]);
    const erased = await s.leads.erase('  ADA@example.com ', 'u_admin', 5000);
    expect(erased).toMatchObject({ actor: 'u_admin', at: 5000, conversations: 2, visitors: 1, kept: 0 });
    expect(erased.subject).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(erased.subject).toBe(emailSubject('ada@example.com'));
    // Two conversations, their item row, lead row, context, callback, two webhook events, the visitor; the other
    // conversation's event is still in the outbox.
    expect(erased.rows).toBe(9);
    expect(await s.webhooks.fanOut(10)).toBe(1);
    expect(await s.webhooks.fanOut(10)).toBe(0);
    expect(await s.conversations.get('c_3')).toBeUndefined();
    expect(await s.conversations.get('c_3b')).toBeUndefined();
    expect(await s.conversations.items('c_3')).toEqual([]);
    expect(await s.conversations.visitor('v_3')).toBeUndefined();
    expect(await ids({})).not.toContain('c_3');
    expect(await s.leads.erasures(10)).toEqual([erased]);
    // Someone in a live chat now is kept until it ends; a profile email finds them too.
    await s.conversations.setProfile('v_2', { email: 'bo@example.com' });
    const live = await s.leads.erase('bo@example.com', null, 6000);
    expect(live).toMatchObject({ conversations: 0, visitors: 0, kept: 1 });
    expect(await s.conversations.get('c_2')).toBeDefined();
    expect((await s.leads.erasures(10)).map((e) => e.at)).toEqual([6000, 5000]);
  });

  it('searches conversations by profile and transcript words, with filters, pages and any typed text', async () => {
    const s = await open(backend);
    await s.commit.atomically(() => {
      for (const [id, profile] of [
        ['v_jo', { firstName: 'Jo Kim', email: 'jo@example.com' }],
        ['v_ms', { firstName: '김민수', email: 'minsu@example.kr' }],
      ] as const) {
        void s.conversations.createVisitor(id, 1);
        void s.conversations.setProfile(id, profile, 1);
      }
      for (const [id, visitorId, startedAt, agentId] of [
        ['c_1', 'v_jo', 100, 'u_a'],
        ['c_2', 'v_jo', 200, null],
        ['c_3', 'v_ms', 300, 'u_a'],
        ['c_4', 'v_ms', 300, null],
      ] as const)
        void s.conversations.insert(searchConv(id, visitorId, startedAt, agentId));
      void s.conversations.addItems('c_2', [{ type: 'bot', cardId: 'hi', text: 'Welcome aboard', seq: 1, at: 1 }]);
      void s.conversations.addItems('c_3', [
        { type: 'visitor', text: 'A REFUND, please!', clientId: 'k1', seq: 1, at: 1 },
      ] as never[]);
    });
    // Written later in a turn of its own: the index follows every append.
    await s.conversations.addItems('c_3', [
      { type: 'agent', text: 'Done: 환불 완료', clientId: 'k2', agent: { id: 'u_a', name: 'A' }, seq: 2, at: 2 },
    ] as never[]);
    const ids = async (text: string, more: Partial<Parameters<Store['conversations']['search']>[0]> = {}) =>
      (await s.conversations.search({ text, limit: 10, ...more })).rows.map((c) => c.id);
    expect(await ids('')).toEqual(['c_4', 'c_3', 'c_2', 'c_1']);
    expect(await ids('jo')).toEqual(['c_2', 'c_1']);
    expect(await ids('JO@EXAMPLE.COM')).toEqual(['c_2', 'c_1']);
    expect(await ids('exam')).toEqual(['c_4', 'c_3', 'c_2', 'c_1']);
    expect(await ids('김민')).toEqual(['c_4', 'c_3']);
    // Korean words are found by any part (`민수` in `김민수`, even one syllable); English words stay whole words.
    expect([await ids('민수'), await ids('수'), await ids('료')]).toEqual([['c_4', 'c_3'], ['c_4', 'c_3'], ['c_3']]);
    expect([await ids('xample'), await ids('민수 refund'), await ids('민수 jo')]).toEqual([[], ['c_3'], []]);
    expect(await ids('refund minsu')).toEqual(['c_3']); // one word in the transcript, one in the profile
    expect(await ids('환불')).toEqual(['c_3']);
    expect(await ids('refund jo')).toEqual([]);
    expect(await ids('welcome')).toEqual([]); // the bot's texts are not the visitor's
    expect(await ids('refund', { agentId: 'u_a', status: 'ended' })).toEqual(['c_3']);
    expect(await ids('example', { visitorId: 'v_jo', from: 150 })).toEqual(['c_2']);
    expect(await ids('example', { streamId: 's_other' })).toEqual([]);
    // Pages: newest first, ties by id, a cursor to go on with, none after the last page.
    const p1 = await s.conversations.search({ text: 'example', limit: 3 });
    expect(p1.rows.map((c) => c.id)).toEqual(['c_4', 'c_3', 'c_2']);
    const p2 = await s.conversations.search({ text: 'example', limit: 3, cursor: p1.next ?? '' });
    expect([p2.rows.map((c) => c.id), p2.next]).toEqual([['c_1'], null]);
    // Whatever is typed, no syntax error: quotes, operators, stars, dashes are not words.
    for (const typed of [
      '"',
      '*',
      'NEAR',
      'jo NEAR/2 kim',
      '-jo',
      'jo -kim',
      '"jo" OR kim*',
      "'",
      '\\',
      ':*',
      '!&|()',
      'a:b',
    ])
      await expect(s.conversations.search({ text: typed, limit: 5 })).resolves.toBeDefined();
    expect(await ids('"jo" OR kim*')).toEqual([]); // every word, `or` included
    expect(await ids('"jo*')).toEqual(['c_2', 'c_1']);
    expect(await ids('***')).toEqual(['c_4', 'c_3', 'c_2', 'c_1']); // no words: no text condition
    await expect(ids('a b c d e f g h i')).rejects.toMatchObject({ field: 'q' });
    await expect(ids('jo', { cursor: 'nonsense' })).rejects.toMatchObject({ field: 'cursor' });
    // A changed profile is searched by its new words only.
    await s.conversations.setProfile('v_jo', { firstName: 'Jo Kim', email: 'jo@corp.test' });
    expect([await ids('example jo'), await ids('corp')]).toEqual([[], ['c_2', 'c_1']]);
    // The routing log by the visitor's name or email.
    for (const conversationId of ['c_1', 'c_3'])
      await s.decisions.add({
        at: 5,
        conversationId,
        event: 'offered',
        agentId: 'u_a',
        reason: null,
        why: 'w',
        detail: {},
      });
    const logged = async (visitorText: string) =>
      (await s.decisions.query({ visitorText, limit: 10 })).map((d) => d.conversationId);
    expect([await logged('kim'), await logged('민수'), await logged('minsu@EXAMPLE.kr'), await logged('"')]).toEqual([
      ['c_1'],
      ['c_3'],
      ['c_3'],
      ['c_3', 'c_1'],
    ]);
    // Erasing a person takes their words out of the index; a new visitor never inherits them.
    await s.leads.erase('minsu@example.kr', null);
    await s.conversations.createVisitor('v_new', 2);
    await s.conversations.setProfile('v_new', { firstName: 'New' });
    await s.conversations.insert(searchConv('c_5', 'v_new', 400, null));
    await s.conversations.addItems('c_5', [
      { type: 'visitor', text: 'hello', clientId: 'k', seq: 1, at: 1 },
    ] as never[]);
    expect([await ids('minsu'), await ids('refund'), await ids('new hello')]).toEqual([[], [], ['c_5']]);
    // A name whose words are all in some profiles and partly in another one's transcript (the profiles holding
    // every word are read first, the transcript's conversations checked): the same conversations, in order, paged.
    await s.commit.atomically(() => {
      for (const [visitorId, firstName, id, startedAt] of [
        ['v_ann', 'Ann Lee', 'c_6', 500],
        ['v_ann2', 'Ann Lee', 'c_7', 600],
        ['v_al', 'Ann', 'c_8', 700],
      ] as const) {
        void s.conversations.createVisitor(visitorId, 3);
        void s.conversations.setProfile(visitorId, { firstName }, 3);
        void s.conversations.insert(searchConv(id, visitorId, startedAt, null));
      }
    });
    await s.conversations.addItems('c_8', [
      { type: 'visitor', text: 'this is Lee', clientId: 'k', seq: 1, at: 1 },
    ] as never[]);
    expect([await ids('ann lee'), await ids('lee ann'), await ids('ann leex'), await ids('lee')]).toEqual([
      ['c_8', 'c_7', 'c_6'],
      ['c_8', 'c_7', 'c_6'],
      [],
      ['c_8', 'c_7', 'c_6'],
    ]);
    const named = await s.conversations.search({ text: 'ann lee', limit: 2 });
    const after = await s.conversations.search({ text: 'ann lee', limit: 2, cursor: named.next ?? '' });
    expect([named.rows.map((c) => c.id), after.rows.map((c) => c.id), after.next]).toEqual([
      ['c_8', 'c_7'],
      ['c_6'],
      null,
    ]);
  });

  it('keeps conversations, transcripts, dialogue history and the routing log', async () => {
    const s = await open(backend);
    const rec = {
      id: 'c_1',
      visitorId: 'v_1',
      dialogueId: 'd_1',
      streamId: 's_1',
      version: 1,
      status: 'bot' as const,
      engine: { status: 'waiting' },
      agentId: null,
      routing: null,
      lastSeq: 0,
      engaged: false,
      agentDelivered: 0,
      agentRead: 0,
      visitorDelivered: 0,
      visitorRead: 0,
      startedAt: 1,
      updatedAt: 1,
      connectedAt: null,
      endedAt: null,
      endReason: null,
    };
    void s.conversations.createVisitor('v_1', 1);
    void s.conversations.insert(rec);
    void s.conversations.markDialogue('v_1', 'd_1', 'triggered', 1);
    const items = [
      { type: 'visitor', text: 'hi', clientId: 'm1', seq: 1, at: 1 },
      { type: 'bot', text: 'hello', seq: 2, at: 1 },
    ] as never[];
    await s.conversations.addItems('c_1', items);
    await s.conversations.save({ ...rec, status: 'waiting', engaged: true, routing: { phase: 'queued' } });
    // Another node's older copy never takes back a receipt, nor reopens an ended conversation.
    const other = { ...rec, id: 'c_2' };
    await s.conversations.insert(other);
    await s.conversations.save({ ...other, status: 'ended', endReason: 'chat-ended', endedAt: 5, agentRead: 2 });
    await s.conversations.save({ ...other, status: 'live', agentRead: 1 });
    expect(await s.conversations.get('c_2')).toMatchObject({ status: 'ended', endReason: 'chat-ended', agentRead: 2 });
    await s.conversations.setProfile('v_1', { email: 'a@b.c' });
    expect(await s.conversations.get('c_1')).toMatchObject({ status: 'waiting', engaged: true, lastSeq: 2 });
    expect((await s.conversations.items('c_1', 1)).map((i) => i.seq)).toEqual([2]);
    expect(await s.conversations.seqOfClientId('c_1', 'v', 'm1')).toBe(1);
    // Another node numbered its entry 2 as well: renumbered after the stored ones, inside the transaction.
    const late = [
      { type: 'agent', text: 'yo', clientId: 'a1', agent: { id: 'u_a', name: 'A' }, seq: 2, at: 2 },
    ] as never[];
    const shifts: number[] = [];
    await s.conversations.addItems('c_1', late, undefined, (shift) => {
      shifts.push(shift);
      for (const i of late as { seq: number }[]) i.seq += shift;
      return { items: late, json: late.map((i) => JSON.stringify(i)) };
    });
    expect(shifts).toEqual([1]);
    expect((await s.conversations.items('c_1', 2)).map((i) => [i.seq, i.type])).toEqual([[3, 'agent']]);
    // Numbered right: left as it is.
    const next = [{ type: 'bot', text: 'ok', seq: 4, at: 3 }] as never[];
    await s.conversations.addItems('c_1', next, undefined, () => expect.fail('not renumbered'));
    expect((await s.conversations.get('c_1'))?.lastSeq).toBe(4);
    expect((await s.conversations.routed()).map((c) => c.id)).toEqual(['c_1']);
    expect((await s.conversations.openOfVisitor('v_1'))?.id).toBe('c_1');
    expect((await s.conversations.query({ visitorId: 'v_1', limit: 10 })).length).toBe(2);
    expect((await s.conversations.visitor('v_1'))?.profile).toEqual({ email: 'a@b.c' });
    await s.conversations.markDialogue('v_1', 'd_1', 'completed', 2);
    expect((await s.conversations.dialogueHistory('v_1')).get('d_1')).toEqual({ triggered: true, completed: true });
    await s.decisions.logEvent(5, { type: 'tick' });
    await s.decisions.add({
      at: 5,
      conversationId: 'c_1',
      event: 'offered',
      agentId: 'u_1',
      reason: null,
      why: 'first',
      detail: { pool: [] },
    });
    // With its clauses (kept in the row's body: no column), and one logged before clauses were recorded.
    const whys = [{ code: 'declined' as const, agent: 'u_1' }];
    await s.decisions.add({
      at: 6,
      conversationId: 'c_1',
      event: 'declined',
      agentId: 'u_1',
      reason: null,
      why: 'u_1 declined the offer, which counts like a timeout',
      whys,
      detail: { event: 'declined' },
    });
    await s.decisions.callback(5, 'c_1', 'd_1', 'v_1', 'goal', { name: 'x' });
    expect(await s.decisions.events(0, 10)).toEqual([{ at: 5, event: { type: 'tick' } }]);
    const logged = await s.decisions.query({ visitorId: 'v_1', limit: 5 });
    expect(logged).toMatchObject([
      { conversationId: 'c_1', event: 'declined', whys, detail: { event: 'declined' } },
      { conversationId: 'c_1', visitorId: 'v_1', visitorName: 'a@b.c', why: 'first', detail: { pool: [] } },
    ]);
    expect(logged[0].detail).not.toHaveProperty('whys');
    expect(logged[1]).not.toHaveProperty('whys');
  });

  it('stores a turn of many conversations as one would one by one: rows, keys, records saved twice, profiles', async () => {
    const s = await open(backend);
    for (const id of ['a', 'b', 'c']) {
      void s.conversations.createVisitor(`v_${id}`, 1);
      void s.conversations.insert(convRecord(`c_${id}`, `v_${id}`, 'bot', null));
    }
    await s.commit.settled();
    // One turn, written the way the live layer writes it: every conversation's rows, then records, then profiles
    // (on PostgreSQL each kind is one statement for all conversations).
    const item = (type: string, seq: number, text: string, clientId?: string) =>
      ({ type, text, seq, at: 2, ...(clientId ? { clientId } : {}) }) as never;
    const writes = [
      s.conversations.addItems('c_a', [item('visitor', 1, "o'brien said \\hi", 'm1'), item('bot', 2, 'hello')]),
      s.conversations.addItems('c_b', [item('visitor', 1, '김민수 왔어요', 'm1')]),
      s.conversations.addItems('c_a', [item('visitor', 3, 'again', 'm2')]),
      // The same client id twice in one turn: the first entry keeps the key.
      s.conversations.addItems('c_c', [item('visitor', 1, 'first', 'k1')]),
      s.conversations.addItems('c_c', [item('visitor', 2, 'second', 'k1')]),
      s.conversations.save({ ...convRecord('c_a', 'v_a', 'waiting', null), agentRead: 2, lastSeq: 3 }),
      s.conversations.save({ ...convRecord('c_b', 'v_b', 'live', null), engaged: true, connectedAt: 7 }),
      // Saved twice in one turn: the second save applies after the first (an ended chat stays ended, receipts
      // never move back).
      s.conversations.save({ ...convRecord('c_a', 'v_a', 'ended', 'chat-ended'), endedAt: 9, agentRead: 1 }),
      s.conversations.setProfile('v_a', { name: 'First' }, 3),
      s.conversations.setProfile('v_b', { name: "Zoë O'Hara" }, 3),
      s.conversations.setProfile('v_a', { name: 'Ann Backslash\\' }, 4),
      s.decisions.callback(5, 'c_a', 'd_1', 'v_a', 'goal', { name: 'first' }),
      s.decisions.callback(5, 'c_b', 'd_1', 'v_b', 'goal', { name: 'other' }),
      s.decisions.callback(5, 'c_a', 'd_1', 'v_a', 'goal', { name: 'second' }),
      s.decisions.logEvent(5, { type: 'tick', n: 1 } as never),
      s.decisions.logEvent(5, { type: 'tick', n: 2 } as never),
    ];
    await Promise.all(writes);
    expect(await s.conversations.get('c_a')).toMatchObject({
      status: 'ended',
      endReason: 'chat-ended',
      endedAt: 9,
      agentRead: 2,
      lastSeq: 3,
    });
    expect(await s.conversations.get('c_b')).toMatchObject({ status: 'live', engaged: true, connectedAt: 7 });
    expect((await s.conversations.items('c_a')).map((i) => i.seq)).toEqual([1, 2, 3]);
    expect((await s.conversations.items('c_c')).map((i) => (i as { text?: string }).text)).toEqual(['first', 'second']);
    expect((await s.conversations.visitor('v_a'))?.profile).toEqual({ name: 'Ann Backslash\\' });
    const found = async (text: string) => (await s.conversations.search({ text, limit: 10 })).rows.map((c) => c.id);
    expect(await found("o'brien")).toEqual(['c_a']);
    expect(await found('민수')).toEqual(['c_b']);
    expect(await found('zoë')).toEqual(['c_b']);
    expect(await found('backslash')).toEqual(['c_a']);
    expect(await found('first')).toEqual(['c_c']);
    expect((await s.decisions.goals('c_a')).map((g) => g.name)).toEqual(['first', 'second']);
    expect((await s.decisions.events(5, 5)).map((e) => (e.event as { n?: number }).n)).toEqual([1, 2]);
    // The keys are stored: an entry another node numbered with a stored client id is known as stored.
    const taken: Array<[number, number][]> = [];
    for (const [id, clientId] of [
      ['c_a', 'm2'],
      ['c_b', 'm1'],
      ['c_c', 'k1'],
    ] as const)
      await s.conversations.addItems(id, [item('visitor', 9, 'resent', clientId)], undefined, (_, t) => {
        taken.push([...t]);
        return { items: [], json: [] };
      });
    expect(taken).toEqual([[[0, 3]], [[0, 1]], [[0, 1]]]);
  });

  it('keeps deliveries to retry: claimed by one at a time under a lease, rescheduled, removed', async () => {
    const s = await open(backend);
    await s.retries.add({ id: 'r1', kind: 'email', payload: '{"to":"a@x.test"}', attempts: 1, nextAt: 100 });
    await s.retries.add({ id: 'r1', kind: 'email', payload: 'again', attempts: 9, nextAt: 1 });
    await s.retries.add({ id: 'r2', kind: 'email', payload: '{}', attempts: 1, nextAt: 200 });
    await s.retries.add({ id: 'p1', kind: 'push', payload: '{}', attempts: 1, nextAt: 50 });
    expect(await s.retries.count('email')).toBe(2);
    // Nothing due yet; then r1 alone; a second claimer meanwhile gets nothing (the lease holds it).
    expect(await s.retries.claim('email', 99, 1000, 10)).toEqual([]);
    const [a, b] = await Promise.all([
      s.retries.claim('email', 150, 1000, 10),
      s.retries.claim('email', 150, 1000, 10),
    ]);
    expect([...a, ...b]).toEqual([{ id: 'r1', kind: 'email', payload: '{"to":"a@x.test"}', attempts: 1, nextAt: 100 }]);
    // Both due later: r2 only (r1 is leased until 1150); past the lease, r1 again (a node that died mid-attempt).
    expect((await s.retries.claim('email', 300, 1000, 10)).map((r) => r.id)).toEqual(['r2']);
    await s.retries.remove('r2');
    expect((await s.retries.claim('email', 1200, 1000, 10)).map((r) => r.id)).toEqual(['r1']);
    await s.retries.reschedule('r1', 2, 5000);
    expect(await s.retries.claim('email', 2300, 1000, 10)).toEqual([]);
    expect(await s.retries.claim('email', 5000, 1000, 10)).toMatchObject([{ id: 'r1', attempts: 2, nextAt: 5000 }]);
    await s.retries.remove('r1');
    expect(await s.retries.count('email')).toBe(0);
    expect((await s.retries.claim('push', 60, 1000, 10)).map((r) => r.id)).toEqual(['p1']);
    await s.close();
  });

  it('keeps missed chats: one row per fallback, messages added, one claimer', async () => {
    const s = await open(backend);
    void s.missed.add({ conversationId: 'c_1', visitorId: 'v_1', at: 10, reason: 'no-eligible-agent' });
    await s.missed.add({ conversationId: 'c_1', visitorId: 'v_1', at: 11, reason: 'queue-timeout' });
    await s.missed.add({ conversationId: 'c_2', visitorId: 'v_2', at: 20, reason: 'outside-hours' });
    expect(await s.missed.leaveMessage('c_1', 'Call me back', 'ada@example.com', 12, 'm1')).toBe(true);
    expect(await s.missed.leaveMessage('c_1', 'About pricing', null, 13, 'm2')).toBe(true);
    expect(await s.missed.leaveMessage('c_9', 'nobody', null, 13, 'm3')).toBe(false);
    expect(await s.missed.get('c_1')).toEqual({
      conversationId: 'c_1',
      visitorId: 'v_1',
      at: 10,
      reason: 'no-eligible-agent',
      message: 'Call me back\n\nAbout pricing',
      email: 'ada@example.com',
      messageAt: 13,
      claimedBy: null,
      claimedAt: null,
      messageIds: ['m1', 'm2'],
      answeredBy: null,
      answeredAt: null,
    });
    expect(await s.missed.claim('c_1', 'u_1', 14)).toBe(true);
    expect(await s.missed.claim('c_1', 'u_1', 15)).toBe(true);
    expect(await s.missed.claim('c_1', 'u_2', 16)).toBe(false);
    expect(await s.missed.claim('c_9', 'u_2', 16)).toBe(false);
    expect(await s.missed.get('c_1')).toMatchObject({ claimedBy: 'u_1', claimedAt: 15 });
    await s.missed.answered('c_1', 'u_1', 17);
    expect(await s.missed.get('c_1')).toMatchObject({ answeredBy: 'u_1', answeredAt: 17 });
    expect(await s.missed.get('c_2')).toMatchObject({ messageIds: [], answeredBy: null, answeredAt: null });
    expect((await s.missed.query({ limit: 10 })).map((m) => m.conversationId)).toEqual(['c_2', 'c_1']);
    expect((await s.missed.query({ claimed: false, limit: 10 })).map((m) => m.conversationId)).toEqual(['c_2']);
    expect((await s.missed.query({ claimed: true, limit: 10 })).map((m) => m.conversationId)).toEqual(['c_1']);
    expect((await s.missed.query({ before: 20, limit: 10 })).map((m) => m.conversationId)).toEqual(['c_1']);
  });

  it("keeps a conversation's visitor context (replaced when the chat is requested) and the goals it reached", async () => {
    const s = await open(backend);
    const started = {
      url: 'https://shop.example/pricing',
      title: 'Pricing',
      referrer: 'https://search.example/?q=shop',
      userAgent: 'Mozilla/5.0 (X11; Linux x86_64) Chrome/120.0.0.0',
      timeZone: 'Asia/Seoul',
      language: 'ko-KR',
      requested: false,
      at: 10,
    };
    await s.visitorContexts.set('c_1', started);
    expect(await s.visitorContexts.get('c_1')).toEqual(started);
    const requested = { ...started, url: 'https://shop.example/checkout', title: null, requested: true, at: 20 };
    await s.visitorContexts.set('c_1', requested);
    expect(await s.visitorContexts.get('c_1')).toEqual(requested);
    expect(await s.visitorContexts.get('c_2')).toBeUndefined();
    void s.decisions.callback(5, 'c_1', 'd_1', 'v_1', 'goal', { name: 'lead', score: 3 });
    void s.decisions.callback(6, 'c_1', 'd_1', 'v_1', 'engaged', {});
    void s.decisions.callback(7, 'c_2', 'd_1', 'v_1', 'goal', { name: 'other', score: 9 });
    await s.decisions.callback(8, 'c_1', 'd_1', 'v_1', 'goal', { name: 'browse' });
    expect(await s.decisions.goals('c_1')).toEqual([
      { name: 'lead', score: 3, at: 5 },
      { name: 'browse', score: 0, at: 8 },
    ]);
  });

  it("keeps canned replies: the workspace's and each agent's own, a limit per owner, edits and removal", async () => {
    const s = await open(backend);
    const w = await s.cannedReplies.create(null, { shortcut: 'hello', body: 'Hi {{firstName|there}}!' }, 2, 1);
    expect(w).toMatchObject({ ownerId: null, shortcut: 'hello', createdAt: 1, updatedAt: 1 });
    await s.cannedReplies.create(null, { shortcut: 'bye', body: 'Bye' }, 2, 2);
    expect(await s.cannedReplies.create(null, { shortcut: 'third', body: 'x' }, 2, 3)).toBe('full');
    const mine = await s.cannedReplies.create('u_1', { shortcut: 'price', body: 'It costs 10' }, 1, 4);
    expect(await s.cannedReplies.create('u_1', { shortcut: 'more', body: 'x' }, 1, 5)).toBe('full');
    await s.cannedReplies.create('u_2', { shortcut: 'theirs', body: 'x' }, 1, 6);
    expect((await s.cannedReplies.list('u_1')).map((r) => r.shortcut)).toEqual(['bye', 'hello', 'price']);
    expect((await s.cannedReplies.list('u_3')).map((r) => r.shortcut)).toEqual(['bye', 'hello']);
    if (mine === 'full' || w === 'full') throw new Error('created');
    expect(await s.cannedReplies.update(mine.id, { shortcut: 'pricing', body: 'It costs 12' }, 7)).toMatchObject({
      id: mine.id,
      ownerId: 'u_1',
      shortcut: 'pricing',
      body: 'It costs 12',
      createdAt: 4,
      updatedAt: 7,
    });
    expect(await s.cannedReplies.update('cr_none', { shortcut: 'x', body: 'x' })).toBeUndefined();
    expect(await s.cannedReplies.get(mine.id)).toMatchObject({ shortcut: 'pricing' });
    expect(await s.cannedReplies.remove(w.id)).toBe(true);
    expect(await s.cannedReplies.remove(w.id)).toBe(false);
    expect(await s.cannedReplies.get(w.id)).toBeUndefined();
    expect((await s.cannedReplies.list('u_1')).map((r) => r.shortcut)).toEqual(['bye', 'pricing']);
  });

  it('keeps Web Push: VAPID keys generated once, subscriptions per agent while their session is signed in', async () => {
    const s = await open(backend);
    const [k1, k2] = await Promise.all([vapidKeys(s), vapidKeys(s)]);
    expect(k1.publicKey).toMatch(/^[\w-]{87}$/);
    expect(k2).toEqual(k1);
    expect(await vapidKeys(s)).toEqual(k1);
    const a = await s.users.create(user('ann@example.com'));
    const b = await s.users.create(user('bob@example.com'));
    const [ta, tb] = [await s.sessions.create(a.id), await s.sessions.create(b.id)];
    const sub = (endpoint: string, userId: string, token: string, createdAt: number) => ({
      endpoint,
      userId,
      p256dh: 'key',
      auth: 'secret',
      lang: 'en',
      sessionHash: hashToken(token),
      createdAt,
    });
    void s.push.save(sub('https://push.example/1', a.id, ta, 1));
    await s.push.save(sub('https://push.example/2', a.id, ta, 2));
    await s.push.save(sub('https://push.example/3', b.id, tb, 3));
    expect((await s.push.ofUser(a.id)).map((p) => p.endpoint)).toEqual([
      'https://push.example/1',
      'https://push.example/2',
    ]);
    // The browser signs in as someone else: its endpoint follows the new session.
    await s.push.save({ ...sub('https://push.example/2', b.id, tb, 4), lang: 'ko' });
    expect(await s.push.ofUser(b.id)).toEqual([
      sub('https://push.example/3', b.id, tb, 3),
      { ...sub('https://push.example/2', b.id, tb, 4), lang: 'ko' },
    ]);
    expect(await s.push.remove('https://push.example/3', a.id)).toBe(false);
    expect(await s.push.remove('https://push.example/3')).toBe(true);
    // A session signed out (or expired) gets no pushes, whether or not its rows were deleted yet.
    await s.sessions.revoke(tb);
    expect(await s.push.ofUser(b.id)).toEqual([]);
    expect(await s.push.ofUser(a.id, Date.now() + 365 * 24 * 3600 * 1000)).toEqual([]);
    expect(await s.push.removeSession(hashToken(ta))).toBe(1);
    expect(await s.push.ofUser(a.id)).toEqual([]);
  });

  it('stores a message once when two nodes store the same client id at the same time (item_keys)', async () => {
    const url = backend === 'postgres' ? await server.createDatabase() : undefined;
    const a = await open(backend, url);
    const b = backend === 'postgres' ? await open(backend, url) : a;
    const rec = {
      id: 'c_k',
      visitorId: 'v_k',
      dialogueId: 'd_1',
      streamId: 's_1',
      version: 1,
      status: 'live' as const,
      engine: { status: 'waiting' },
      agentId: 'u_a',
      routing: null,
      lastSeq: 1,
      engaged: true,
      agentDelivered: 0,
      agentRead: 0,
      visitorDelivered: 0,
      visitorRead: 0,
      startedAt: 1,
      updatedAt: 1,
      connectedAt: null,
      endedAt: null,
      endReason: null,
    } as never;
    void a.conversations.createVisitor('v_k', 1);
    await a.conversations.insert(rec);
    await a.conversations.addItems('c_k', [{ type: 'bot', text: 'hi', seq: 1, at: 1 }] as never[]);
    // Each node numbered the visitor's message 2 from its copy, and it reached both (a retry on another node).
    const takenBy: Array<ReadonlyMap<number, number>> = [];
    const store = (s: Store, text: string) => {
      const list = [{ type: 'visitor', text, clientId: 'm-1', seq: 2, at: 2 }] as unknown as { seq: number }[];
      return s.conversations.addItems('c_k', list as never[], undefined, (shift, taken) => {
        takenBy.push(taken);
        const kept = list.filter((i, n) => {
          if (taken.has(n)) i.seq = taken.get(n)!;
          else i.seq += shift;
          return !taken.has(n);
        });
        return { items: kept as never[], json: kept.map((i) => JSON.stringify(i)) };
      });
    };
    await Promise.all([store(a, 'same'), store(b, 'same')]);
    const items = await a.conversations.items('c_k');
    expect(items.map((i) => [i.seq, i.type])).toEqual([
      [1, 'bot'],
      [2, 'visitor'],
    ]);
    // The node that came second was told the seq the message was stored with.
    expect(takenBy.map((t) => [...t])).toContainEqual([[0, 2]]);
    expect(await b.conversations.seqOfClientId('c_k', 'v', 'm-1')).toBe(2);
    // A later message is numbered after it, without a gap.
    await b.conversations.addItems(
      'c_k',
      [{ type: 'visitor', text: 'next', clientId: 'm-2', seq: 3, at: 3 }] as never[],
      undefined,
      () => expect.fail('not renumbered'),
    );
    expect((await a.conversations.items('c_k')).map((i) => i.seq)).toEqual([1, 2, 3]);
  });

  it("keeps the key of an action without an entry once: a second taking fails its turn's writes with it", async () => {
    const url = backend === 'postgres' ? await server.createDatabase() : undefined;
    const a = await open(backend, url);
    const b = backend === 'postgres' ? await open(backend, url) : a;
    expect(await a.conversations.keyOf('c_t', 'v', 'p-1')).toBeUndefined();
    await a.conversations.addKey('c_t', 'v', 'p-1', 4);
    expect(await b.conversations.keyOf('c_t', 'v', 'p-1')).toBe(4);
    // Another sender's key with the same client id is another key.
    await a.conversations.addKey('c_t', 'step', 'p-1', 5);
    expect(await a.conversations.keyOf('c_t', 'step', 'p-1')).toBe(5);
    // Taken again (another node, past its lock): nothing of that turn is stored.
    const attribute = b.attributes.create({ name: 'twice', label: 'Twice' });
    const again = b.conversations.addKey('c_t', 'v', 'p-1', 6);
    await expect(again).rejects.toThrow();
    await expect(attribute).rejects.toThrow();
    expect(await a.conversations.keyOf('c_t', 'v', 'p-1')).toBe(4);
    expect((await a.attributes.list()).map((x) => x.name)).not.toContain('twice');
  });

  it('keeps routing durable: the journal in order, epochs that only grow, state written only under the current epoch', async () => {
    const s = await open(backend);
    const j = s.routing;
    expect(await j.current('routing')).toBe(0);
    expect(await j.snapshot()).toEqual({ records: [], applied: 0, engagements: 0 });
    const a = await j.append({ type: 'status', agent: 'u_1', status: 'online' }, 10);
    const b = await j.append({ type: 'end', visitor: 'c_1' }, 11);
    expect(b).toBeGreaterThan(a);
    expect(await j.since(a)).toEqual([{ id: b, at: 11, event: { type: 'end', visitor: 'c_1' } }]);
    // The journal is the routing log what-if reads.
    expect((await s.decisions.events(0, 100)).map((e) => e.at)).toEqual([10, 11]);
    const [e1, e2] = [await j.next('routing'), await j.next('routing')];
    expect([e1, e2, await j.current('routing')]).toEqual([1, 2, 2]);
    const record = { visitor: 'c_1', phase: 'offered', offer: { agent: 'u_1', offeredAt: 1, dueAt: 46 } } as never;
    const change = { applied: a, records: [record], decisions: [], engagements: 3 };
    // A superseded owner writes nothing.
    expect(await j.commit(e1, change)).toBe(false);
    expect(await j.snapshot()).toEqual({ records: [], applied: 0, engagements: 0 });
    expect(await j.commit(e2, change)).toBe(true);
    expect(await j.snapshot()).toEqual({ records: [record], applied: a, engagements: 3 });
    // A closed record leaves the state; `applied` never goes back (a timer's step keeps the last input).
    const closed = { visitor: 'c_1', phase: 'closed' } as never;
    expect(await j.commit(e2, { applied: 0, records: [closed], decisions: [], engagements: 4 })).toBe(true);
    expect(await j.snapshot()).toEqual({ records: [], applied: a, engagements: 4 });
  });

  it('acknowledges only what is durable: one transaction a turn, a failing write fails its turn, a group fails alone', async () => {
    const s = await open(backend);
    const seen: string[] = [];
    const a = s.users.create(user('a@x.io'));
    s.commit.after(() => void seen.push('after'));
    await a;
    expect(seen).toEqual(['after']);
    // A group whose second write breaks a constraint: nothing of it is stored, the rest of the turn is.
    const group = s.commit.atomically(() => {
      void s.attributes.create({ name: 'x', label: 'X' });
      void s.users.create(user('a@x.io'));
    });
    const other = s.attributes.create({ name: 'y', label: 'Y' });
    await expect(group).rejects.toThrow();
    await other;
    expect((await s.attributes.list()).map((x) => x.name)).toEqual(['y']);
  });
});

describe('store on postgres: several nodes', () => {
  it('migrates once with five migrators at once, under the advisory lock', async () => {
    const url = await server.createDatabase();
    const pools = Array.from({ length: 5 }, () => new pg.Pool({ connectionString: url, max: 2 }));
    try {
      const applied = await Promise.all(pools.map((p) => migrate(p, PG_MIGRATIONS)));
      expect(applied.flat()).toEqual(PG_MIGRATIONS.map((m) => m.id));
      const { rows } = await pools[0].query('select count(*)::int n from _migrations');
      expect(rows[0].n).toBe(PG_MIGRATIONS.length);
    } finally {
      await Promise.all(pools.map((p) => p.end()));
    }
  });

  it("numbers a turn's conversations' entries together, each after what another node stored", async () => {
    const url = await server.createDatabase();
    const [a, b] = await Promise.all([open('postgres', url), open('postgres', url)]);
    await a.conversations.createVisitor('v_n', 1);
    for (const id of ['c_1', 'c_2', 'c_3']) await a.conversations.insert(convRecord(id, 'v_n', 'live', null));
    // Another node stored two entries in c_1 and the visitor's message m-1 in c_2.
    await b.conversations.addItems('c_1', [
      { type: 'bot', text: 'one', seq: 1, at: 1 },
      { type: 'bot', text: 'two', seq: 2, at: 1 },
    ] as never[]);
    await b.conversations.addItems('c_2', [{ type: 'visitor', text: 'hi', clientId: 'm-1', seq: 1, at: 1 }] as never[]);
    // This node, in one turn, numbers entries of c_1, c_2 and c_3 from its own copies, then c_1's next one.
    const asked: [string, number, number[]][] = [];
    const add = (id: string, drafts: object[]) => {
      const list = drafts.map((d) => ({ at: 2, ...d })) as unknown as { seq: number }[];
      return a.conversations.addItems(id, list as never[], undefined, (shift, taken) => {
        asked.push([id, shift, [...taken.keys()]]);
        let next = list[0].seq + shift;
        const kept = list.filter((item, n) => {
          item.seq = taken.get(n) ?? next++;
          return !taken.has(n);
        });
        return { items: kept as never[], json: kept.map((i) => JSON.stringify(i)) };
      });
    };
    await Promise.all([
      add('c_1', [{ type: 'agent', text: 'three', seq: 1 }]),
      add('c_2', [
        { type: 'visitor', text: 'hi', clientId: 'm-1', seq: 1 },
        { type: 'agent', text: 'hello', seq: 2 },
      ]),
      add('c_3', [{ type: 'agent', text: 'first', seq: 1 }]),
      add('c_1', [{ type: 'agent', text: 'four', seq: 2 }]),
    ]);
    expect(asked).toEqual([
      ['c_1', 2, []],
      ['c_2', 1, [0]],
      ['c_1', 2, []],
    ]);
    const seqs = async (id: string) =>
      (await a.conversations.items(id)).map((i) => [i.seq, 'text' in i ? i.text : undefined]);
    expect(await seqs('c_1')).toEqual([
      [1, 'one'],
      [2, 'two'],
      [3, 'three'],
      [4, 'four'],
    ]);
    expect(await seqs('c_2')).toEqual([
      [1, 'hi'],
      [2, 'hello'],
    ]);
    expect(await seqs('c_3')).toEqual([[1, 'first']]);
  });

  it("reads the replies left without their step in pages past 500, each once, in the ids' order", async () => {
    const s = await open('postgres');
    // Four kinds of conversation, in turn: a reply without its step (left by a dead node); a reply whose step key
    // is stored; a reply the bot answered; a reply to a bot card in a chat that went to a person since.
    const stranded: string[] = [];
    const writes: Promise<void>[] = [];
    await s.conversations.createVisitor('v_s', 1);
    for (let i = 0; i < 2404; i++) {
      const id = `c_${String(i).padStart(5, '0')}`;
      const kind = i % 4;
      const reply = { type: 'visitor', text: 'Yes', clientId: `r_${i}`, cardId: 'ask', seq: 2, at: 1 };
      const items = [{ type: 'bot', cardId: 'ask', text: 'Go on?', seq: 1, at: 1 }, reply];
      if (kind === 2) items.push({ type: 'bot', cardId: 'name', text: 'Your name?', seq: 3, at: 1 });
      const engine = { status: 'waiting', cardId: kind === 2 ? 'name' : 'ask' };
      writes.push(
        s.conversations.insert({ ...convRecord(id, 'v_s', kind === 3 ? 'live' : 'bot', null), engine }),
        s.conversations.addItems(id, items as never[]),
      );
      if (kind === 1) writes.push(s.conversations.addKey(id, 'step', reply.clientId, 2));
      if (kind === 0) stranded.push(id);
    }
    await Promise.all(writes);

    const pages: string[][] = [];
    let after = '';
    for (;;) {
      const page = await s.conversations.repliesWithoutStep(500, after);
      pages.push(page);
      if (page.length < 500) break;
      after = page[page.length - 1];
    }
    expect(pages.map((p) => p.length)).toEqual([500, 101]);
    expect(pages.flat()).toEqual(stranded);
    expect(await s.conversations.repliesWithoutStep(5000)).toEqual(stranded);
    // The last page's end reads nothing more.
    expect(await s.conversations.repliesWithoutStep(500, stranded[stranded.length - 1])).toEqual([]);
  }, 60_000);

  it('runs an exclusive section on one node at a time: four starters seed once', async () => {
    const url = await server.createDatabase();
    const nodes = await Promise.all([1, 2, 3, 4].map(() => open('postgres', url)));
    let seeded = 0;
    await Promise.all(
      nodes.map((s, i) =>
        s.exclusively('seed', async () => {
          if ((await s.users.count()) > 0) return;
          seeded++;
          await s.users.create(user(`admin${i}@x.io`, ['admin']));
        }),
      ),
    );
    expect(seeded).toBe(1);
    expect(await nodes[0].users.count()).toBe(1);
  });

  it("merges a draft's rows once when two nodes compact it at the same time: nothing lost, nothing stored twice", async () => {
    const url = await server.createDatabase();
    const [a, b] = await Promise.all([open('postgres', url), open('postgres', url)]);
    const id = newId('s');
    await a.commit.atomically(() => {
      void a.streams.create('Shared', null, id);
      void a.drafts.create(id, Y.encodeStateAsUpdate(new Y.Doc()));
    });
    // Each node stores what its own editors send (runs of 32 merge into level-1 rows as they fill).
    const edit = (s: Store, who: string, n: number) =>
      Promise.all(
        Array.from({ length: n }, (_, i) => {
          const doc = new Y.Doc();
          doc.getMap('cards').set(`${who}${i}`, i);
          return new Promise<void>((resolve) => s.drafts.append(id, Y.encodeStateAsUpdate(doc), resolve, who));
        }),
      );
    await Promise.all([edit(a, 'a', 70), edit(b, 'b', 70)]);
    await Promise.all([a.commit.settled(), b.commit.settled()]);
    await Promise.all([a.drafts.compact(id), b.drafts.compact(id)]);
    const check = new pg.Pool({ connectionString: url, max: 1 });
    try {
      const { rows } = await check.query(
        `select (select count(*)::int from collab_update where stream_id = $1) merged,
                (select count(*)::int from collab_log where stream_id = $1) logged`,
        [id],
      );
      expect(rows[0]).toEqual({ merged: 1, logged: 0 });
    } finally {
      await check.end();
    }
    const doc = new Y.Doc();
    Y.applyUpdate(doc, (await b.drafts.load(id))!);
    expect(doc.getMap('cards').size).toBe(140);
  });

  it('migrates an old-layout draft once when two nodes open it at the same instant, keeping edits made meanwhile', async () => {
    const url = await server.createDatabase();
    const [a, b] = await Promise.all([open('postgres', url), open('postgres', url)]);
    const layout1 = new Uint8Array(
      readFileSync(new URL('../../../shared/stream/fixtures/draft-layout1.bin', import.meta.url)),
    );
    const old = new Y.Doc();
    Y.applyUpdate(old, layout1);
    const id = newId('s');
    await a.commit.atomically(() => {
      void a.streams.create('Old', null, id);
      void a.drafts.create(id, layout1);
    });
    const edit = new Y.Doc();
    edit.getMap('probe').set('meanwhile', 1);
    const [migratedByA, migratedByB] = await Promise.all([
      createDraftMigrator(a.drafts)(id),
      createDraftMigrator(b.drafts)(id),
      new Promise<void>((resolve) => b.drafts.append(id, Y.encodeStateAsUpdate(edit), resolve)),
    ]);
    expect([migratedByA, migratedByB].filter(Boolean)).toHaveLength(1);
    const doc = new Y.Doc();
    Y.applyUpdate(doc, (await a.drafts.load(id))!);
    expect(layoutOf(doc)).toBe(LAYOUT_VERSION);
    expect(docToStream(doc)).toEqual(docToStream(old));
    expect(doc.getMap('probe').get('meanwhile')).toBe(1);
    // One migration stored: the draft's clients are the old editor's and one migrator's (and the edit's).
    const clients = (update: Uint8Array) => Y.decodeStateVector(Y.encodeStateVectorFromUpdate(update)).size;
    expect(clients((await a.drafts.load(id))!)).toBe(clients(layout1) + 2);
  });

  it('fails with 503 while PostgreSQL is down, acknowledges nothing it lost, and recovers by itself', async () => {
    const s = await open('postgres');
    await s.users.create(user('before@x.io'));
    await server.stop();
    try {
      const read = await s.users.list().catch((e: unknown) => e);
      expect(read).toBeInstanceOf(StoreUnavailableError);
      expect((read as StoreUnavailableError).status).toBe(503);
      let acknowledged = false;
      const write = s.users.create(user('during@x.io')).then(() => (acknowledged = true));
      await expect(write).rejects.toBeInstanceOf(StoreUnavailableError);
      expect(acknowledged).toBe(false);
    } finally {
      await server.start();
    }
    await s.users.create(user('after@x.io'));
    expect((await s.users.list()).map((u) => u.email)).toEqual(['before@x.io', 'after@x.io']);
  });
});

/** A conversation of the search case. */
function searchConv(id: string, visitorId: string, startedAt: number, agentId: string | null) {
  return {
    id,
    visitorId,
    dialogueId: 'd_1',
    streamId: 's_1',
    version: 1,
    status: agentId ? ('ended' as const) : ('bot' as const),
    engine: {},
    agentId,
    routing: null,
    lastSeq: 0,
    engaged: true,
    agentDelivered: 0,
    agentRead: 0,
    visitorDelivered: 0,
    visitorRead: 0,
    startedAt,
    updatedAt: startedAt,
    connectedAt: null,
    endedAt: agentId ? startedAt + 1 : null,
    endReason: agentId ? 'completed' : null,
  };
}
