import type { Database } from 'better-sqlite3';
import { DIALOGUE_COLS, dialogueValues, toDialogue, type DialogueInput, type Dialogues } from '../dialogues.ts';
import { newId } from '../ids.ts';
import { bindable } from './bind.ts';
import type { SqliteCommit } from './commit.ts';

export function sqliteDialogues(db: Database, commit: SqliteCommit): Dialogues {
  const get = (id: string) => {
    const r = db.prepare('select * from dialogues where id = ?').get(id);
    return r ? toDialogue(r) : undefined;
  };
  const values = (d: DialogueInput) => dialogueValues(d).map(bindable);
  return {
    async list() {
      return db.prepare('select * from dialogues order by priority, id').all().map(toDialogue);
    },
    async get(id) {
      return get(id);
    },
    async ofStream(streamId) {
      return db
        .prepare('select * from dialogues where stream_id = ? order by priority, id')
        .all(streamId)
        .map(toDialogue);
    },
    create(d, id = newId('d')) {
      return commit.queue(() => {
        const now = Date.now();
        db.prepare(
          `insert into dialogues (${DIALOGUE_COLS.join(', ')}, id, created_at, updated_at)
           values (${DIALOGUE_COLS.map(() => '?').join(', ')}, ?, ?, ?)`,
        ).run(...values(d), id, now, now);
        return get(id)!;
      }, true);
    },
    update(id, d) {
      return commit.queue(() => {
        db.prepare(
          `update dialogues set ${DIALOGUE_COLS.map((c) => `${c} = ?`).join(', ')}, updated_at = ? where id = ?`,
        ).run(...values(d), Date.now(), id);
        return get(id)!;
      }, true);
    },
    remove(id) {
      return commit.queue(() => db.prepare('delete from dialogues where id = ?').run(id).changes > 0, true);
    },
  };
}
