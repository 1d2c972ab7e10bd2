import type { Database } from 'better-sqlite3';
import { CONVERSATION_ROWS } from '../conversations.ts';
import { withoutConversation } from '../webhooks.ts';
import {
  leadSelect,
  emailSubject,
  leadWhere,
  normalEmail,
  toErasure,
  toLeadRow,
  type Erasure,
  type Leads,
} from '../leads.ts';
import type { SqliteCommit } from './commit.ts';
import { sqliteItemIndex } from './itemIndex.ts';
import { sqliteTextMatch } from './search.ts';

const IN_JSON = '(select value from json_each(?))';

export function sqliteLeads(db: Database, commit: SqliteCommit): Leads {
  const upsert = db.prepare(
    `insert into leads (conversation_id, stream_id, captures, goal, score, email) values (?, ?, ?, ?, ?, ?)
     on conflict (conversation_id) do update set captures = json_patch(leads.captures, excluded.captures), goal = coalesce(excluded.goal, leads.goal),
       score = leads.score + excluded.score, email = coalesce(excluded.email, leads.email)`,
  );
  const attribute = db.prepare('insert or ignore into lead_attributes (stream_id, name) values (?, ?)');
  return {
    record(changes, names) {
      if (changes.length === 0 && names.length === 0) return Promise.resolve();
      const rows = changes.map(
        (c) =>
          [c.conversationId, c.streamId, JSON.stringify(c.captures), c.goal ?? null, c.score, c.email ?? null] as const,
      );
      const attrs = names.map((n) => [n.streamId, n.name] as const);
      return commit.queue(() => {
        for (const r of rows) upsert.run(...r);
        for (const a of attrs) attribute.run(...a);
      });
    },
    async page(q) {
      if (q.text) await sqliteItemIndex(db, commit).current();
      const { where, values } = leadWhere(q, sqliteTextMatch);
      return db
        .prepare(
          `${leadSelect("json_extract(cc.body, '$.url')")} ${where} order by c.started_at desc, c.id desc limit ?`,
        )
        .all(...values, q.limit)
        .map(toLeadRow);
    },
    async attributes(streamId) {
      return (
        streamId === undefined
          ? db.prepare('select distinct name from lead_attributes order by name').pluck().all()
          : db.prepare('select name from lead_attributes where stream_id = ? order by name').pluck().all(streamId)
      ) as string[];
    },
    erase(email, actor, at = Date.now()) {
      const e = normalEmail(email);
      const subject = emailSubject(e);
      return commit.queue((): Erasure => {
        const visitors = db
          .prepare(
            `select c.visitor_id from leads l join conversations c on c.id = l.conversation_id where l.email = ?
             union select visitor_id from missed_chats where lower(email) = ?
             union select id from visitors where lower(json_extract(profile, '$.email')) = ?`,
          )
          .pluck()
          .all(e, e, e) as string[];
        const vlist = JSON.stringify(visitors);
        const convs = db.prepare(`select id, status from conversations where visitor_id in ${IN_JSON}`).all(vlist) as {
          id: string;
          status: string;
        }[];
        // A conversation in a live chat now is held by routing on some node: it stays until it ends.
        const ids = convs.filter((c) => c.status === 'ended' || c.status === 'bot').map((c) => c.id);
        const list = JSON.stringify(ids);
        let rows = 0;
        for (const table of CONVERSATION_ROWS)
          rows += db.prepare(`delete from ${table} where conversation_id in ${IN_JSON}`).run(list).changes;
        // Its webhook events: those still in the outbox (rows shared with other conversations; taken first, so that
        // no fan-out makes deliveries of them after), and its deliveries.
        const deliveries = db.prepare('delete from webhook_deliveries where instr(payload, ?) > 0');
        const outbox = db.prepare('select seq, events from webhook_outbox where instr(events, ?) > 0');
        for (const id of ids) {
          const needle = `"conversationId":${JSON.stringify(id)}`;
          for (const r of outbox.all(needle) as { seq: number; events: string }[]) {
            const left = withoutConversation(r.events, id);
            rows += left.dropped;
            if (left.events === null) db.prepare('delete from webhook_outbox where seq = ?').run(r.seq);
            else db.prepare('update webhook_outbox set events = ? where seq = ?').run(left.events, r.seq);
          }
          rows += deliveries.run(needle).changes;
        }
        const conversations = db.prepare(`delete from conversations where id in ${IN_JSON}`).run(list).changes;
        const left = db.prepare('select count(*) from conversations where visitor_id = ?').pluck();
        let gone = 0;
        for (const v of visitors) {
          if (left.get(v) !== 0) continue;
          rows += db.prepare('delete from visitor_dialogues where visitor_id = ?').run(v).changes;
          gone += db.prepare('delete from visitors where id = ?').run(v).changes;
        }
        rows += conversations + gone;
        const detail = { conversations, visitors: gone, rows, kept: convs.length - ids.length };
        const r = db
          .prepare('insert into audit_log (at, actor, action, subject, detail) values (?, ?, ?, ?, ?) returning id')
          .get(at, actor, 'erase', subject, JSON.stringify(detail)) as { id: number };
        return { id: r.id, at, actor, subject, ...detail };
      }, true);
    },
    async erasures(limit) {
      return db
        .prepare("select * from audit_log where action = 'erase' order by at desc, id desc limit ?")
        .all(limit)
        .map(toErasure);
    },
  };
}
