import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TestPostgres } from '../../../../testing/postgres.ts';
import { openStore } from '../open.ts';
import { searchTerms } from '../search.ts';
import type { Store } from '../store.ts';
import { pgTermStats } from './termStats.ts';
import { testConversation } from '../test/conversation.ts';

let server: TestPostgres;
const dirs: string[] = [];
beforeAll(async () => {
  server = await TestPostgres.start({ fsync: false });
}, 60_000);
afterAll(async () => {
  await server?.destroy();
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

const NAMES = ['ann', 'bo', 'cy', 'di', 'ed'];

/** 400 conversations, a visitor each: a name of five, a word of the transcript of 40 (`w0` in every tenth). */
async function filled(store: Store) {
  await store.commit.atomically(() => {
    for (let i = 0; i < 400; i++) {
      const id = `c_${i}`;
      void store.conversations.createVisitor(`v_${i}`, 1);
      void store.conversations.setProfile(`v_${i}`, { firstName: `${NAMES[i % 5]} lee${i}` }, 1);
      void store.conversations.insert(testConversation(id, `v_${i}`, i));
      void store.conversations.addItems(id, [
        { type: 'visitor', text: `hello w${i % 40} 서울`, clientId: 'k', seq: 1, at: 1 },
      ] as never[]);
    }
  });
}

describe('term frequencies from PostgreSQL statistics', () => {
  it('estimates a term as the planner does, and the search finds the same conversations with them', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tributary-stats-'));
    dirs.push(dir);
    const url = await server.createDatabase();
    const store = await openStore({ dataDir: dir, databaseUrl: url }, () => undefined);
    const pool = new pg.Pool({ connectionString: url, max: 1 });
    try {
      await filled(store);
      // Not analyzed yet: no statistics, the planner is asked.
      const texts = ['ann', 'w1', 'lee1', 'lee', '서', 'ann w3', 'bo w0', 'zzz', 'hello ann lee12'];
      const ids = async (text: string) => (await store.conversations.search({ text, limit: 30 })).rows.map((c) => c.id);
      const before = await Promise.all(texts.map(ids));
      expect(await pgTermStats(pool).estimate(searchTerms('ann'), 5000)).toBeNull();

      await pool.query('analyze visitors, item_rows');
      const planner = async (table: string, tsquery: string) => {
        const { rows } = await pool.query(`explain (format json) select 1 from ${table} where search @@ $1::tsquery`, [
          tsquery,
        ]);
        return rows[0]['QUERY PLAN'][0].Plan['Plan Rows'] as number;
      };
      const stats = pgTermStats(pool);
      for (const [word, prefix] of [
        ['ann', false],
        ['ann', true],
        ['lee1', true],
        ['lee', true],
        ['w0', false],
        ['hello', false],
        ['서', true],
        ['zzz', false],
      ] as const) {
        const [est] = (await stats.estimate([{ word, prefix }], 5000))!;
        const q = `'${word}'${prefix ? ':*' : ''}`;
        for (const [n, table] of [
          [est.profiles, 'visitors'],
          [est.transcripts, 'item_rows'],
        ] as const) {
          const p = await planner(table, q);
          expect(Math.abs(n - p), `${q} on ${table}: ${n} estimated, the planner ${p}`).toBeLessThanOrEqual(
            Math.max(2, p * 0.05),
          );
        }
      }
      // The store now estimates from the statistics (another plan may be chosen): the same answers.
      const after = [];
      for (const t of texts) after.push(await ids(t));
      expect(after).toEqual(before);
      expect(before.map((r) => r.length)).toEqual([30, 30, 30, 30, 30, 20, 0, 0, 2]);
    } finally {
      await pool.end();
      await store.close();
    }
  });
});
