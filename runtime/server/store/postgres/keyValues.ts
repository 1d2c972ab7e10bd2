import type pg from 'pg';
import type { KeyValues } from '../settings.ts';
import type { PgCommit } from './commit.ts';
import { query } from './pool.ts';

export function pgKeyValues(pool: pg.Pool, commit: PgCommit): KeyValues {
  return {
    async get(key) {
      return (await query<{ value: string }>(pool, 'select value from meta where key = ?', [key]))[0]?.value;
    },
    put(key, json) {
      return commit.queue(async (c) => {
        await query(
          c,
          'insert into meta (key, value) values (?, ?) on conflict (key) do update set value = excluded.value',
          [key, json],
        );
      });
    },
  };
}
