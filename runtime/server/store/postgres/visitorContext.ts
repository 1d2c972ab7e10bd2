import type pg from 'pg';
import { UPSERT_CONTEXT, toContext, type VisitorContexts } from '../visitorContext.ts';
import type { PgCommit } from './commit.ts';
import { numbered, query } from './pool.ts';

export function pgVisitorContexts(pool: pg.Pool, commit: PgCommit): VisitorContexts {
  const upsert = numbered(UPSERT_CONTEXT);
  return {
    set(conversationId, context) {
      const body = JSON.stringify(context);
      return commit.statement(upsert, [conversationId, body, context.at]);
    },
    async get(conversationId) {
      const [r] = await query<{ body: string }>(
        pool,
        'select body from conversation_context where conversation_id = ?',
        [conversationId],
      );
      return toContext(r);
    },
  };
}
