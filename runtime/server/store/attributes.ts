import type { Database } from 'better-sqlite3';

export interface CustomAttribute {
  name: string;
  label: string;
}

/** Custom profile attributes an admin defines besides the standard ones (SPEC §1). */
export function createAttributes(db: Database) {
  return {
    list(): CustomAttribute[] {
      return db
        .prepare('select name, label from custom_attributes order by created_at, name')
        .all() as CustomAttribute[];
    },
    create(a: CustomAttribute): void {
      db.prepare('insert into custom_attributes (name, label, created_at) values (?, ?, ?)').run(
        a.name,
        a.label,
        Date.now(),
      );
    },
    remove(name: string): boolean {
      return db.prepare('delete from custom_attributes where name = ?').run(name).changes > 0;
    },
  };
}

export type Attributes = ReturnType<typeof createAttributes>;
