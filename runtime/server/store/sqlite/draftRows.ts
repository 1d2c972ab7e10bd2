import type { Database } from 'better-sqlite3';
import { replaced, RowsTaken, type DraftRow, type DraftRows } from '../draftRows.ts';
import type { SqliteCommit } from './commit.ts';

export function sqliteDraftRows(db: Database, commit: SqliteCommit): DraftRows {
  const log = db.prepare<[string, Uint8Array]>('INSERT INTO collab_log (stream_id, data) VALUES (?, ?)');
  const logged = db.prepare<[string], DraftRow>('SELECT id, data FROM collab_log WHERE stream_id = ? ORDER BY id');
  const insert = db.prepare<[string, number, Uint8Array]>(
    'INSERT INTO collab_update (stream_id, level, data) VALUES (?, ?, ?)',
  );
  const merged = db.prepare<[string], DraftRow>('SELECT id, data FROM collab_update WHERE stream_id = ? ORDER BY id');
  const atLevel = db.prepare<[string, number], DraftRow>(
    'SELECT id, data FROM collab_update WHERE stream_id = ? AND level = ? ORDER BY id',
  );
  const countAtLevel = db.prepare<[string, number], { n: number }>(
    'SELECT count(*) n FROM collab_update WHERE stream_id = ? AND level = ?',
  );
  // The ids come first so that SQLite looks rows up by primary key (the log has no stream index).
  const unlog = db.prepare<[string, string]>(
    'DELETE FROM collab_log WHERE id IN (SELECT value FROM json_each(?)) AND stream_id = ?',
  );
  const unmerge = db.prepare<[string, string]>(
    'DELETE FROM collab_update WHERE id IN (SELECT value FROM json_each(?)) AND stream_id = ?',
  );
  const anyMerged = db.prepare<[string], { id: number }>('SELECT id FROM collab_update WHERE stream_id = ? LIMIT 1');
  const anyLogged = db.prepare<[string], { id: number }>('SELECT id FROM collab_log WHERE stream_id = ? LIMIT 1');
  const exists = (streamId: string) => anyMerged.get(streamId) !== undefined || anyLogged.get(streamId) !== undefined;
  return {
    log(streamId, data, done) {
      commit.write(() => Number(log.run(streamId, data).lastInsertRowid), done);
    },
    create(streamId, level, data) {
      return commit.queue(() => {
        if (exists(streamId)) throw new Error(`drafts.create(${streamId}): the stream already has a draft`);
        insert.run(streamId, level, data);
      }, true);
    },
    replace(streamId, remove, level, data) {
      const mergedIds = JSON.stringify(remove.merged);
      const loggedIds = JSON.stringify(remove.logged);
      return replaced(
        commit.queue(() => {
          if (remove.merged.length && unmerge.run(mergedIds, streamId).changes !== remove.merged.length)
            throw new RowsTaken();
          if (remove.logged.length && unlog.run(loggedIds, streamId).changes !== remove.logged.length)
            throw new RowsTaken();
          insert.run(streamId, level, data);
        }, true),
      );
    },
    remove(streamId) {
      return commit.queue(() => {
        db.prepare('DELETE FROM collab_update WHERE stream_id = ?').run(streamId);
        db.prepare('DELETE FROM collab_log WHERE stream_id = ?').run(streamId);
      }, true);
    },
    async all(streamId) {
      return { merged: merged.all(streamId), logged: logged.all(streamId) };
    },
    async atLevel(streamId, level) {
      return atLevel.all(streamId, level);
    },
    async countAtLevel(streamId, level) {
      return countAtLevel.get(streamId, level)!.n;
    },
    async counts(streamId, belowLevel) {
      const r = db
        .prepare(
          `SELECT (SELECT count(*) FROM collab_update WHERE stream_id = ? AND level < ?) merged,
                  (SELECT count(*) FROM collab_log WHERE stream_id = ?) logged`,
        )
        .get(streamId, belowLevel, streamId) as { merged: number; logged: number };
      return r;
    },
    async exists(streamId) {
      return exists(streamId);
    },
  };
}
