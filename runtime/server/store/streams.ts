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

/** A `streams` row with its newest version, as both backends return it. */
export interface StreamRow {
  id: string;
  name: string;
  created_at: number;
  updated_at: number;
  created_by: string | null;
  latest: number | null;
}

export const toStreamMeta = (r: StreamRow): StreamMeta => ({
  id: r.id,
  name: r.name,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
  createdBy: r.created_by,
  latestVersion: r.latest,
});

export const STREAM_SELECT = `select s.id, s.name, s.created_at, s.updated_at, s.created_by,
  (select max(version) from stream_versions v where v.stream_id = s.id) latest from streams s`;

export const VERSION_COLS = 'stream_id, version, hash, published_at, published_by';

export const toVersionMeta = (r: any): VersionMeta => ({
  streamId: r.stream_id,
  version: r.version,
  hash: r.hash,
  publishedAt: r.published_at,
  publishedBy: r.published_by,
});

export const toVersion = (r: any): Version => ({
  ...toVersionMeta(r),
  compiled: JSON.parse(r.compiled),
  source: JSON.parse(r.source),
});

/** Stream metadata and immutable published versions (with `Drafts`, the streams aggregate). Writes resolve once
 * durable. */
export interface Streams {
  /** Newest change first. */
  list(): Promise<StreamMeta[]>;
  get(id: string): Promise<StreamMeta | undefined>;
  /** `id`: chosen by the caller when the same group of writes stores the draft too. */
  create(name: string, createdBy: string | null, id?: string): Promise<StreamMeta>;
  rename(id: string, name: string): Promise<void>;
  touch(id: string): Promise<void>;
  remove(id: string): Promise<boolean>;
  /** Stores the next version number of the stream. */
  addVersion(v: Omit<Version, 'version' | 'publishedAt'>): Promise<VersionMeta>;
  /** Newest first. */
  versions(streamId: string): Promise<VersionMeta[]>;
  versionMeta(streamId: string, version: number): Promise<VersionMeta | undefined>;
  version(streamId: string, version: number): Promise<Version | undefined>;
}
