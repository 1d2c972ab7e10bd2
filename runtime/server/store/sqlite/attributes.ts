import type { Database } from 'better-sqlite3';
import type { Attributes, CustomAttribute } from '../attributes.ts';
import type { SqliteCommit } from './commit.ts';

export function sqliteAttributes(db: Database, commit: SqliteCommit): Attributes {
  return {
    async list() {
      return db
        .prepare('select name, label from custom_attributes order by created_at, name')
        .all() as CustomAttribute[];
    },
    create(a) {
      return commit.queue(() => {
        db.prepare('insert into custom_attributes (name, label, created_at) values (?, ?, ?)').run(
          a.name,
          a.label,
          Date.now(),
        );
      }, true);
    },
    remove(name) {
      return commit.queue(() => db.prepare('delete from custom_attributes where name = ?').run(name).changes > 0, true);
    },
  };
}
