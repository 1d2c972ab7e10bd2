import { pgTextMatch } from './search.ts';
import type pg from 'pg';
import { DECISION_QUERY, GOALS_QUERY, decisionWhere, toGoal, toStoredDecision, type Decisions } from '../decisions.ts';
import type { PgCommit } from './commit.ts';
import { query } from './pool.ts';

export function pgDecisions(pool: pg.Pool, commit: PgCommit): Decisions {
  const insert = (sql: string, values: unknown[]) => commit.queue(async (c) => void (await c.query(sql, values)));
  return {
    add(d) {
      return insert(
        'insert into decisions (at, conversation_id, event, agent_id, reason, why, body) values ($1, $2, $3, $4, $5, $6, $7)',
        [d.at, d.conversationId, d.event, d.agentId, d.reason, d.why, JSON.stringify(d.detail)],
      );
    },
    logEvent(at, event) {
      return insert('insert into routing_log (at, event) values ($1, $2)', [at, JSON.stringify(event)]);
    },
    async events(from, to) {
      return (
        await query<{ at: number; event: string }>(
          pool,
          'select at, event from routing_log where at >= ? and at <= ? order by id',
          [from, to],
        )
      ).map((r) => ({ at: r.at, event: JSON.parse(r.event) }));
    },
    callback(at, conversationId, dialogueId, visitorId, name, data) {
      return insert(
        'insert into callbacks (at, conversation_id, dialogue_id, visitor_id, name, data) values ($1, $2, $3, $4, $5, $6)',
        [at, conversationId, dialogueId, visitorId, name, JSON.stringify(data ?? {})],
      );
    },
    async goals(conversationId) {
      return (await query<{ at: number; data: string }>(pool, GOALS_QUERY, [conversationId])).map(toGoal);
    },
    async query(q) {
      const { where, values } = decisionWhere(q, pgTextMatch);
      return (await query(pool, DECISION_QUERY(where), [...values, q.limit])).map(toStoredDecision);
    },
  };
}
