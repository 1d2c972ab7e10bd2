import type pg from 'pg';
import { replaced, RowsTaken, type DraftRow, type DraftRows } from '../draftRows.ts';
import type { PgCommit } from './commit.ts';
import { query } from './pool.ts';

const rows = (r: { id: number; data: Buffer }[]): DraftRow[] =>
  r.map((x) => ({ id: x.id, data: new Uint8Array(x.data) }));

export function pgDraftRows(pool: pg.Pool, commit: PgCommit): DraftRows {
  const exists = async (db: pg.Pool | pg.PoolClient, streamId: string) =>
    (
      await query(
        db,
        `select exists (select 1 from collab_update where stream_id = ?) or exists (select 1 from collab_log where stream_id = ?) e`,
        [streamId, streamId],
      )
    )[0].e as boolean;
  return {
    log(streamId, data, done) {
      commit.write(
        async (c) =>
          (
            await c.query<{ id: number }>('insert into collab_log (stream_id, data) values ($1, $2) returning id', [
              streamId,
              data,
            ])
          ).rows[0].id,
        done,
      );
    },
    create(streamId, level, data) {
      return commit.queue(async (c) => {
        if (await exists(c, streamId)) throw new Error(`drafts.create(${streamId}): the stream already has a draft`);
        await c.query('insert into collab_update (stream_id, level, data) values ($1, $2, $3)', [
          streamId,
          level,
          data,
        ]);
      }, true);
    },
    replace(streamId, remove, level, data) {
      // A delete waits for another node's transaction holding the same rows, then sees them gone: fewer rows
      // deleted than named means that merge won, and this one rolls back (its savepoint) instead of doubling them.
      return replaced(
        commit.queue(async (c) => {
          if (remove.merged.length) {
            const r = await c.query('delete from collab_update where stream_id = $1 and id = any($2::bigint[])', [
              streamId,
              remove.merged,
            ]);
            if (r.rowCount !== remove.merged.length) throw new RowsTaken();
          }
          if (remove.logged.length) {
            const r = await c.query('delete from collab_log where stream_id = $1 and id = any($2::bigint[])', [
              streamId,
              remove.logged,
            ]);
            if (r.rowCount !== remove.logged.length) throw new RowsTaken();
          }
          await c.query('insert into collab_update (stream_id, level, data) values ($1, $2, $3)', [
            streamId,
            level,
            data,
          ]);
        }, true),
      );
    },
    remove(streamId) {
      return commit.queue(async (c) => {
        await c.query('delete from collab_update where stream_id = $1', [streamId]);
        await c.query('delete from collab_log where stream_id = $1', [streamId]);
      }, true);
    },
    async all(streamId) {
      // One statement, one snapshot: a merge that moves log rows into a merged row between two reads would
      // otherwise hide them from both.
      const all = await query<{ id: number; data: Buffer; logged: boolean }>(
        pool,
        `select id, data, false logged from collab_update where stream_id = ?
         union all select id, data, true logged from collab_log where stream_id = ? order by logged, id`,
        [streamId, streamId],
      );
      return { merged: rows(all.filter((r) => !r.logged)), logged: rows(all.filter((r) => r.logged)) };
    },
    async atLevel(streamId, level) {
      return rows(
        await query(pool, 'select id, data from collab_update where stream_id = ? and level = ? order by id', [
          streamId,
          level,
        ]),
      );
    },
    async countAtLevel(streamId, level) {
      return (
        await query<{ n: number }>(pool, 'select count(*) n from collab_update where stream_id = ? and level = ?', [
          streamId,
          level,
        ])
      )[0].n;
    },
    async counts(streamId, belowLevel) {
      return (
        await query<{ merged: number; logged: number }>(
          pool,
          `select (select count(*) from collab_update where stream_id = ? and level < ?) merged,
                  (select count(*) from collab_log where stream_id = ?) logged`,
          [streamId, belowLevel, streamId],
        )
      )[0];
    },
    exists: (streamId) => exists(pool, streamId),
  };
}
