import type pg from 'pg';
import { OF_USER, SAVE_PUSH, saveParams, toPush, type PushSubscriptions } from '../pushSubscriptions.ts';
import type { PgCommit } from './commit.ts';
import { query } from './pool.ts';

export function pgPushSubscriptions(pool: pg.Pool, commit: PgCommit): PushSubscriptions {
  return {
    save(s) {
      const params = saveParams(s);
      return commit.queue(async (c) => void (await query(c, SAVE_PUSH, params)));
    },
    async ofUser(userId, now = Date.now()) {
      return (await query(pool, OF_USER, [userId, now])).map(toPush);
    },
    remove(endpoint, userId) {
      return commit.queue(async (c) => {
        const r =
          userId === undefined
            ? await c.query('delete from push_subscriptions where endpoint = $1', [endpoint])
            : await c.query('delete from push_subscriptions where endpoint = $1 and user_id = $2', [endpoint, userId]);
        return (r.rowCount ?? 0) > 0;
      });
    },
    removeSession(sessionHash) {
      return commit.queue(
        async (c) =>
          (await c.query('delete from push_subscriptions where session_hash = $1', [sessionHash])).rowCount ?? 0,
      );
    },
  };
}
