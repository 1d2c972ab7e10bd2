import type { User } from '../api/types.ts';

/** What a signed-in user may do in the inbox (SPEC §7). */
export function isAdmin(u: User | undefined): boolean {
  return !!u?.roles.includes('admin');
}

export function canLiveChat(u: User | undefined): boolean {
  return !!u?.liveChat;
}

/** Admins see every conversation; agents only with "view all". */
export function canViewAll(u: User | undefined): boolean {
  return isAdmin(u) || !!u?.viewAll;
}
