import type { Database } from 'better-sqlite3';
import type { Migration } from './migrations.ts';

/** Applies the migrations not yet recorded in `_migrations`, each in its own transaction. Returns the ids applied. */
export function migrate(db: Database, migrations: readonly Migration[]): string[] {
  db.exec('create table if not exists _migrations (id text primary key, applied_at integer not null)');
  const done = new Set((db.prepare('select id from _migrations').all() as { id: string }[]).map((r) => r.id));
  const seen = new Set<string>();
  const applied: string[] = [];
  for (const m of migrations) {
    if (seen.has(m.id)) throw new Error(`migration ${m.id} is listed twice`);
    seen.add(m.id);
    if (done.has(m.id)) continue;
    db.transaction(() => {
      m.up(db);
      db.prepare('insert into _migrations (id, applied_at) values (?, ?)').run(m.id, Date.now());
    })();
    applied.push(m.id);
  }
  return applied;
}
