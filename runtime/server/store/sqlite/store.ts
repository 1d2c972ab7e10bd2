import type { Database } from 'better-sqlite3';
import { createDrafts } from '../../collab/drafts.ts';
import { createMeta } from '../settings.ts';
import type { Store, StoreErrorHandler } from '../store.ts';
import { sqliteAttributes } from './attributes.ts';
import { startCheckpointer } from './checkpointer.ts';
import { SqliteCommit } from './commit.ts';
import { catchUpItemIndex, sqliteItemIndex } from './itemIndex.ts';
import { catchUpRowsByConversation, sqliteRowsByConversation } from './rowsByConversation.ts';
import { sqliteConversations } from './conversations.ts';
import { sqliteDecisions } from './decisions.ts';
import { sqliteRoutingJournal } from './routingJournal.ts';
import { sqliteDialogues } from './dialogues.ts';
import { sqliteResults } from './results.ts';
import { sqliteWebhooks } from './webhooks.ts';
import { sqliteLeads } from './leads.ts';
import { sqliteDraftRows } from './draftRows.ts';
import { sqliteKeyValues } from './keyValues.ts';
import { sqliteMissed } from './missed.ts';
import { sqliteRetries } from './retries.ts';
import { sqliteVisitorContexts } from './visitorContext.ts';
import { sqliteCannedReplies } from './cannedReplies.ts';
import { openDb } from './openDb.ts';
import { sqliteSessions } from './sessions.ts';
import { sqlitePushSubscriptions } from './pushSubscriptions.ts';
import { sqliteStreams } from './streams.ts';
import { sqliteTeams } from './teams.ts';
import { sqliteUsers } from './users.ts';
import { sqliteWidget } from './widget.ts';

/** The store on the SQLite file in `dataDir` (created and migrated if need be). */
export function openSqliteStore(dataDir: string, onError: StoreErrorHandler): Store & { db: Database } {
  return createSqliteStore(openDb(dataDir), onError);
}

/** The store over an open, migrated SQLite database (tests pass one in memory). */
export function createSqliteStore(db: Database, onError: StoreErrorHandler): Store & { db: Database } {
  // Transcript rows whose index entries were pending when the process died (itemIndex.ts).
  catchUpItemIndex(db);
  // And transcript rows whose `item_conv` entries were (rowsByConversation.ts).
  catchUpRowsByConversation(db);
  const commit = new SqliteCommit(db, onError);
  const itemIndex = sqliteItemIndex(db, commit);
  const rowsBy = sqliteRowsByConversation(db, commit);
  const checkpointer = startCheckpointer(db, (err) => onError(err, 'background'));
  if (checkpointer) commit.waitWhile(checkpointer.holdsWriters);
  const locks = new Map<string, Promise<unknown>>();
  let closing: Promise<void> | undefined;
  return {
    backend: 'sqlite',
    db,
    commit,
    users: sqliteUsers(db, commit),
    sessions: sqliteSessions(db, commit),
    push: sqlitePushSubscriptions(db, commit),
    meta: createMeta(sqliteKeyValues(db, commit)),
    teams: sqliteTeams(db, commit),
    attributes: sqliteAttributes(db, commit),
    streams: sqliteStreams(db, commit),
    drafts: createDrafts(sqliteDraftRows(db, commit), commit, (err, where) =>
      onError(new Error(`${where} failed`, { cause: err }), 'background'),
    ),
    dialogues: sqliteDialogues(db, commit),
    conversations: sqliteConversations(db, commit),
    decisions: sqliteDecisions(db, commit),
    missed: sqliteMissed(db, commit),
    retries: sqliteRetries(db, commit),
    visitorContexts: sqliteVisitorContexts(db, commit),
    cannedReplies: sqliteCannedReplies(db, commit),
    routing: sqliteRoutingJournal(db, commit),
    results: sqliteResults(db, commit),
    webhooks: sqliteWebhooks(db, commit),
    leads: sqliteLeads(db, commit),
    widget: sqliteWidget(db, commit),
    exclusively(name, fn) {
      const run = (locks.get(name) ?? Promise.resolve()).then(fn, fn);
      locks.set(
        name,
        run.catch(() => undefined),
      );
      return run;
    },
    close() {
      closing ??= (async () => {
        void itemIndex.current();
        void rowsBy.current();
        commit.flush();
        await commit.settled();
        // Rows the callbacks that ran meanwhile stored get their entries now, and no timer writes after the close.
        await Promise.all([itemIndex.current(), rowsBy.current()]);
        await commit.settled();
        itemIndex.stop();
        rowsBy.stop();
        commit.close();
        await checkpointer?.stop();
        db.close();
      })();
      return closing;
    },
  };
}
