import type { Database } from 'better-sqlite3';
import { newId } from '../ids.ts';
import { INSERT_REPLY, LIST_REPLIES, UPDATE_REPLY, toCannedReply, type CannedReplies } from '../cannedReplies.ts';
import type { SqliteCommit } from './commit.ts';

export function sqliteCannedReplies(db: Database, commit: SqliteCommit): CannedReplies {
  const byId = db.prepare('select * from canned_replies where id = ?');
  return {
    async list(userId) {
      return db.prepare(LIST_REPLIES).all(userId).map(toCannedReply);
    },
    async get(id) {
      const r = byId.get(id);
      return r ? toCannedReply(r) : undefined;
    },
    create(ownerId, input, max, now = Date.now()) {
      const id = newId('cr');
      return commit.queue(() => {
        const { changes } = db
          .prepare(INSERT_REPLY)
          .run(id, ownerId, input.shortcut, input.body, now, now, ownerId, max);
        return changes ? toCannedReply(byId.get(id)) : 'full';
      }, true);
    },
    update(id, input, now = Date.now()) {
      return commit.queue(() => {
        db.prepare(UPDATE_REPLY).run(input.shortcut, input.body, now, id);
        const r = byId.get(id);
        return r ? toCannedReply(r) : undefined;
      }, true);
    },
    remove(id) {
      return commit.queue(() => db.prepare('delete from canned_replies where id = ?').run(id).changes > 0, true);
    },
  };
}
