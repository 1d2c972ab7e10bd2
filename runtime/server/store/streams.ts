import type { Database } from 'better-sqlite3';
import { newId } from './ids.ts';

export interface StreamMeta {
  id: string;
  name: string;
  createdAt: number;
  updatedAt: number;
  createdBy: string | null;
  /** The newest published version, or null when never published. */
  latestVersion: number | null;
}

export interface VersionMeta {
  streamId: string;
  version: number;
  hash: string;
  publishedAt: number;
  publishedBy: string | null;
}

export interface Version extends VersionMeta {
  /** The compiled form (`tributary.compiled/1`) the runtime runs. */
  compiled: unknown;
  /** The interchange document it was compiled from (for rollback and viewing). */
  source: unknown;
}

interface Row {
  id: string;
  name: string;
  created_at: number;
  updated_at: number;
  created_by: string | null;
  latest: number | null;
}

const toMeta = (r: Row): StreamMeta => ({
  id: r.id,
  name: r.name,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
  createdBy: r.created_by,
  latestVersion: r.latest,
});

const SELECT = `select s.id, s.name, s.created_at, s.updated_at, s.created_by,
  (select max(version) from stream_versions v where v.stream_id = s.id) latest from streams s`;

/** Stream metadata and immutable published versions. The draft itself lives in the co-editing store. */
export function createStreams(db: Database) {
  const versionCols = 'stream_id, version, hash, published_at, published_by';
  const toVersion = (r: any): VersionMeta => ({
    streamId: r.stream_id,
    version: r.version,
    hash: r.hash,
    publishedAt: r.published_at,
    publishedBy: r.published_by,
  });
  return {
    list(): StreamMeta[] {
      return (db.prepare(`${SELECT} order by s.updated_at desc`).all() as Row[]).map(toMeta);
    },
    get(id: string): StreamMeta | undefined {
      const r = db.prepare(`${SELECT} where s.id = ?`).get(id) as Row | undefined;
      return r && toMeta(r);
    },
    create(name: string, createdBy: string | null): StreamMeta {
      const id = newId('s');
      const now = Date.now();
      db.prepare('insert into streams (id, name, created_at, updated_at, created_by) values (?, ?, ?, ?, ?)').run(
        id,
        name,
        now,
        now,
        createdBy,
      );
      return this.get(id)!;
    },
    rename(id: string, name: string): void {
      db.prepare('update streams set name = ?, updated_at = ? where id = ?').run(name, Date.now(), id);
    },
    touch(id: string): void {
      db.prepare('update streams set updated_at = ? where id = ?').run(Date.now(), id);
    },
    remove(id: string): boolean {
      return db.prepare('delete from streams where id = ?').run(id).changes > 0;
    },
    addVersion(v: Omit<Version, 'version' | 'publishedAt'>): VersionMeta {
      const next = (
        db
          .prepare('select coalesce(max(version), 0) + 1 n from stream_versions where stream_id = ?')
          .get(v.streamId) as { n: number }
      ).n;
      db.prepare(
        'insert into stream_versions (stream_id, version, hash, compiled, source, published_at, published_by) values (?, ?, ?, ?, ?, ?, ?)',
      ).run(v.streamId, next, v.hash, JSON.stringify(v.compiled), JSON.stringify(v.source), Date.now(), v.publishedBy);
      return this.versionMeta(v.streamId, next)!;
    },
    versions(streamId: string): VersionMeta[] {
      return db
        .prepare(`select ${versionCols} from stream_versions where stream_id = ? order by version desc`)
        .all(streamId)
        .map(toVersion);
    },
    versionMeta(streamId: string, version: number): VersionMeta | undefined {
      const r = db
        .prepare(`select ${versionCols} from stream_versions where stream_id = ? and version = ?`)
        .get(streamId, version);
      return r ? toVersion(r) : undefined;
    },
    version(streamId: string, version: number): Version | undefined {
      const r = db
        .prepare(`select ${versionCols}, compiled, source from stream_versions where stream_id = ? and version = ?`)
        .get(streamId, version) as any;
      return r ? { ...toVersion(r), compiled: JSON.parse(r.compiled), source: JSON.parse(r.source) } : undefined;
    },
  };
}

export type Streams = ReturnType<typeof createStreams>;
