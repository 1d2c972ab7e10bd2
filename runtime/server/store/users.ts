import type { Database } from 'better-sqlite3';
import { newId } from './ids.ts';

export { ROLES, type Role } from '../../../shared/api/users.ts';
import type { Role } from '../../../shared/api/users.ts';
import { mayPublish } from '../../../shared/api/permissions.ts';
export type Availability = 'online' | 'away' | 'offline';

export interface User {
  id: string;
  email: string;
  name: string;
  roles: Role[];
  /** Marketer permission to publish streams and manage dialogues. */
  canPublish: boolean;
  /** Agent permission to take live chats. */
  liveChat: boolean;
  /** Agent permission to read every conversation, not only their own. */
  viewAll: boolean;
  status: Availability;
  /** Bumped on every avatar change (cache-busting query of the avatar URL); 0 = no avatar. */
  avatarVersion: number;
  /** Stable order of agents (rotation order). */
  position: number;
  createdAt: number;
}

export interface NewUser {
  email: string;
  name: string;
  passwordHash: string;
  roles: Role[];
  canPublish?: boolean;
  liveChat?: boolean;
  viewAll?: boolean;
}

export type UserPatch = Partial<
  Pick<User, 'name' | 'email' | 'roles' | 'canPublish' | 'liveChat' | 'viewAll' | 'status'>
> & {
  passwordHash?: string;
};

interface Row {
  id: string;
  email: string;
  name: string;
  password_hash: string;
  roles: string;
  can_publish: number;
  live_chat: number;
  view_all: number;
  status: Availability;
  avatar_version: number;
  position: number;
  created_at: number;
}

const COLS =
  'id, email, name, password_hash, roles, can_publish, live_chat, view_all, status, avatar_version, position, created_at';

function toUser(r: Row): User {
  return {
    id: r.id,
    email: r.email,
    name: r.name,
    roles: JSON.parse(r.roles),
    canPublish: !!r.can_publish,
    liveChat: !!r.live_chat,
    viewAll: !!r.view_all,
    status: r.status,
    avatarVersion: r.avatar_version,
    position: r.position,
    createdAt: r.created_at,
  };
}

/** Users of the workspace (SPEC §7). Emails compare case-insensitively. */
export function createUsers(db: Database) {
  const byId = db.prepare<[string], Row>(`select ${COLS} from users where id = ?`);
  const byEmail = db.prepare<[string], Row>(`select ${COLS} from users where email = ?`);
  const all = db.prepare<[], Row>(`select ${COLS} from users order by position`);
  return {
    get(id: string): User | undefined {
      const r = byId.get(id);
      return r && toUser(r);
    },
    /** The user and their password hash, for sign-in. */
    byEmail(email: string): { user: User; passwordHash: string } | undefined {
      const r = byEmail.get(email.trim());
      return r && { user: toUser(r), passwordHash: r.password_hash };
    },
    passwordHash(id: string): string | undefined {
      return byId.get(id)?.password_hash;
    },
    list(): User[] {
      return all.all().map(toUser);
    },
    create(u: NewUser): User {
      const id = newId('u');
      const pos = (db.prepare('select coalesce(max(position), -1) + 1 p from users').get() as { p: number }).p;
      db.prepare(
        `insert into users (id, email, name, password_hash, roles, can_publish, live_chat, view_all, position, created_at)
         values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ).run(
        id,
        u.email.trim(),
        u.name,
        u.passwordHash,
        JSON.stringify(u.roles),
        +!!u.canPublish,
        +!!u.liveChat,
        +!!u.viewAll,
        pos,
        Date.now(),
      );
      return this.get(id)!;
    },
    update(id: string, p: UserPatch): User | undefined {
      const sets: string[] = [];
      const vals: unknown[] = [];
      const col = (c: string, v: unknown) => (sets.push(`${c} = ?`), vals.push(v));
      if (p.name !== undefined) col('name', p.name);
      if (p.email !== undefined) col('email', p.email.trim());
      if (p.roles !== undefined) col('roles', JSON.stringify(p.roles));
      if (p.canPublish !== undefined) col('can_publish', +p.canPublish);
      if (p.liveChat !== undefined) col('live_chat', +p.liveChat);
      if (p.viewAll !== undefined) col('view_all', +p.viewAll);
      if (p.status !== undefined) col('status', p.status);
      if (p.passwordHash !== undefined) col('password_hash', p.passwordHash);
      if (sets.length) db.prepare(`update users set ${sets.join(', ')} where id = ?`).run(...vals, id);
      return this.get(id);
    },
    remove(id: string): boolean {
      return db.prepare('delete from users where id = ?').run(id).changes > 0;
    },
    setAvatar(id: string, data: Buffer | null, type: string | null): void {
      db.prepare(
        'update users set avatar = ?, avatar_type = ?, avatar_version = case when ? is null then 0 else avatar_version + 1 end where id = ?',
      ).run(data, type, data, id);
    },
    avatar(id: string): { data: Buffer; type: string } | undefined {
      const r = db.prepare('select avatar, avatar_type from users where id = ?').get(id) as
        { avatar: Buffer | null; avatar_type: string | null } | undefined;
      return r?.avatar && r.avatar_type ? { data: r.avatar, type: r.avatar_type } : undefined;
    },
    count(): number {
      return (db.prepare('select count(*) n from users').get() as { n: number }).n;
    },
  };
}

export type Users = ReturnType<typeof createUsers>;

/** Who may do what (SPEC §7). An admin may do everything a marketer may. */
export const can = {
  admin: (u: User) => u.roles.includes('admin'),
  editStreams: (u: User) => u.roles.includes('marketer') || u.roles.includes('admin'),
  publish: (u: User) => mayPublish(u),
  liveChat: (u: User) => u.roles.includes('agent') && u.liveChat,
  viewAllConversations: (u: User) => u.roles.includes('admin') || (u.roles.includes('agent') && u.viewAll),
};
