import type { Database } from 'better-sqlite3';
import type { TranscriptItem } from '../../../shared/protocol/common.ts';
import type { ConversationStatus } from '../../../shared/protocol/visitor.ts';

/** One conversation as stored. `engine` is the interpreter's JSON state; `routing` the routing engine's record. */
export interface ConversationRecord {
  id: string;
  visitorId: string;
  dialogueId: string;
  streamId: string;
  version: number;
  status: ConversationStatus;
  engine: unknown;
  agentId: string | null;
  routing: unknown | null;
  lastSeq: number;
  engaged: boolean;
  /** Visitor messages that reached an agent's screen / were read by the agent (up to seq). */
  agentDelivered: number;
  agentRead: number;
  /** Agent messages that reached the visitor's screen / were read by the visitor. */
  visitorDelivered: number;
  visitorRead: number;
  startedAt: number;
  updatedAt: number;
  connectedAt: number | null;
  endedAt: number | null;
  endReason: string | null;
}

export interface Visitor {
  id: string;
  profile: Record<string, string>;
}

/** Who sent an item with a client id: the visitor, or an agent (`a:<userId>`), so client ids never collide. */
export type Sender = 'v' | `a:${string}`;

// `last_seq` is saved with the record, but entries are appended without saving it (one write less per step):
// the newest entry's seq, found through the primary key, is the truth.
const LAST = '(select last_seq from item_rows i where i.conversation_id = c.id order by seq desc limit 1) max_seq';

const toRecord = (r: any): ConversationRecord => ({
  id: r.id,
  visitorId: r.visitor_id,
  dialogueId: r.dialogue_id,
  streamId: r.stream_id,
  version: r.version,
  status: r.status,
  engine: JSON.parse(r.engine),
  agentId: r.agent_id,
  routing: r.routing ? JSON.parse(r.routing) : null,
  lastSeq: Math.max(r.last_seq, r.max_seq ?? 0),
  engaged: !!r.engaged,
  agentDelivered: r.agent_delivered,
  agentRead: r.agent_read,
  visitorDelivered: r.visitor_delivered,
  visitorRead: r.visitor_read,
  startedAt: r.started_at,
  updatedAt: r.updated_at,
  connectedAt: r.connected_at,
  endedAt: r.ended_at,
  endReason: r.end_reason,
});

export interface ConversationQuery {
  agentId?: string;
  visitorId?: string;
  status?: ConversationStatus;
  before?: number;
  limit: number;
}

/**
 * Visitors, conversations and transcripts. The write methods are plain synchronous statements: the live layer
 * calls them inside GroupCommit.run, so one event-loop turn of writes is one transaction.
 */
export function createConversations(db: Database) {
  const insVisitor = db.prepare(
    'insert or ignore into visitors (id, profile, created_at, last_seen) values (?, ?, ?, ?)',
  );
  const getVisitor = db.prepare<[string], { id: string; profile: string }>(
    'select id, profile from visitors where id = ?',
  );
  const setProfile = db.prepare('update visitors set profile = ?, last_seen = ? where id = ?');
  const insConv = db.prepare(
    `insert into conversations (id, visitor_id, dialogue_id, stream_id, version, status, engine, agent_id, routing, last_seq, engaged,
      agent_delivered, agent_read, visitor_delivered, visitor_read, started_at, updated_at, connected_at, ended_at, end_reason)
     values (@id, @visitorId, @dialogueId, @streamId, @version, @status, @engine, @agentId, @routing, @lastSeq, @engaged,
      @agentDelivered, @agentRead, @visitorDelivered, @visitorRead, @startedAt, @updatedAt, @connectedAt, @endedAt, @endReason)`,
  );
  const updConv = db.prepare(
    `update conversations set status = @status, engine = @engine, agent_id = @agentId, routing = @routing, last_seq = @lastSeq,
      engaged = @engaged, agent_delivered = @agentDelivered, agent_read = @agentRead, visitor_delivered = @visitorDelivered,
      visitor_read = @visitorRead, updated_at = @updatedAt, connected_at = @connectedAt, ended_at = @endedAt, end_reason = @endReason
     where id = @id`,
  );
  const getConv = db.prepare(`select c.*, ${LAST} from conversations c where id = ?`);
  const insRow = db.prepare('insert into item_rows (conversation_id, seq, last_seq, body) values (?, ?, ?, ?)');
  const rowsAfter = db.prepare<[string, number], { body: string }>(
    'select body from item_rows where conversation_id = ? and last_seq > ? order by seq',
  );
  const all = (conversationId: string, afterSeq: number): TranscriptItem[] =>
    rowsAfter
      .all(conversationId, afterSeq)
      .flatMap((r) => (JSON.parse(r.body) as TranscriptItem[]).filter((i) => i.seq > afterSeq));
  const params = (c: ConversationRecord) => ({
    ...c,
    engine: JSON.stringify(c.engine),
    routing: c.routing == null ? null : JSON.stringify(c.routing),
    engaged: +c.engaged,
  });
  const seen = db.prepare(
    `insert into visitor_dialogues (visitor_id, dialogue_id, triggered_at, completed_at) values (?, ?, ?, ?)
     on conflict (visitor_id, dialogue_id) do update set triggered_at = coalesce(triggered_at, excluded.triggered_at),
       completed_at = coalesce(excluded.completed_at, completed_at)`,
  );
  return {
    /** Stores a visitor (a no-op when it exists). */
    createVisitor(id: string, now = Date.now()): Visitor {
      insVisitor.run(id, '{}', now, now);
      return { id, profile: {} };
    },
    visitor(id: string): Visitor | undefined {
      const r = getVisitor.get(id);
      return r && { id: r.id, profile: JSON.parse(r.profile) };
    },
    setProfile(id: string, profile: Record<string, string>, now = Date.now()): void {
      setProfile.run(JSON.stringify(profile), now, id);
    },
    insert(c: ConversationRecord): void {
      insConv.run(params(c));
    },
    save(c: ConversationRecord): void {
      updConv.run(params(c));
    },
    get(id: string): ConversationRecord | undefined {
      const r = getConv.get(id);
      return r ? toRecord(r) : undefined;
    },
    /**
     * Stores entries (consecutive seqs of one conversation) as one row. `json` is their JSON texts when the
     * caller has them already.
     */
    addItems(conversationId: string, items: readonly TranscriptItem[], json?: readonly string[]): void {
      if (items.length === 0) return;
      const body = `[${(json ?? items.map((i) => JSON.stringify(i))).join(',')}]`;
      insRow.run(conversationId, items[0].seq, items[items.length - 1].seq, body);
    },
    items(conversationId: string, afterSeq = 0): TranscriptItem[] {
      return all(conversationId, afterSeq);
    },
    /** Every client id stored for the conversation (`sender|clientId` → seq), to answer resends from memory. */
    clientSeqs(conversationId: string): Map<string, number> {
      const m = new Map<string, number>();
      for (const i of all(conversationId, 0)) {
        if (i.type === 'visitor') m.set(`v|${i.clientId}`, i.seq);
        else if (i.type === 'agent') m.set(`a:${i.agent.id}|${i.clientId}`, i.seq);
      }
      return m;
    },
    /** The seq an idempotent message was stored as, if it was. */
    seqOfClientId(conversationId: string, sender: Sender, clientId: string): number | undefined {
      return this.clientSeqs(conversationId).get(`${sender}|${clientId}`);
    },
    /** Conversations with a live-chat request in progress (pending offer or open chat), for a restart. */
    routed(): ConversationRecord[] {
      return db
        .prepare(`select c.*, ${LAST} from conversations c where status in ('waiting', 'live') and routing is not null`)
        .all()
        .map(toRecord);
    },
    /** The visitor's newest conversation that is not over. */
    openOfVisitor(visitorId: string): ConversationRecord | undefined {
      const r = db
        .prepare(
          `select c.*, ${LAST} from conversations c where visitor_id = ? and status <> 'ended' order by started_at desc limit 1`,
        )
        .get(visitorId);
      return r ? toRecord(r) : undefined;
    },
    query(q: ConversationQuery): ConversationRecord[] {
      const where: string[] = [];
      const vals: unknown[] = [];
      if (q.agentId) (where.push('agent_id = ?'), vals.push(q.agentId));
      if (q.visitorId) (where.push('visitor_id = ?'), vals.push(q.visitorId));
      if (q.status) (where.push('status = ?'), vals.push(q.status));
      if (q.before) (where.push('started_at < ?'), vals.push(q.before));
      const sql = `select c.*, ${LAST} from conversations c ${where.length ? `where ${where.join(' and ')}` : ''} order by started_at desc limit ?`;
      return db
        .prepare(sql)
        .all(...vals, q.limit)
        .map(toRecord);
    },
    markDialogue(visitorId: string, dialogueId: string, what: 'triggered' | 'completed', now = Date.now()): void {
      seen.run(visitorId, dialogueId, what === 'triggered' ? now : null, what === 'completed' ? now : null);
    },
    /** Dialogues this visitor has triggered / completed. */
    dialogueHistory(visitorId: string): Map<string, { triggered: boolean; completed: boolean }> {
      const rows = db
        .prepare('select dialogue_id, triggered_at, completed_at from visitor_dialogues where visitor_id = ?')
        .all(visitorId) as any[];
      return new Map(
        rows.map((r) => [r.dialogue_id, { triggered: r.triggered_at != null, completed: r.completed_at != null }]),
      );
    },
  };
}

export type Conversations = ReturnType<typeof createConversations>;
