import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TestPostgres } from '../../../testing/postgres.ts';
import { openStore } from './open.ts';
import { corpus, fillPostgres, fillSqlite } from './searchCorpus.ts';
import type { Store } from './store.ts';

/**
 * Search over 100,000 stored conversations: the rows are written in bulk, the search migration
 * backfills their index, and the answers are those of the data (docs/search.md). Timing is the benchmark's
 * (`npm run bench -- search`), not this test's.
 */
const N = 100_000;
/**
 * One backend per run, as the server suites choose theirs: SQLite in `npm test`, PostgreSQL in the second CI pass
 * (`TRIBUTARY_TEST_STORE=postgres`), so each fill of 100,000 conversations is done once per CI run.
 */
const BACKEND = process.env.TRIBUTARY_TEST_STORE === 'postgres' ? 'postgres' : 'sqlite';
let server: TestPostgres | undefined;
const dirs: string[] = [];
const stores: Store[] = [];

beforeAll(async () => {
  if (BACKEND === 'postgres') server = await TestPostgres.start({ fsync: false });
}, 60_000);
afterAll(async () => {
  for (const s of stores) await s.close().catch(() => undefined);
  await server?.destroy();
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

async function filled(backend: 'sqlite' | 'postgres'): Promise<Store> {
  const dir = mkdtempSync(join(tmpdir(), 'tributary-search-'));
  dirs.push(dir);
  let databaseUrl: string | undefined;
  if (backend === 'sqlite') fillSqlite(dir, N);
  else await fillPostgres((databaseUrl = await server!.createDatabase()), N);
  const s = await openStore({ dataDir: dir, databaseUrl }, () => undefined);
  stores.push(s);
  return s;
}

describe.each([BACKEND] as const)('search over 100,000 conversations on %s', (backend) => {
  it('finds a person by email or name, pages through common words without repeats, and narrows by filters', async () => {
    const s = await filled(backend);
    const search = (text: string, more = {}) => s.conversations.search({ text, limit: 50, ...more });
    // One person by their email; by their full name, every conversation of that name (one in 40,000 each).
    const p = corpus.person(77_777);
    expect((await search(p.email)).rows.map((c) => c.id)).toEqual([corpus.id(77_777)]);
    const named = (await search(`${p.first} ${p.last}`)).rows.map((c) => c.id);
    expect(named).toEqual([corpus.id(77_777), corpus.id(37_777)]);
    // A word of many conversations: pages newest first, no conversation twice, each holding the word.
    const seen = new Set<string>();
    let cursor: string | undefined;
    let last = Infinity;
    for (let page = 0; page < 5; page++) {
      const r = await search(corpus.word(0), { cursor });
      expect(r.rows).toHaveLength(50);
      for (const c of r.rows) {
        expect(seen.has(c.id)).toBe(false);
        expect(c.startedAt).toBeLessThan(last);
        seen.add(c.id);
        last = c.startedAt;
      }
      cursor = r.next ?? undefined;
    }
    const sample = await s.conversations.items([...seen][123]);
    expect(sample.map((i) => ('text' in i ? i.text : '')).join(' ')).toContain(corpus.word(0));
    // A part of a Korean word finds what the word finds (`울` is only in `서울` here).
    expect(corpus.word(0)).toBe('서울');
    expect((await search('울')).rows.map((c) => c.id)).toEqual((await search('서울')).rows.map((c) => c.id));
    // Two frequent words: every conversation of the page holds both.
    const both = await search(`${corpus.word(1)} ${corpus.word(2)}`);
    expect(both.rows).toHaveLength(50);
    for (const c of both.rows.slice(0, 10)) {
      const text = (await s.conversations.items(c.id)).map((i) => ('text' in i ? i.text : '')).join(' ');
      expect([text.includes(corpus.word(1)), text.includes(corpus.word(2))]).toEqual([true, true]);
    }
    // A prefix and filters together.
    const narrowed = await search(p.last.slice(0, 4), { agentId: 'u_7', streamId: 's_1' });
    expect(narrowed.rows.length).toBeGreaterThan(0);
    for (const c of narrowed.rows) expect([c.agentId, c.streamId]).toEqual(['u_7', 's_1']);
    // A word nobody wrote, and the whole list (no words) a page at a time.
    expect((await search('zzzzzz')).rows).toEqual([]);
    const newest = await search('"*"');
    expect(newest.rows[0].id).toBe(corpus.id(N - 1));
    expect(newest.next).not.toBeNull();
  }, 300_000);
});
