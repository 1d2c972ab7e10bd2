import type pg from 'pg';
import type { Attributes, CustomAttribute } from '../attributes.ts';
import type { PgCommit } from './commit.ts';
import { query } from './pool.ts';

export function pgAttributes(pool: pg.Pool, commit: PgCommit): Attributes {
  return {
    list: () => query<CustomAttribute>(pool, 'select name, label from custom_attributes order by created_at, name'),
    create(a) {
      return commit.queue(async (c) => {
        await query(c, 'insert into custom_attributes (name, label, created_at) values (?, ?, ?)', [
          a.name,
          a.label,
          Date.now(),
        ]);
      }, true);
    },
    remove(name) {
      return commit.queue(
        async (c) => (await c.query('delete from custom_attributes where name = $1', [name])).rowCount! > 0,
        true,
      );
    },
  };
}
