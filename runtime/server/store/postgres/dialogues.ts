import type pg from 'pg';
import { DIALOGUE_COLS, dialogueValues, toDialogue, type Dialogues } from '../dialogues.ts';
import { newId } from '../ids.ts';
import type { PgCommit } from './commit.ts';
import { query } from './pool.ts';

export function pgDialogues(pool: pg.Pool, commit: PgCommit): Dialogues {
  const get = async (db: pg.Pool | pg.PoolClient, id: string) => {
    const [r] = await query(db, 'select * from dialogues where id = ?', [id]);
    return r ? toDialogue(r) : undefined;
  };
  return {
    async list() {
      return (await query(pool, 'select * from dialogues order by priority, id')).map(toDialogue);
    },
    get: (id) => get(pool, id),
    async ofStream(streamId) {
      return (await query(pool, 'select * from dialogues where stream_id = ? order by priority, id', [streamId])).map(
        toDialogue,
      );
    },
    create(d, id = newId('d')) {
      const values = dialogueValues(d);
      const now = Date.now();
      return commit.queue(async (c) => {
        const [r] = await query(
          c,
          `insert into dialogues (${DIALOGUE_COLS.join(', ')}, id, created_at, updated_at)
           values (${DIALOGUE_COLS.map(() => '?').join(', ')}, ?, ?, ?) returning *`,
          [...values, id, now, now],
        );
        return toDialogue(r);
      }, true);
    },
    update(id, d) {
      const values = dialogueValues(d);
      return commit.queue(async (c) => {
        const [r] = await query(
          c,
          `update dialogues set ${DIALOGUE_COLS.map((col) => `${col} = ?`).join(', ')}, updated_at = ? where id = ? returning *`,
          [...values, Date.now(), id],
        );
        return toDialogue(r);
      }, true);
    },
    remove(id) {
      return commit.queue(
        async (c) => (await c.query('delete from dialogues where id = $1', [id])).rowCount! > 0,
        true,
      );
    },
  };
}
