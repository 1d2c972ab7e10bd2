import { pgTextMatch } from './search.ts';
import type pg from 'pg';
import {
  DECISION_QUERY,
  GOALS_QUERY,
  decisionBody,
  decisionWhere,
  toGoal,
  toStoredDecision,
  type Decisions,
} from '../decisions.ts';
import type { Gatherer, PgCommit } from './commit.ts';
import { query } from './pool.ts';

/**
 * Callback events and routing events of a turn, every conversation's in one statement (`PgCommit.gather`): the
 * first reply of each of 2,000 visitors records `engaged`, one round trip each before. Their ids must keep the
 * order of the calls (readers order by id). A plain `select * from unnest(…)` has no order of its own, so the rows
 * are numbered `with ordinality` and selected `order by` that number: PostgreSQL gives the serial values of an
 * `insert … select … order by` in the order of that select.
 */
const CALLBACKS: Gatherer<unknown[][]> = {
  create: () => [[], [], [], [], [], []],
  run: (c, rows) =>
    c.query(
      `insert into callbacks (at, conversation_id, dialogue_id, visitor_id, name, data)
       select at, c, d, v, n, j
       from unnest($1::bigint[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[])
         with ordinality as r(at, c, d, v, n, j, i)
       order by i`,
      rows,
    ),
};

const ROUTING_LOG: Gatherer<unknown[][]> = {
  create: () => [[], []],
  run: (c, rows) =>
    c.query(
      `insert into routing_log (at, event)
       select at, e from unnest($1::bigint[], $2::text[]) with ordinality as r(at, e, i) order by i`,
      rows,
    ),
};

export function pgDecisions(pool: pg.Pool, commit: PgCommit): Decisions {
  const insert = (sql: string, values: unknown[]) => commit.statement(sql, values);
  return {
    add(d) {
      return insert(
        'insert into decisions (at, conversation_id, event, agent_id, reason, why, body) values ($1, $2, $3, $4, $5, $6, $7)',
        [d.at, d.conversationId, d.event, d.agentId, d.reason, d.why, decisionBody(d)],
      );
    },
    logEvent(at, event) {
      const text = JSON.stringify(event);
      return commit.gather(ROUTING_LOG, (rows) => (rows[0].push(at), rows[1].push(text), true));
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
      const text = JSON.stringify(data ?? {});
      return commit.gather(CALLBACKS, (rows) => {
        rows[0].push(at);
        rows[1].push(conversationId);
        rows[2].push(dialogueId);
        rows[3].push(visitorId);
        rows[4].push(name);
        rows[5].push(text);
        return true;
      });
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
