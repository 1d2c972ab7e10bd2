import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { testConversation } from '../test/conversation.ts';
import { openSqliteStore } from './store.ts';

const conv = (id: string) => testConversation(id, 'v_1', 1, { status: 'bot' });
const said = (text: string, seq: number) => [{ type: 'visitor', text, clientId: `k${seq}`, seq, at: seq }] as never[];

describe('transcript index written after its rows', () => {
  const dirs: string[] = [];
  afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));
  const dir = () => {
    const d = mkdtempSync(join(tmpdir(), 'tributary-itemindex-'));
    dirs.push(d);
    return d;
  };
  const found = async (s: ReturnType<typeof openSqliteStore>, text: string) =>
    (await s.conversations.search({ text, limit: 10 })).rows.map((c) => c.id);
  const entries = (s: ReturnType<typeof openSqliteStore>) =>
    s.db.prepare('select count(*) from item_search_docsize').pluck().get();

  it('leaves the entry out of the turn that stores the row, and a search right after it still finds the row', async () => {
    const s = openSqliteStore(dir(), () => undefined);
    void s.conversations.createVisitor('v_1', 1);
    void s.conversations.insert(conv('c_1'));
    await s.conversations.addItems('c_1', said('refund please', 1));
    // Stored and acknowledged; its words wait for a later turn.
    expect(entries(s)).toBe(0);
    expect(await found(s, 'refund')).toEqual(['c_1']);
    expect(entries(s)).toBe(1);
    await s.close();
  });

  it('writes pending entries on its own a moment later, and those a crash lost when the store opens', async () => {
    const d = dir();
    const s = openSqliteStore(d, () => undefined);
    void s.conversations.createVisitor('v_1', 1);
    void s.conversations.insert(conv('c_1'));
    await s.conversations.addItems('c_1', said('invoice', 1));
    await new Promise((r) => setTimeout(r, 400));
    await s.commit.settled();
    expect(entries(s)).toBe(1);
    // As a process killed before the index write leaves it: the row stored, its entry not.
    await s.conversations.addItems('c_1', said('parcel', 2));
    await new Promise((r) => setTimeout(r, 400));
    await s.commit.settled();
    s.db.exec('delete from item_search where rowid = (select max(id) from item_rows)');
    expect(entries(s)).toBe(1);
    await s.close();
    const again = openSqliteStore(d, () => undefined);
    expect(entries(again)).toBe(2);
    expect(await found(again, 'parcel')).toEqual(['c_1']);
    expect(await found(again, 'invoice')).toEqual(['c_1']);
    await again.close();
  });
});
