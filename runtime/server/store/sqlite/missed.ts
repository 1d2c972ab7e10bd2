import type { Database } from 'better-sqlite3';
import { ANSWERED, APPEND_MESSAGE, appendParams, missedWhere, toMissed, type MissedChats } from '../missed.ts';
import type { SqliteCommit } from './commit.ts';

export function sqliteMissed(db: Database, commit: SqliteCommit): MissedChats {
  return {
    add(m) {
      return commit.queue(() => {
        db.prepare(
          'insert into missed_chats (conversation_id, visitor_id, at, reason) values (?, ?, ?, ?) on conflict do nothing',
        ).run(m.conversationId, m.visitorId, m.at, m.reason);
      });
    },
    leaveMessage(id, text, email, at, clientId) {
      return commit.queue(
        () => db.prepare(APPEND_MESSAGE).run(...appendParams(id, text, email, at, clientId)).changes > 0,
      );
    },
    answered(id, agentId, at) {
      return commit.queue(() => {
        db.prepare(ANSWERED).run(agentId, at, id);
      });
    },
    claim(id, agentId, at) {
      return commit.queue(
        () =>
          db
            .prepare(
              'update missed_chats set claimed_by = ?, claimed_at = ? where conversation_id = ? and (claimed_by is null or claimed_by = ?)',
            )
            .run(agentId, at, id, agentId).changes > 0,
        true,
      );
    },
    async get(id) {
      const r = db.prepare('select * from missed_chats where conversation_id = ?').get(id);
      return r ? toMissed(r) : undefined;
    },
    async query(q) {
      const { where, values } = missedWhere(q);
      return db
        .prepare(`select * from missed_chats ${where} order by at desc limit ?`)
        .all(...values, q.limit)
        .map(toMissed);
    },
  };
}
