import type { Database } from 'better-sqlite3';
import { UPSERT_CONTEXT, toContext, type VisitorContexts } from '../visitorContext.ts';
import type { SqliteCommit } from './commit.ts';

export function sqliteVisitorContexts(db: Database, commit: SqliteCommit): VisitorContexts {
  const upsert = db.prepare(UPSERT_CONTEXT);
  const get = db.prepare<[string], { body: string }>('select body from conversation_context where conversation_id = ?');
  return {
    set(conversationId, context) {
      const body = JSON.stringify(context);
      return commit.queue(() => void upsert.run(conversationId, body, context.at));
    },
    async get(conversationId) {
      return toContext(get.get(conversationId));
    },
  };
}
