import Database from 'better-sqlite3';
import { join } from 'node:path';
import { CLOSE } from '../../../shared/protocol/closeCodes.ts';
import { listenWs } from '../transport/listenWs.ts';
import { SqliteCommit } from '../store/sqlite/commit.ts';
import { sqliteDraftRows } from '../store/sqlite/draftRows.ts';
import { createDrafts, type Drafts } from './drafts.ts';
import { createCollabEndpoint, type CollabEndpoint, type CollabOptions } from './endpoint.ts';
import { collabMigrations } from './migrations.ts';
import type { CollabRequest, CollabUser } from './upgrade.ts';

/**
 * A stand-alone collab server on the real transport and a real SQLite file, for the collab tests, the crash test's
 * child process and the benchmark. The runtime's composition root wires the same pieces with its own auth.
 * Tokens: `m:<userId>` is a marketer, `viewer` is signed in without the role, anything else is nobody.
 * Streams whose id starts with `missing` do not exist.
 */
export interface CollabServer {
  port: number;
  url: string;
  db: Database.Database;
  drafts: Drafts;
  groupCommit: SqliteCommit;
  endpoint: CollabEndpoint;
  close(): void;
}

export async function startCollabServer(
  dataDir: string,
  extra: Partial<Omit<CollabOptions, 'drafts'>> & { wrapDrafts?: (drafts: Drafts) => Drafts } = {},
): Promise<CollabServer> {
  const db = new Database(join(dataDir, 'collab.db'));
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  for (const m of collabMigrations) db.exec(m.sql);
  const groupCommit = new SqliteCommit(db);
  let closed = false;
  // A compaction that starts as the last editor leaves may find the database closed: nothing to report then.
  const drafts = createDrafts(sqliteDraftRows(db, groupCommit), groupCommit, (err, where) => {
    if (!closed) console.error(`${where}:`, err);
  });
  const { wrapDrafts, ...options } = extra;
  const endpoint = createCollabEndpoint({
    drafts: wrapDrafts ? wrapDrafts(drafts) : drafts,
    authorize: testAuthorize,
    streamExists: (id) => !id.startsWith('missing'),
    ...options,
  });
  const listener = await listenWs('127.0.0.1', [
    {
      pattern: '/collab/*',
      endpoint,
      options: {
        ...endpoint.socketLimits,
        onError: (err) => console.error('collab socket handler error:', err),
      },
    },
  ]);
  const port = listener.port;
  return {
    port,
    url: `ws://127.0.0.1:${port}/collab`,
    db,
    drafts,
    groupCommit,
    endpoint,
    close() {
      endpoint.closeAll();
      listener.close(CLOSE.goingAway, 'server shutting down');
      groupCommit.flush();
      closed = true;
      db.close();
    },
  };
}

export async function testAuthorize(req: CollabRequest): Promise<CollabUser | null | 'forbidden'> {
  const token = new URLSearchParams(req.query).get('token') ?? '';
  if (token === 'viewer') return 'forbidden';
  if (token.startsWith('m:') && token.length > 2) return { userId: token.slice(2), name: `User ${token.slice(2)}` };
  return null;
}
