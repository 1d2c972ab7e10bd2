import type { Database } from 'better-sqlite3';
import type { Triggers } from '../../../shared/protocol/visitor.ts';
import { newId } from './ids.ts';

/** A published stream plus its targeting (SPEC §1). It serves the stream's newest published version. */
export interface Dialogue {
  id: string;
  name: string;
  streamId: string;
  include: string[];
  exclude: string[];
  /** 1 is the highest. */
  priority: number;
  triggers: Triggers;
  /** Shown at most once per visitor (once triggered), not only until completed. */
  showOnce: boolean;
  /** False: unpublished (not shown; running conversations go on). */
  active: boolean;
  createdAt: number;
  updatedAt: number;
}

export type DialogueInput = Omit<Dialogue, 'id' | 'createdAt' | 'updatedAt'>;

const toDialogue = (r: any): Dialogue => ({
  id: r.id,
  name: r.name,
  streamId: r.stream_id,
  include: JSON.parse(r.include_urls),
  exclude: JSON.parse(r.exclude_urls),
  priority: r.priority,
  triggers: JSON.parse(r.triggers),
  showOnce: !!r.show_once,
  active: !!r.active,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

export function createDialogues(db: Database) {
  const write = (id: string, d: DialogueInput, now: number, insert: boolean) => {
    const vals = [
      d.name,
      d.streamId,
      JSON.stringify(d.include),
      JSON.stringify(d.exclude),
      d.priority,
      JSON.stringify(d.triggers),
      +d.showOnce,
      +d.active,
    ];
    if (insert) {
      db.prepare(
        `insert into dialogues (name, stream_id, include_urls, exclude_urls, priority, triggers, show_once, active, id, created_at, updated_at)
         values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ).run(...vals, id, now, now);
    } else {
      db.prepare(
        `update dialogues set name = ?, stream_id = ?, include_urls = ?, exclude_urls = ?, priority = ?, triggers = ?, show_once = ?,
         active = ?, updated_at = ? where id = ?`,
      ).run(...vals, now, id);
    }
  };
  return {
    list(): Dialogue[] {
      return db.prepare('select * from dialogues order by priority, id').all().map(toDialogue);
    },
    get(id: string): Dialogue | undefined {
      const r = db.prepare('select * from dialogues where id = ?').get(id);
      return r ? toDialogue(r) : undefined;
    },
    ofStream(streamId: string): Dialogue[] {
      return db
        .prepare('select * from dialogues where stream_id = ? order by priority, id')
        .all(streamId)
        .map(toDialogue);
    },
    create(d: DialogueInput, id = newId('d')): Dialogue {
      write(id, d, Date.now(), true);
      return this.get(id)!;
    },
    update(id: string, d: DialogueInput): Dialogue {
      write(id, d, Date.now(), false);
      return this.get(id)!;
    },
    remove(id: string): boolean {
      return db.prepare('delete from dialogues where id = ?').run(id).changes > 0;
    },
  };
}

export type Dialogues = ReturnType<typeof createDialogues>;
