import type pg from 'pg';
import { newId } from '../ids.ts';
import {
  STREAM_SELECT,
  VERSION_COLS,
  toStreamMeta,
  toVersion,
  toVersionMeta,
  type StreamRow,
  type Streams,
} from '../streams.ts';
import type { PgCommit } from './commit.ts';
import { query } from './pool.ts';

export function pgStreams(pool: pg.Pool, commit: PgCommit): Streams {
  const get = async (db: pg.Pool | pg.PoolClient, id: string) => {
    const [r] = await query<StreamRow>(db, `${STREAM_SELECT} where s.id = ?`, [id]);
    return r && toStreamMeta(r);
  };
  const changes = async (c: pg.PoolClient, sql: string, values: unknown[]) =>
    (await c.query(sql, values)).rowCount! > 0;
  return {
    async list() {
      return (await query<StreamRow>(pool, `${STREAM_SELECT} order by s.updated_at desc`)).map(toStreamMeta);
    },
    get: (id) => get(pool, id),
    create(name, createdBy, id = newId('s')) {
      const now = Date.now();
      return commit.queue(async (c) => {
        await query(c, 'insert into streams (id, name, created_at, updated_at, created_by) values (?, ?, ?, ?, ?)', [
          id,
          name,
          now,
          now,
          createdBy,
        ]);
        return (await get(c, id))!;
      }, true);
    },
    rename(id, name) {
      return commit.queue(async (c) => {
        await changes(c, 'update streams set name = $1, updated_at = $2 where id = $3', [name, Date.now(), id]);
      }, true);
    },
    touch(id) {
      return commit.queue(async (c) => {
        await changes(c, 'update streams set updated_at = $1 where id = $2', [Date.now(), id]);
      }, true);
    },
    remove(id) {
      return commit.queue((c) => changes(c, 'delete from streams where id = $1', [id]), true);
    },
    addVersion(v) {
      const values = [
        v.streamId,
        v.hash,
        JSON.stringify(v.compiled),
        JSON.stringify(v.source),
        Date.now(),
        v.publishedBy,
      ];
      return commit.queue(async (c) => {
        const [r] = await query(
          c,
          `insert into stream_versions (stream_id, version, hash, compiled, source, published_at, published_by)
           select $1, coalesce(max(version), 0) + 1, $2, $3, $4, $5, $6 from stream_versions where stream_id = $1
           returning ${VERSION_COLS}`,
          values,
        );
        return toVersionMeta(r);
      }, true);
    },
    async versions(streamId) {
      return (
        await query(pool, `select ${VERSION_COLS} from stream_versions where stream_id = ? order by version desc`, [
          streamId,
        ])
      ).map(toVersionMeta);
    },
    async versionMeta(streamId, version) {
      const [r] = await query(pool, `select ${VERSION_COLS} from stream_versions where stream_id = ? and version = ?`, [
        streamId,
        version,
      ]);
      return r ? toVersionMeta(r) : undefined;
    },
    async version(streamId, version) {
      const [r] = await query(
        pool,
        `select ${VERSION_COLS}, compiled, source from stream_versions where stream_id = ? and version = ?`,
        [streamId, version],
      );
      return r ? toVersion(r) : undefined;
    },
  };
}
