import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { TestServer } from '../../runtime/server/testkit.ts';

/**
 * One HTTP request per route of docs/openapi.yaml, with a body a permitted caller would send, so that the role is
 * the only thing that decides the answer. `prepare` makes what the request needs with the admin's token, fresh for
 * every cell, so a delete in one cell never changes another.
 */
export interface RouteCase {
  method: string;
  path: string;
  prepare?: (f: Fixtures) => Promise<Record<string, string>>;
  body?: (ids: Record<string, string>) => unknown;
  /** A raw body instead of JSON (the avatar upload). */
  raw?: { type: string; data: Buffer };
  /** The caller's own fresh token (for sign-out, which revokes it). */
  ownToken?: boolean;
}

export const DEMO_STREAM = JSON.parse(readFileSync(resolve(import.meta.dirname, '../../examples/demo.json'), 'utf8'));

/** The smallest valid PNG: one transparent pixel. */
export const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
  'base64',
);

let serial = 0;
const unique = () => `${process.pid}x${++serial}`;

/** Makes fresh resources with the admin's token. */
export class Fixtures {
  constructor(
    readonly s: TestServer,
    readonly admin: string,
  ) {}

  private async made(method: string, path: string, body: unknown, want = 201): Promise<any> {
    const r = await this.s.api(method, path, { token: this.admin, body });
    if (r.status !== want) throw new Error(`${method} ${path}: ${r.status} ${JSON.stringify(r.body)}`);
    return r.body;
  }

  async stream(): Promise<string> {
    return (await this.made('POST', '/api/streams', { ...DEMO_STREAM, name: `Matrix ${unique()}` })).id;
  }

  async published(): Promise<string> {
    const id = await this.stream();
    await this.made('POST', `/api/streams/${id}/publish`, {});
    return id;
  }

  async dialogue(): Promise<string> {
    const streamId = await this.published();
    return (
      await this.made('POST', '/api/dialogues', {
        name: `D ${unique()}`,
        streamId,
        include: [`/matrix-${unique()}`],
        priority: 9,
      })
    ).id;
  }

  async team(): Promise<string> {
    return (await this.made('POST', '/api/teams', { name: `Team ${unique()}`, members: [] })).id;
  }

  async user(): Promise<string> {
    const u = unique();
    return (
      await this.made('POST', '/api/users', {
        email: `u${u}@e2e.test`,
        name: `User ${u}`,
        password: 'e2e-password-1',
        roles: ['marketer'],
      })
    ).id;
  }

  /** The admin's own id, after giving the admin an avatar. */
  async userWithAvatar(): Promise<string> {
    const r = await this.s.api('PUT', '/api/me/avatar', {
      token: this.admin,
      raw: PNG,
      headers: { 'content-type': 'image/png' },
    });
    if (r.status >= 300) throw new Error(`avatar: ${r.status} ${JSON.stringify(r.body)}`);
    return (await this.s.api('GET', '/api/me', { token: this.admin })).body.id;
  }

  async attribute(): Promise<string> {
    return (await this.made('POST', '/api/attributes', { name: `attr_${unique()}` })).name;
  }
}

const stream = async (f: Fixtures) => ({ id: await f.stream() });
const published = async (f: Fixtures) => ({ id: await f.published() });

export const ROUTE_CASES: RouteCase[] = [
  { method: 'GET', path: '/healthz' },
  { method: 'GET', path: '/metrics' },
  { method: 'POST', path: '/api/session', body: () => ({ email: 'marketer@demo.test', password: 'tributary-demo' }) },
  { method: 'DELETE', path: '/api/session', ownToken: true },
  { method: 'GET', path: '/api/me' },
  { method: 'PATCH', path: '/api/me', body: () => ({ name: 'Renamed' }), ownToken: true },
  { method: 'PUT', path: '/api/me/avatar', raw: { type: 'image/png', data: PNG } },
  { method: 'DELETE', path: '/api/me/avatar' },
  { method: 'GET', path: '/api/users/{id}/avatar', prepare: async (f) => ({ id: await f.userWithAvatar() }) },
  { method: 'GET', path: '/api/users' },
  {
    method: 'POST',
    path: '/api/users',
    body: () => ({ email: `n${unique()}@e2e.test`, name: 'New', password: 'e2e-password-1', roles: ['agent'] }),
  },
  { method: 'GET', path: '/api/users/{id}', prepare: async (f) => ({ id: await f.user() }) },
  {
    method: 'PATCH',
    path: '/api/users/{id}',
    prepare: async (f) => ({ id: await f.user() }),
    body: () => ({ name: 'Patched' }),
  },
  { method: 'DELETE', path: '/api/users/{id}', prepare: async (f) => ({ id: await f.user() }) },
  { method: 'GET', path: '/api/agents' },
  { method: 'GET', path: '/api/teams' },
  { method: 'POST', path: '/api/teams', body: () => ({ name: `Team ${unique()}`, members: [] }) },
  {
    method: 'PATCH',
    path: '/api/teams/{id}',
    prepare: async (f) => ({ id: await f.team() }),
    body: () => ({ name: `Renamed ${unique()}` }),
  },
  { method: 'DELETE', path: '/api/teams/{id}', prepare: async (f) => ({ id: await f.team() }) },
  { method: 'GET', path: '/api/settings' },
  { method: 'PATCH', path: '/api/settings', body: () => ({ acceptTimeoutSec: 45 }) },
  { method: 'GET', path: '/api/rules' },
  { method: 'PUT', path: '/api/rules', body: () => [] },
  { method: 'GET', path: '/api/attributes' },
  { method: 'POST', path: '/api/attributes', body: () => ({ name: `attr_${unique()}` }) },
  { method: 'DELETE', path: '/api/attributes/{id}', prepare: async (f) => ({ id: await f.attribute() }) },
  { method: 'GET', path: '/api/streams' },
  { method: 'POST', path: '/api/streams', body: () => ({ ...DEMO_STREAM, name: `New ${unique()}` }) },
  { method: 'GET', path: '/api/streams/{id}', prepare: stream },
  { method: 'PATCH', path: '/api/streams/{id}', prepare: stream, body: () => ({ name: `Renamed ${unique()}` }) },
  { method: 'DELETE', path: '/api/streams/{id}', prepare: stream },
  { method: 'POST', path: '/api/streams/{id}/duplicate', prepare: stream, body: () => ({}) },
  { method: 'GET', path: '/api/streams/{id}/export', prepare: stream },
  { method: 'GET', path: '/api/streams/{id}/lint-context', prepare: stream },
  { method: 'POST', path: '/api/streams/{id}/publish', prepare: stream, body: () => ({}) },
  { method: 'GET', path: '/api/streams/{id}/versions', prepare: published },
  { method: 'GET', path: '/api/streams/{id}/versions/1', prepare: published },
  { method: 'POST', path: '/api/streams/{id}/rollback', prepare: published, body: () => ({ version: 1 }) },
  { method: 'GET', path: '/api/dialogues' },
  {
    method: 'POST',
    path: '/api/dialogues',
    prepare: published,
    body: (ids) => ({ name: `D ${unique()}`, streamId: ids.id, include: [`/new-${unique()}`], priority: 9 }),
  },
  { method: 'GET', path: '/api/dialogues/{id}', prepare: async (f) => ({ id: await f.dialogue() }) },
  {
    method: 'PATCH',
    path: '/api/dialogues/{id}',
    prepare: async (f) => ({ id: await f.dialogue() }),
    body: () => ({ priority: 8 }),
  },
  { method: 'DELETE', path: '/api/dialogues/{id}', prepare: async (f) => ({ id: await f.dialogue() }) },
  { method: 'POST', path: '/api/widget/resolve', body: () => ({ workspace: 'demo', url: 'http://localhost/demo' }) },
  { method: 'GET', path: '/api/routing/decisions' },
  { method: 'POST', path: '/api/routing/what-if', body: () => ({}) },
  { method: 'GET', path: '/api/conversations' },
];

/** Fills `{id}` in a path. */
export const fill = (path: string, ids: Record<string, string>) =>
  path.replace('{id}', encodeURIComponent(ids.id ?? ''));
