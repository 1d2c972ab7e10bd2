import type pg from 'pg';
import { newId } from '../ids.ts';
import { USER_COLS, toUser, userPatchColumns, type UserRow, type Users } from '../users.ts';
import type { PgCommit } from './commit.ts';
import { query } from './pool.ts';

export function pgUsers(pool: pg.Pool, commit: PgCommit): Users {
  const one = async (db: pg.Pool | pg.PoolClient, id: string) =>
    (await query<UserRow>(db, `select ${USER_COLS} from users where id = ?`, [id]))[0];
  return {
    async get(id) {
      const r = await one(pool, id);
      return r && toUser(r);
    },
    async byEmail(email) {
      const [r] = await query<UserRow>(pool, `select ${USER_COLS} from users where lower(email) = lower(?)`, [
        email.trim(),
      ]);
      return r && { user: toUser(r), passwordHash: r.password_hash };
    },
    async passwordHash(id) {
      return (await one(pool, id))?.password_hash;
    },
    async list() {
      return (await query<UserRow>(pool, `select ${USER_COLS} from users order by position`)).map(toUser);
    },
    create(u, id = newId('u')) {
      const values = [
        id,
        u.email.trim(),
        u.name,
        u.passwordHash,
        JSON.stringify(u.roles),
        !!u.canPublish,
        !!u.liveChat,
        !!u.viewAll,
        Date.now(),
      ];
      return commit.queue(async (c) => {
        const [r] = await query<UserRow>(
          c,
          `insert into users (id, email, name, password_hash, roles, can_publish, live_chat, view_all, created_at, position)
           values (?, ?, ?, ?, ?, ?, ?, ?, ?, (select coalesce(max(position), -1) + 1 from users))
           returning ${USER_COLS}`,
          values,
        );
        return toUser(r);
      }, true);
    },
    update(id, p) {
      const cols = userPatchColumns(p);
      return commit.queue(async (c) => {
        if (cols.length)
          await query(c, `update users set ${cols.map(([col]) => `${col} = ?`).join(', ')} where id = ?`, [
            ...cols.map(([, v]) => v),
            id,
          ]);
        const r = await one(c, id);
        return r && toUser(r);
      }, true);
    },
    remove(id) {
      return commit.queue(async (c) => (await c.query('delete from users where id = $1', [id])).rowCount! > 0, true);
    },
    setAvatar(id, data, type) {
      return commit.queue(async (c) => {
        await query(
          c,
          'update users set avatar = ?, avatar_type = ?, avatar_version = case when ?::bytea is null then 0 else avatar_version + 1 end where id = ?',
          [data, type, data, id],
        );
      }, true);
    },
    async avatar(id) {
      const [r] = await query<{ avatar: Buffer | null; avatar_type: string | null }>(
        pool,
        'select avatar, avatar_type from users where id = ?',
        [id],
      );
      return r?.avatar && r.avatar_type ? { data: r.avatar, type: r.avatar_type } : undefined;
    },
    async count() {
      return (await query<{ n: number }>(pool, 'select count(*) n from users'))[0].n;
    },
  };
}
