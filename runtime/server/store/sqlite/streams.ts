import type { Database } from 'better-sqlite3';
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
import type { SqliteCommit } from './commit.ts';

export function sqliteStreams(db: Database, commit: SqliteCommit): Streams {
  const get = (id: string) => {
    const r = db.prepare(`${STREAM_SELECT} where s.id = ?`).get(id) as StreamRow | undefined;
    return r && toStreamMeta(r);
  };
  const versionMeta = (streamId: string, version: number) => {
    const r = db
      .prepare(`select ${VERSION_COLS} from stream_versions where stream_id = ? and version = ?`)
      .get(streamId, version);
    return r ? toVersionMeta(r) : undefined;
  };
  return {
    async list() {
      return (db.prepare(`${STREAM_SELECT} order by s.updated_at desc`).all() as StreamRow[]).map(toStreamMeta);
    },
    async get(id) {
      return get(id);
    },
    create(name, createdBy, id = newId('s')) {
      return commit.queue(() => {
        const now = Date.now();
        db.prepare('insert into streams (id, name, created_at, updated_at, created_by) values (?, ?, ?, ?, ?)').run(
          id,
          name,
          now,
          now,
          createdBy,
        );
        return get(id)!;
      }, true);
    },
    rename(id, name) {
      return commit.queue(() => {
        db.prepare('update streams set name = ?, updated_at = ? where id = ?').run(name, Date.now(), id);
      }, true);
    },
    touch(id) {
      return commit.queue(() => {
        db.prepare('update streams set updated_at = ? where id = ?').run(Date.now(), id);
      }, true);
    },
    remove(id) {
      return commit.queue(() => db.prepare('delete from streams where id = ?').run(id).changes > 0, true);
    },
    addVersion(v) {
      return commit.queue(() => {
        const next = (
          db
            .prepare('select coalesce(max(version), 0) + 1 n from stream_versions where stream_id = ?')
            .get(v.streamId) as { n: number }
        ).n;
        db.prepare(
          'insert into stream_versions (stream_id, version, hash, compiled, source, published_at, published_by) values (?, ?, ?, ?, ?, ?, ?)',
        ).run(
          v.streamId,
          next,
          v.hash,
          JSON.stringify(v.compiled),
          JSON.stringify(v.source),
          Date.now(),
          v.publishedBy,
        );
        return versionMeta(v.streamId, next)!;
      }, true);
    },
    async versions(streamId) {
      return db
        .prepare(`select ${VERSION_COLS} from stream_versions where stream_id = ? order by version desc`)
        .all(streamId)
        .map(toVersionMeta);
    },
    async versionMeta(streamId, version) {
      return versionMeta(streamId, version);
    },
    async version(streamId, version) {
      const r = db
        .prepare(`select ${VERSION_COLS}, compiled, source from stream_versions where stream_id = ? and version = ?`)
        .get(streamId, version);
      return r ? toVersion(r) : undefined;
    },
  };
}
