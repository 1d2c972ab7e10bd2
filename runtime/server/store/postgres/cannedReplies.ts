import type pg from 'pg';
import { newId } from '../ids.ts';
import { INSERT_REPLY, LIST_REPLIES, UPDATE_REPLY, toCannedReply, type CannedReplies } from '../cannedReplies.ts';
import type { PgCommit } from './commit.ts';
import { numbered, query } from './pool.ts';

export function pgCannedReplies(pool: pg.Pool, commit: PgCommit): CannedReplies {
  // The owner is one parameter used twice with different types on PostgreSQL's side: typed explicitly.
  const insert = numbered(INSERT_REPLY).replace('$2', '$2::text').replace('$7', '$7::text');
  return {
    async list(userId) {
      return (await query(pool, LIST_REPLIES, [userId])).map(toCannedReply);
    },
    async get(id) {
      const [r] = await query(pool, 'select * from canned_replies where id = ?', [id]);
      return r ? toCannedReply(r) : undefined;
    },
    create(ownerId, input, max, now = Date.now()) {
      const id = newId('cr');
      return commit.queue(async (c) => {
        const { rows } = await c.query(`${insert} returning *`, [
          id,
          ownerId,
          input.shortcut,
          input.body,
          now,
          now,
          ownerId,
          max,
        ]);
        return rows[0] ? toCannedReply(rows[0]) : 'full';
      }, true);
    },
    update(id, input, now = Date.now()) {
      return commit.queue(async (c) => {
        const { rows } = await c.query(`${numbered(UPDATE_REPLY)} returning *`, [input.shortcut, input.body, now, id]);
        return rows[0] ? toCannedReply(rows[0]) : undefined;
      }, true);
    },
    remove(id) {
      return commit.queue(
        async (c) => ((await c.query('delete from canned_replies where id = $1', [id])).rowCount ?? 0) > 0,
        true,
      );
    },
  };
}
