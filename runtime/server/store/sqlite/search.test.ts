import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { openStore } from '../open.ts';
import { testConversation } from '../test/conversation.ts';
import { sqliteTextIndex } from './search.ts';

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

describe('the SQLite text index of the search plan', () => {
  it('counts a prefix term on both sides even when the whole word alone reaches the cap', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tributary-search-'));
    dirs.push(dir);
    const s = await openStore({ dataDir: dir }, () => undefined);
    await s.commit.atomically(() => {
      void s.conversations.createVisitor('v_1', 1);
      void s.conversations.setProfile('v_1', { firstName: 'Adams' }, 1);
      void s.conversations.createVisitor('v_2', 1);
      void s.conversations.setProfile('v_2', { firstName: 'Bo' }, 1);
      for (const [id, visitorId, startedAt] of [
        ['c_1', 'v_1', 100],
        ['c_2', 'v_2', 200],
        ['c_3', 'v_2', 300],
      ] as const)
        void s.conversations.insert(testConversation(id, visitorId, startedAt));
      for (const id of ['c_2', 'c_3'])
        void s.conversations.addItems(id, [{ type: 'visitor', text: 'ada', clientId: 'k', seq: 1, at: 1 }] as never[]);
    });
    // Transcript rows get their index entries a few turns after they are stored (itemIndex.ts); a search through
    // the store writes what is pending before it reads, this second connection does not.
    await s.conversations.search({ text: 'ada', limit: 1 });
    const db = new Database(join(dir, 'tributary.db'), { readonly: true });
    const index = sqliteTextIndex(db);
    // `ada` as a whole word is in two transcript rows (the cap, 2, is reached by them) and in no profile, but as a
    // prefix it is in one (`adams`). A side is counted 0 only when no row of it holds the term: it is not read then.
    expect(await index.counts([{ word: 'ada', prefix: true }], 2)).toEqual([{ profiles: 1, transcripts: 2 }]);
    expect(await index.counts([{ word: 'adams', prefix: false }], 2)).toEqual([{ profiles: 1, transcripts: 0 }]);
    expect(await index.counts([{ word: 'bo', prefix: true }], 2)).toEqual([{ profiles: 1, transcripts: 0 }]);
    // Both sides checked where both may hold the term; neither where its counts say it is nowhere.
    expect(index.holds({ word: 'ada', prefix: true }, { profiles: 1, transcripts: 2 }).values).toEqual(['ada', 'ada']);
    expect(index.holds({ word: 'bo', prefix: true }, { profiles: 1, transcripts: 0 }).values).toEqual(['bo']);
    const ids = async (text: string) => (await s.conversations.search({ text, limit: 10 })).rows.map((c) => c.id);
    expect([await ids('ada'), await ids('adams'), await ids('bo ada'), await ids('ada bo')]).toEqual([
      ['c_3', 'c_2', 'c_1'],
      ['c_1'],
      ['c_3', 'c_2'],
      ['c_3', 'c_2'],
    ]);
    db.close();
    await s.close();
  });
});
