import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { scaleOutConfig } from './scaleOutConfig.ts';

describe('scale-out configuration', () => {
  it('is one process without REDIS_URL, a node with REDIS_URL and DATABASE_URL, and refuses REDIS_URL alone', () => {
    expect(scaleOutConfig({})).toEqual({ ok: true });
    expect(scaleOutConfig({ REDIS_URL: ' ' })).toEqual({ ok: true });
    expect(scaleOutConfig({ REDIS_URL: 'redis://127.0.0.1:6379', DATABASE_URL: 'postgres://x@h/db' })).toEqual({
      ok: true,
      redisUrl: 'redis://127.0.0.1:6379',
    });
    expect(scaleOutConfig({ REDIS_URL: 'redis://127.0.0.1:6379' })).toMatchObject({
      ok: false,
      error: expect.stringMatching(/^REDIS_URL needs DATABASE_URL/),
    });
    const node = { REDIS_URL: 'redis://127.0.0.1:6379', DATABASE_URL: 'postgres://x@h/db' };
    expect(scaleOutConfig({ ...node, TRIBUTARY_NODE_TTL_MS: '9000' })).toMatchObject({ ok: true, ttlMs: 9000 });
    for (const bad of ['3s', '100', '2.5', '9999999'])
      expect(scaleOutConfig({ ...node, TRIBUTARY_NODE_TTL_MS: bad })).toMatchObject({
        ok: false,
        error: expect.stringMatching(/^TRIBUTARY_NODE_TTL_MS must be/),
      });
  });

  it('makes `npm start` exit with one line on stderr, before anything starts', () => {
    const repo = resolve(import.meta.dirname, '../../..');
    const r = spawnSync(process.execPath, ['--import', 'tsx', 'runtime/server/main.ts'], {
      cwd: repo,
      env: { ...process.env, REDIS_URL: 'redis://127.0.0.1:1', DATABASE_URL: '', PORT: '0', DATA_DIR: '/nonexistent' },
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(r.status).toBe(2);
    expect(r.stderr.trim().split('\n')).toEqual([expect.stringMatching(/^REDIS_URL needs DATABASE_URL/)]);
    expect(r.stdout).toBe('');
  });
});
