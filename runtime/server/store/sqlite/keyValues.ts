import type { Database } from 'better-sqlite3';
import type { KeyValues } from '../settings.ts';
import type { SqliteCommit } from './commit.ts';

export function sqliteKeyValues(db: Database, commit: SqliteCommit): KeyValues {
  const get = db.prepare<[string], { value: string }>('select value from meta where key = ?');
  const put = db.prepare(
    'insert into meta (key, value) values (?, ?) on conflict (key) do update set value = excluded.value',
  );
  return {
    async get(key) {
      return get.get(key)?.value;
    },
    put(key, json) {
      return commit.queue(() => void put.run(key, json));
    },
  };
}
