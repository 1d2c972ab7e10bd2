import type pg from 'pg';
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
import type { PgCommit } from './commit.ts';
import { query } from './pool.ts';
import { pgTextMatch } from './search.ts';

export function pgLeads(pool: pg.Pool, commit: PgCommit): Leads {
  return {
    record(changes, names) {
      if (changes.length === 0 && names.length === 0) return Promise.resolve();
      // Rows sorted by id so that nodes writing the same conversations lock them in one order.
      const rows = [...changes].sort((a, b) => (a.conversationId < b.conversationId ? -1 : 1));
      const cols = [
        rows.map((c) => c.conversationId),
        rows.map((c) => c.streamId),
        rows.map((c) => JSON.stringify(c.captures)),
        rows.map((c) => c.goal ?? null),
        rows.map((c) => c.score),
        rows.map((c) => c.email ?? null),
      ];
      // Two statements of one turn: they commit or fail together, so the second's promise answers for both.
      let done = Promise.resolve();
      if (rows.length)
        done = commit.statement(
          `insert into leads (conversation_id, stream_id, captures, goal, score, email)
           select * from unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::bigint[], $6::text[])
           on conflict (conversation_id) do update set captures = (leads.captures::jsonb || excluded.captures::jsonb)::text,
             goal = coalesce(excluded.goal, leads.goal), score = leads.score + excluded.score,
             email = coalesce(excluded.email, leads.email)`,
          cols,
        );
      if (names.length)
        done = commit.statement(
          `insert into lead_attributes (stream_id, name) select * from unnest($1::text[], $2::text[])
           on conflict do nothing`,
          [names.map((n) => n.streamId), names.map((n) => n.name)],
        );
      return done;
    },
    async page(q) {
      const { where, values } = leadWhere(q, pgTextMatch);
      return (
        await query(
          pool,
          `${leadSelect("(cc.body::jsonb ->> 'url')")} ${where} order by c.started_at desc, c.id desc limit ?`,
          [...values, q.limit],
        )
      ).map(toLeadRow);
    },
    async attributes(streamId) {
      const rows =
        streamId === undefined
          ? await query(pool, 'select distinct name from lead_attributes order by name')
          : await query(pool, 'select name from lead_attributes where stream_id = ? order by name', [streamId]);
      return rows.map((r) => r.name as string);
    },
    erase(email, actor, at = Date.now()) {
      const e = normalEmail(email);
      const subject = emailSubject(e);
      return commit.queue(async (c): Promise<Erasure> => {
        const visitors = (
          await c.query<{ id: string }>(
            `select c.visitor_id id from leads l join conversations c on c.id = l.conversation_id where l.email = $1
             union select visitor_id from missed_chats where lower(email) = $1
             union select id from visitors where lower(profile::jsonb ->> 'email') = $1`,
            [e],
          )
        ).rows.map((r) => r.id);
        const convs = (
          await c.query<{ id: string; status: string }>(
            'select id, status from conversations where visitor_id = any($1) for update',
            [visitors],
          )
        ).rows;
        // A conversation in a live chat now is held by routing on some node: it stays until it ends.
        const ids = convs.filter((r) => r.status === 'ended' || r.status === 'bot').map((r) => r.id);
        let rows = 0;
        for (const table of CONVERSATION_ROWS)
          rows += (await c.query(`delete from ${table} where conversation_id = any($1)`, [ids])).rowCount ?? 0;
        // Its webhook events: those still in the outbox (rows shared with other conversations; taken first, so that
        // no fan-out makes deliveries of them after), and its deliveries.
        for (const id of ids) {
          const needle = `"conversationId":${JSON.stringify(id)}`;
          const outbox = await c.query<{ ctid: string; events: string }>(
            'select ctid, events from webhook_outbox where strpos(events, $1) > 0 for update',
            [needle],
          );
          for (const r of outbox.rows) {
            const left = withoutConversation(r.events, id);
            rows += left.dropped;
            if (left.events === null) await c.query('delete from webhook_outbox where ctid = $1', [r.ctid]);
            else await c.query('update webhook_outbox set events = $1 where ctid = $2', [left.events, r.ctid]);
          }
          rows +=
            (await c.query('delete from webhook_deliveries where strpos(payload, $1) > 0', [needle])).rowCount ?? 0;
        }
        const conversations = (await c.query('delete from conversations where id = any($1)', [ids])).rowCount ?? 0;
        const orphans = (
          await c.query<{ v: string }>(
            'select v from unnest($1::text[]) v where not exists (select 1 from conversations where visitor_id = v)',
            [visitors],
          )
        ).rows.map((r) => r.v);
        rows += (await c.query('delete from visitor_dialogues where visitor_id = any($1)', [orphans])).rowCount ?? 0;
        const gone = (await c.query('delete from visitors where id = any($1)', [orphans])).rowCount ?? 0;
        rows += conversations + gone;
        const detail = { conversations, visitors: gone, rows, kept: convs.length - ids.length };
        const r = await c.query<{ id: number }>(
          'insert into audit_log (at, actor, action, subject, detail) values ($1, $2, $3, $4, $5) returning id',
          [at, actor, 'erase', subject, JSON.stringify(detail)],
        );
        return { id: Number(r.rows[0].id), at, actor, subject, ...detail };
      }, true);
    },
    async erasures(limit) {
      return (
        await query(pool, "select * from audit_log where action = 'erase' order by at desc, id desc limit ?", [limit])
      ).map(toErasure);
    },
  };
}
