/**
 * Whether a user may publish streams (SPEC §7): a marketer with the publish permission, and every admin (admins hold
 * every marketer permission). The server's check and the editor's publish button both ask this one function.
 */
export function mayPublish(user: { roles: readonly string[]; canPublish?: boolean }): boolean {
  return user.roles.includes('admin') || (user.roles.includes('marketer') && !!user.canPublish);
}
