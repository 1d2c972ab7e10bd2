import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { testConversation } from '../test/conversation.ts';
import { openSqliteStore } from './store.ts';

/** The names of the tables and indexes whose pages the WAL holds (frames from the start of the file). */
function walPages(db: ReturnType<typeof openSqliteStore>['db']): string[] {
  const wal = readFileSync(`${db.name}-wal`);
  const size = db.pragma('page_size', { simple: true }) as number;
  const names = new Map(
    (db.prepare('select pageno, name from dbstat').all() as { pageno: number; name: string }[]).map((r) => [
      r.pageno,
      r.name,
    ]),
  );
  const out: string[] = [];
  for (let at = 32; at + 24 + size <= wal.length; at += 24 + size) out.push(names.get(wal.readUInt32BE(at)) ?? '?');
  return out;
}

describe('saving a conversation record on SQLite', () => {
  it("rewrites the status and agent indexes' entries only when the status or the agent changed", async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tributary-save-'));
    const s = openSqliteStore(dir, () => undefined);
    try {
      const c = testConversation('c_1', 'v_1', 1, { status: 'bot' });
      void s.conversations.createVisitor('v_1', 1);
      await s.conversations.insert(c);
      const saved = async (change: Partial<typeof c>) => {
        s.db.pragma('wal_checkpoint(TRUNCATE)');
        Object.assign(c, change);
        await s.conversations.save(c);
        return walPages(s.db);
      };
      const engineOnly = await saved({ engine: { cardId: 'next' }, updatedAt: 2 });
      expect(engineOnly).toContain('conversations');
      expect(engineOnly).not.toContain('conversations_open');
      expect(engineOnly).not.toContain('conversations_agent');
      const taken = await saved({ status: 'live', agentId: 'u_1', updatedAt: 3 });
      expect(taken).toEqual(expect.arrayContaining(['conversations_open', 'conversations_agent']));
      expect(await s.conversations.get('c_1')).toMatchObject({
        status: 'live',
        agentId: 'u_1',
        engine: { cardId: 'next' },
      });
      await saved({ status: 'ended', endedAt: 4, endReason: 'visitor', updatedAt: 4 });
      // An ended conversation stays ended, whatever an older copy saves.
      await saved({ status: 'live', updatedAt: 5 });
      expect(await s.conversations.get('c_1')).toMatchObject({ status: 'ended', endReason: 'visitor' });
    } finally {
      await s.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
