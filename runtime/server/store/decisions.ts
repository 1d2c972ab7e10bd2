import type { Database } from 'better-sqlite3';

/** A stored routing decision (the routing engine's Decision plus the conversation it concerns). */
export interface StoredDecision {
  id: number;
  at: number;
  conversationId: string;
  event: string;
  agentId: string | null;
  reason: string | null;
  why: string;
  /** The whole decision as the engine made it (pool, position, skipped agents, rule, …). */
  detail: Record<string, unknown>;
}

export interface DecisionQuery {
  conversationId?: string;
  visitorId?: string;
  agentId?: string;
  from?: number;
  to?: number;
  limit: number;
}

/** Routing decisions with their why, the routing input log (for what-if) and recorded callback events. */
export function createDecisions(db: Database) {
  const ins = db.prepare(
    'insert into decisions (at, conversation_id, event, agent_id, reason, why, body) values (?, ?, ?, ?, ?, ?, ?)',
  );
  const log = db.prepare('insert into routing_log (at, event) values (?, ?)');
  const cb = db.prepare(
    'insert into callbacks (at, conversation_id, dialogue_id, visitor_id, name, data) values (?, ?, ?, ?, ?, ?)',
  );
  return {
    add(d: Omit<StoredDecision, 'id'>): void {
      ins.run(d.at, d.conversationId, d.event, d.agentId, d.reason, d.why, JSON.stringify(d.detail));
    },
    logEvent(at: number, event: unknown): void {
      log.run(at, JSON.stringify(event));
    },
    events(from: number, to: number): { at: number; event: any }[] {
      return (
        db.prepare('select at, event from routing_log where at >= ? and at <= ? order by id').all(from, to) as any[]
      ).map((r) => ({
        at: r.at,
        event: JSON.parse(r.event),
      }));
    },
    callback(
      at: number,
      conversationId: string | null,
      dialogueId: string | null,
      visitorId: string | null,
      name: string,
      data: unknown,
    ): void {
      cb.run(at, conversationId, dialogueId, visitorId, name, JSON.stringify(data ?? {}));
    },
    query(q: DecisionQuery): (StoredDecision & { visitorId: string | null })[] {
      const where: string[] = [];
      const vals: unknown[] = [];
      if (q.conversationId) (where.push('d.conversation_id = ?'), vals.push(q.conversationId));
      if (q.visitorId) (where.push('c.visitor_id = ?'), vals.push(q.visitorId));
      if (q.agentId) (where.push('d.agent_id = ?'), vals.push(q.agentId));
      if (q.from !== undefined) (where.push('d.at >= ?'), vals.push(q.from));
      if (q.to !== undefined) (where.push('d.at <= ?'), vals.push(q.to));
      const sql = `select d.*, c.visitor_id from decisions d left join conversations c on c.id = d.conversation_id
        ${where.length ? `where ${where.join(' and ')}` : ''} order by d.at desc, d.id desc limit ?`;
      return (db.prepare(sql).all(...vals, q.limit) as any[]).map((r) => ({
        id: r.id,
        at: r.at,
        conversationId: r.conversation_id,
        visitorId: r.visitor_id,
        event: r.event,
        agentId: r.agent_id,
        reason: r.reason,
        why: r.why,
        detail: JSON.parse(r.body),
      }));
    },
  };
}

export type Decisions = ReturnType<typeof createDecisions>;
