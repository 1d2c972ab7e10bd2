import { sqliteTextMatch } from './search.ts';
import type { Database } from 'better-sqlite3';
import {
  DECISION_QUERY,
  GOALS_QUERY,
  decisionBody,
  decisionWhere,
  toGoal,
  toStoredDecision,
  type Decisions,
} from '../decisions.ts';
import type { SqliteCommit } from './commit.ts';

export function sqliteDecisions(db: Database, commit: SqliteCommit): Decisions {
  const ins = db.prepare(
    'insert into decisions (at, conversation_id, event, agent_id, reason, why, body) values (?, ?, ?, ?, ?, ?, ?)',
  );
  const log = db.prepare('insert into routing_log (at, event) values (?, ?)');
  const cb = db.prepare(
    'insert into callbacks (at, conversation_id, dialogue_id, visitor_id, name, data) values (?, ?, ?, ?, ?, ?)',
  );
  return {
    add(d) {
      const body = decisionBody(d);
      return commit.queue(() => void ins.run(d.at, d.conversationId, d.event, d.agentId, d.reason, d.why, body));
    },
    logEvent(at, event) {
      const json = JSON.stringify(event);
      return commit.queue(() => void log.run(at, json));
    },
    async events(from, to) {
      return (
        db.prepare('select at, event from routing_log where at >= ? and at <= ? order by id').all(from, to) as any[]
      ).map((r) => ({ at: r.at, event: JSON.parse(r.event) }));
    },
    callback(at, conversationId, dialogueId, visitorId, name, data) {
      const json = JSON.stringify(data ?? {});
      return commit.queue(() => void cb.run(at, conversationId, dialogueId, visitorId, name, json));
    },
    async goals(conversationId) {
      return (db.prepare(GOALS_QUERY).all(conversationId) as { at: number; data: string }[]).map(toGoal);
    },
    async query(q) {
      const { where, values } = decisionWhere(q, sqliteTextMatch);
      return db
        .prepare(DECISION_QUERY(where))
        .all(...values, q.limit)
        .map(toStoredDecision);
    },
  };
}
