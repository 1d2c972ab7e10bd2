import type { Database } from 'better-sqlite3';
import { OF_USER, SAVE_PUSH, saveParams, toPush, type PushSubscriptions } from '../pushSubscriptions.ts';
import type { SqliteCommit } from './commit.ts';

export function sqlitePushSubscriptions(db: Database, commit: SqliteCommit): PushSubscriptions {
  return {
    save(s) {
      const params = saveParams(s);
      return commit.queue(() => void db.prepare(SAVE_PUSH).run(...params));
    },
    async ofUser(userId, now = Date.now()) {
      return db.prepare(OF_USER).all(userId, now).map(toPush);
    },
    remove(endpoint, userId) {
      return commit.queue(() =>
        userId === undefined
          ? db.prepare('delete from push_subscriptions where endpoint = ?').run(endpoint).changes > 0
          : db.prepare('delete from push_subscriptions where endpoint = ? and user_id = ?').run(endpoint, userId)
              .changes > 0,
      );
    },
    removeSession(sessionHash) {
      return commit.queue(
        () => db.prepare('delete from push_subscriptions where session_hash = ?').run(sessionHash).changes,
      );
    },
  };
}
