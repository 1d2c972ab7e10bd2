import type pg from 'pg';
import { SESSION_TTL_MS, hashToken, impossibleToken, newToken, type Sessions } from '../sessions.ts';
import type { PgCommit } from './commit.ts';
import { query } from './pool.ts';

export function pgSessions(pool: pg.Pool, commit: PgCommit): Sessions {
  return {
    create(userId, now = Date.now()) {
      const token = newToken();
      const values = [hashToken(token), userId, now, now + SESSION_TTL_MS];
      return commit.queue(async (c) => {
        await query(
          c,
          'insert into sessions (token_hash, user_id, created_at, expires_at) values (?, ?, ?, ?)',
          values,
        );
        return token;
      }, true);
    },
    async userId(token, now = Date.now()) {
      if (impossibleToken(token)) return undefined;
      const [r] = await query<{ user_id: string }>(
        pool,
        'select user_id from sessions where token_hash = ? and expires_at > ?',
        [hashToken(token), now],
      );
      return r?.user_id;
    },
    revoke(token) {
      const hash = hashToken(token);
      return commit.queue(async (c) => void (await query(c, 'delete from sessions where token_hash = ?', [hash])));
    },
    revokeUser(userId, keep) {
      const kept = keep && hashToken(keep);
      return commit.queue(async (c) => {
        if (kept) await query(c, 'delete from sessions where user_id = ? and token_hash <> ?', [userId, kept]);
        else await query(c, 'delete from sessions where user_id = ?', [userId]);
      });
    },
    purgeExpired(now = Date.now()) {
      return commit.queue(
        async (c) => (await c.query('delete from sessions where expires_at <= $1', [now])).rowCount ?? 0,
      );
    },
  };
}
