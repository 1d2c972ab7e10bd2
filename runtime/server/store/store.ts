import type { Database } from 'better-sqlite3';
import { createAttributes } from './attributes.ts';
import { createConversations } from './conversations.ts';
import { createDecisions } from './decisions.ts';
import { createDialogues } from './dialogues.ts';
import { GroupCommit } from './groupCommit.ts';
import { createSessions } from './sessions.ts';
import { createMeta } from './settings.ts';
import { createStreams } from './streams.ts';
import { createTeams } from './teams.ts';
import { createUsers } from './users.ts';
import { createWidgetSettings } from './widget.ts';

/**
 * The runtime's storage, as narrow repositories over one SQLite database. Nothing outside `store/` writes SQL;
 * another backend (Postgres) would implement the same repositories. Hot-path writes go through `commit`.
 */
export function createStore(db: Database, onCommitError: (err: unknown) => void) {
  return {
    db,
    commit: new GroupCommit(db, onCommitError),
    meta: createMeta(db),
    users: createUsers(db),
    sessions: createSessions(db),
    teams: createTeams(db),
    attributes: createAttributes(db),
    streams: createStreams(db),
    dialogues: createDialogues(db),
    conversations: createConversations(db),
    decisions: createDecisions(db),
    widget: createWidgetSettings(db),
    /** Runs `fn` in one transaction (admin changes that touch several tables). */
    tx<T>(fn: () => T): T {
      return db.transaction(fn)();
    },
  };
}

export type Store = ReturnType<typeof createStore>;
