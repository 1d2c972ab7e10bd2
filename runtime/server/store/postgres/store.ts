import type pg from 'pg';
import { createDrafts } from '../../collab/drafts.ts';
import { createMeta } from '../settings.ts';
import type { Store, StoreErrorHandler } from '../store.ts';
import { pgAttributes } from './attributes.ts';
import { PgCommit } from './commit.ts';
import { pgConversations } from './conversations.ts';
import { pgDecisions } from './decisions.ts';
import { pgMissed } from './missed.ts';
import { pgRetries } from './retries.ts';
import { pgVisitorContexts } from './visitorContext.ts';
import { pgCannedReplies } from './cannedReplies.ts';
import { pgRoutingJournal } from './routingJournal.ts';
import { pgDialogues } from './dialogues.ts';
import { pgResults } from './results.ts';
import { pgWebhooks } from './webhooks.ts';
import { pgLeads } from './leads.ts';
import { pgDraftRows } from './draftRows.ts';
import { pgKeyValues } from './keyValues.ts';
import { LOCK_SQL, UNLOCK_SQL, migrate } from './migrate.ts';
import { PG_MIGRATIONS } from './migrations.ts';
import { createPool, unavailable } from './pool.ts';
import { pgSessions } from './sessions.ts';
import { pgPushSubscriptions } from './pushSubscriptions.ts';
import { pgStreams } from './streams.ts';
import { pgTeams } from './teams.ts';
import { pgUsers } from './users.ts';
import { pgWidget } from './widget.ts';

export interface PostgresStoreOptions {
  url: string;
  /** How long a request waits for a connection before it fails with 503 (default 5 s). */
  connectTimeoutMs?: number;
  /** Connections of this node's pool for reads and locks (default 10); commits have one more of their own. */
  maxConnections?: number;
}

/** The store on PostgreSQL at `url`: migrated (under an advisory lock) before it is handed out. */
export async function openPostgresStore(
  opts: PostgresStoreOptions,
  onError: StoreErrorHandler,
): Promise<Store & { pool: pg.Pool }> {
  const pool = createPool({ url: opts.url, connectTimeoutMs: opts.connectTimeoutMs, max: opts.maxConnections }, (err) =>
    onError(err, 'background'),
  );
  try {
    await migrate(pool, PG_MIGRATIONS);
  } catch (err) {
    await pool.end().catch(() => undefined);
    throw err;
  }
  // The commit connection, besides the pool's: pipelined (commit.ts), which reads must not be (a cursor cannot).
  const commitPool = createPool(
    { url: opts.url, connectTimeoutMs: opts.connectTimeoutMs, max: 1, pipeline: true },
    (err) => onError(err, 'background'),
  );
  const commit = new PgCommit(commitPool, onError);
  let closing: Promise<void> | undefined;
  return {
    backend: 'postgres',
    pool,
    commit,
    users: pgUsers(pool, commit),
    sessions: pgSessions(pool, commit),
    push: pgPushSubscriptions(pool, commit),
    meta: createMeta(pgKeyValues(pool, commit)),
    teams: pgTeams(pool, commit),
    attributes: pgAttributes(pool, commit),
    streams: pgStreams(pool, commit),
    drafts: createDrafts(pgDraftRows(pool, commit), commit, (err, where) =>
      onError(new Error(`${where} failed`, { cause: err }), 'background'),
    ),
    dialogues: pgDialogues(pool, commit),
    conversations: pgConversations(pool, commit),
    decisions: pgDecisions(pool, commit),
    missed: pgMissed(pool, commit),
    retries: pgRetries(pool, commit),
    visitorContexts: pgVisitorContexts(pool, commit),
    cannedReplies: pgCannedReplies(pool, commit),
    routing: pgRoutingJournal(pool, commit),
    results: pgResults(pool, commit),
    webhooks: pgWebhooks(pool, commit),
    leads: pgLeads(pool, commit),
    widget: pgWidget(pool, commit),
    async exclusively(name, fn) {
      // A session-level advisory lock on a connection held for the duration: every node takes the same key.
      let client: pg.PoolClient;
      try {
        client = await pool.connect();
      } catch (err) {
        return unavailable(err);
      }
      let broken = false;
      try {
        await client.query(LOCK_SQL, [name]);
        try {
          return await fn();
        } finally {
          await client.query(UNLOCK_SQL, [name]).catch(() => (broken = true));
        }
      } catch (err) {
        broken = true;
        return unavailable(err);
      } finally {
        client.release(broken);
      }
    },
    close() {
      closing ??= (async () => {
        commit.flush();
        await commit.settled();
        await Promise.all([pool.end(), commitPool.end()]);
      })();
      return closing;
    },
  };
}
