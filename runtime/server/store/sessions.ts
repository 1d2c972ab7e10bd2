import { createHash, randomBytes } from 'node:crypto';
import type { Database } from 'better-sqlite3';

/** Sessions last 30 days; only a hash of the token is stored, so a copy of the database signs nobody in. */
export const SESSION_TTL_MS = 30 * 24 * 3600 * 1000;

function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('base64url');
}

export function createSessions(db: Database) {
  const insert = db.prepare('insert into sessions (token_hash, user_id, created_at, expires_at) values (?, ?, ?, ?)');
  const find = db.prepare<[string, number], { user_id: string }>(
    'select user_id from sessions where token_hash = ? and expires_at > ?',
  );
  return {
    /** A new session for `userId`; returns the token (shown once, never stored). */
    create(userId: string, now = Date.now()): string {
      const token = randomBytes(32).toString('base64url');
      insert.run(hashToken(token), userId, now, now + SESSION_TTL_MS);
      return token;
    },
    userId(token: string, now = Date.now()): string | undefined {
      if (!token || token.length > 200) return undefined;
      return find.get(hashToken(token), now)?.user_id;
    },
    revoke(token: string): void {
      db.prepare('delete from sessions where token_hash = ?').run(hashToken(token));
    },
    /** Ends every session of `userId`, except `keep` (the one that changed its own password). */
    revokeUser(userId: string, keep?: string): void {
      if (keep) db.prepare('delete from sessions where user_id = ? and token_hash <> ?').run(userId, hashToken(keep));
      else db.prepare('delete from sessions where user_id = ?').run(userId);
    },
    /** Deletes expired sessions (the retention job); returns how many. */
    purgeExpired(now = Date.now()): number {
      return db.prepare('delete from sessions where expires_at <= ?').run(now).changes;
    },
  };
}

export type Sessions = ReturnType<typeof createSessions>;
