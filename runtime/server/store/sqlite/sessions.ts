import type { Database } from 'better-sqlite3';
import { SESSION_TTL_MS, hashToken, impossibleToken, newToken, type Sessions } from '../sessions.ts';
import type { SqliteCommit } from './commit.ts';

export function sqliteSessions(db: Database, commit: SqliteCommit): Sessions {
  const insert = db.prepare('insert into sessions (token_hash, user_id, created_at, expires_at) values (?, ?, ?, ?)');
  const find = db.prepare<[string, number], { user_id: string }>(
    'select user_id from sessions where token_hash = ? and expires_at > ?',
  );
  return {
    create(userId, now = Date.now()) {
      const token = newToken();
      return commit.queue(() => (insert.run(hashToken(token), userId, now, now + SESSION_TTL_MS), token), true);
    },
    async userId(token, now = Date.now()) {
      if (impossibleToken(token)) return undefined;
      return find.get(hashToken(token), now)?.user_id;
    },
    revoke(token) {
      return commit.queue(() => void db.prepare('delete from sessions where token_hash = ?').run(hashToken(token)));
    },
    revokeUser(userId, keep) {
      const kept = keep && hashToken(keep);
      return commit.queue(() => {
        if (kept) db.prepare('delete from sessions where user_id = ? and token_hash <> ?').run(userId, kept);
        else db.prepare('delete from sessions where user_id = ?').run(userId);
      });
    },
    purgeExpired(now = Date.now()) {
      return commit.queue(() => db.prepare('delete from sessions where expires_at <= ?').run(now).changes);
    },
  };
}
