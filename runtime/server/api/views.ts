import type { User } from '../store/users.ts';

/** The avatar URL of a user (public, cache-busted by version), or null. */
export function avatarUrl(u: Pick<User, 'id' | 'avatarVersion'>): string | null {
  return u.avatarVersion > 0 ? `/api/users/${u.id}/avatar?v=${u.avatarVersion}` : null;
}

/** A user as the API shows them (never the password hash). */
export function userView(u: User, teams?: string[]) {
  return {
    id: u.id,
    email: u.email,
    name: u.name,
    roles: u.roles,
    canPublish: u.canPublish,
    liveChat: u.liveChat,
    viewAll: u.viewAll,
    status: u.status,
    avatarUrl: avatarUrl(u),
    ...(teams ? { teams } : {}),
  };
}
