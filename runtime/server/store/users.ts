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

/** A `users` row as both backends return it (booleans may come back as 0/1). */
export interface UserRow {
  id: string;
  email: string;
  name: string;
  password_hash: string;
  roles: string;
  can_publish: number | boolean;
  live_chat: number | boolean;
  view_all: number | boolean;
  status: Availability;
  avatar_version: number;
  position: number;
  created_at: number;
}

export const USER_COLS =
  'id, email, name, password_hash, roles, can_publish, live_chat, view_all, status, avatar_version, position, created_at';

export function toUser(r: UserRow): User {
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

/** Users of the workspace (SPEC §7). Emails compare case-insensitively. Writes resolve once durable. */
export interface Users {
  get(id: string): Promise<User | undefined>;
  /** The user and their password hash, for sign-in. */
  byEmail(email: string): Promise<{ user: User; passwordHash: string } | undefined>;
  passwordHash(id: string): Promise<string | undefined>;
  /** In their stable order (`position`). */
  list(): Promise<User[]>;
  /** `id`: chosen by the caller when other writes of the same group refer to the user. */
  create(u: NewUser, id?: string): Promise<User>;
  update(id: string, p: UserPatch): Promise<User | undefined>;
  remove(id: string): Promise<boolean>;
  setAvatar(id: string, data: Buffer | null, type: string | null): Promise<void>;
  avatar(id: string): Promise<{ data: Buffer; type: string } | undefined>;
  count(): Promise<number>;
}

/** The columns an update sets for a patch, in one place for both backends. */
export function userPatchColumns(p: UserPatch): [string, unknown][] {
  const cols: [string, unknown][] = [];
  if (p.name !== undefined) cols.push(['name', p.name]);
  if (p.email !== undefined) cols.push(['email', p.email.trim()]);
  if (p.roles !== undefined) cols.push(['roles', JSON.stringify(p.roles)]);
  if (p.canPublish !== undefined) cols.push(['can_publish', p.canPublish]);
  if (p.liveChat !== undefined) cols.push(['live_chat', p.liveChat]);
  if (p.viewAll !== undefined) cols.push(['view_all', p.viewAll]);
  if (p.status !== undefined) cols.push(['status', p.status]);
  if (p.passwordHash !== undefined) cols.push(['password_hash', p.passwordHash]);
  return cols;
}

/** Who may do what (SPEC §7). An admin may do everything a marketer may. */
export const can = {
  admin: (u: User) => u.roles.includes('admin'),
  editStreams: (u: User) => u.roles.includes('marketer') || u.roles.includes('admin'),
  publish: (u: User) => mayPublish(u),
  liveChat: (u: User) => u.roles.includes('agent') && u.liveChat,
  viewAllConversations: (u: User) => u.roles.includes('admin') || (u.roles.includes('agent') && u.viewAll),
};
