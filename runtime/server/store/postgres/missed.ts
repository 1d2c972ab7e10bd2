import type pg from 'pg';
import { ANSWERED, APPEND_MESSAGE, appendParams, missedWhere, toMissed, type MissedChats } from '../missed.ts';
import type { PgCommit } from './commit.ts';
import { query } from './pool.ts';

export function pgMissed(pool: pg.Pool, commit: PgCommit): MissedChats {
  return {
    add(m) {
      return commit.queue(async (c) => {
        await query(
          c,
          'insert into missed_chats (conversation_id, visitor_id, at, reason) values (?, ?, ?, ?) on conflict do nothing',
          [m.conversationId, m.visitorId, m.at, m.reason],
        );
      });
    },
    leaveMessage(id, text, email, at, clientId) {
      return commit.queue(
        async (c) => ((await c.query(numberedAppend, appendParams(id, text, email, at, clientId))).rowCount ?? 0) > 0,
      );
    },
    answered(id, agentId, at) {
      return commit.queue(async (c) => {
        await query(c, ANSWERED, [agentId, at, id]);
      });
    },
    claim(id, agentId, at) {
      return commit.queue(
        async (c) =>
          ((
            await c.query(
              'update missed_chats set claimed_by = $1, claimed_at = $2 where conversation_id = $3 and (claimed_by is null or claimed_by = $1)',
              [agentId, at, id],
            )
          ).rowCount ?? 0) > 0,
        true,
      );
    },
    async get(id) {
      const [r] = await query(pool, 'select * from missed_chats where conversation_id = ?', [id]);
      return r ? toMissed(r) : undefined;
    },
    async query(q) {
      const { where, values } = missedWhere(q);
      const rows = await query(pool, `select * from missed_chats ${where} order by at desc limit ?`, [
        ...values,
        q.limit,
      ]);
      return rows.map(toMissed);
    },
  };
}

/** The shared statement with PostgreSQL's numbered placeholders; `text` is the same value twice, typed. */
const numberedAppend = (() => {
  let n = 0;
  return APPEND_MESSAGE.replace(/\?/g, () => `$${++n}::text`).replace(/\$5::text/, '$5::bigint');
})();
