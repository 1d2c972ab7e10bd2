import type { Database } from 'better-sqlite3';
import { newId } from '../ids.ts';
import { USER_COLS, toUser, userPatchColumns, type UserRow, type Users } from '../users.ts';
import type { SqliteCommit } from './commit.ts';
import { bindable } from './bind.ts';

export function sqliteUsers(db: Database, commit: SqliteCommit): Users {
  const byId = db.prepare<[string], UserRow & { avatar?: Buffer }>(`select ${USER_COLS} from users where id = ?`);
  const byEmail = db.prepare<[string], UserRow>(`select ${USER_COLS} from users where email = ?`);
  const all = db.prepare<[], UserRow>(`select ${USER_COLS} from users order by position`);
  const get = (id: string) => {
    const r = byId.get(id);
    return r && toUser(r);
  };
  return {
    async get(id) {
      return get(id);
    },
    async byEmail(email) {
      const r = byEmail.get(email.trim());
      return r && { user: toUser(r), passwordHash: r.password_hash };
    },
    async passwordHash(id) {
      return byId.get(id)?.password_hash;
    },
    async list() {
      return all.all().map(toUser);
    },
    create(u, id = newId('u')) {
      return commit.queue(() => {
        db.prepare(
          `insert into users (id, email, name, password_hash, roles, can_publish, live_chat, view_all, position, created_at)
           values (?, ?, ?, ?, ?, ?, ?, ?, (select coalesce(max(position), -1) + 1 from users), ?)`,
        ).run(
          id,
          u.email.trim(),
          u.name,
          u.passwordHash,
          JSON.stringify(u.roles),
          +!!u.canPublish,
          +!!u.liveChat,
          +!!u.viewAll,
          Date.now(),
        );
        return get(id)!;
      }, true);
    },
    update(id, p) {
      const cols = userPatchColumns(p);
      return commit.queue(() => {
        if (cols.length)
          db.prepare(`update users set ${cols.map(([c]) => `${c} = ?`).join(', ')} where id = ?`).run(
            ...cols.map(([, v]) => bindable(v)),
            id,
          );
        return get(id);
      }, true);
    },
    remove(id) {
      return commit.queue(() => db.prepare('delete from users where id = ?').run(id).changes > 0, true);
    },
    setAvatar(id, data, type) {
      return commit.queue(() => {
        db.prepare(
          'update users set avatar = ?, avatar_type = ?, avatar_version = case when ? is null then 0 else avatar_version + 1 end where id = ?',
        ).run(data, type, data, id);
      }, true);
    },
    async avatar(id) {
      const r = db.prepare('select avatar, avatar_type from users where id = ?').get(id) as
        { avatar: Buffer | null; avatar_type: string | null } | undefined;
      return r?.avatar && r.avatar_type ? { data: r.avatar, type: r.avatar_type } : undefined;
    },
    async count() {
      return (db.prepare('select count(*) n from users').get() as { n: number }).n;
    },
  };
}
