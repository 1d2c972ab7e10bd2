import type { TestServer } from '../../runtime/server/testkit.ts';
import { fill, Fixtures, type RouteCase } from './routeCases.ts';
import { ROLES, type Role } from './roles.ts';

/** Sends one route's request as one role; answers the HTTP status. */
export async function permissionCell(
  s: TestServer,
  fixtures: Fixtures,
  tokens: Record<Role, string | undefined>,
  fresh: (role: Role) => Promise<string | undefined>,
  route: RouteCase,
  role: Role,
): Promise<number> {
  const ids = route.prepare ? await route.prepare(fixtures) : {};
  const token = route.ownToken ? await fresh(role) : tokens[role];
  const headers: Record<string, string> = {};
  // A visitor has no account: on HTTP it is a caller with the widget's visitor id and no credentials.
  if (role === 'visitor') headers['x-tributary-visitor'] = 'v_matrix';
  if (route.raw) headers['content-type'] = route.raw.type;
  const r = await s.api(route.method, fill(route.path, ids), {
    token,
    headers,
    raw: route.raw?.data,
    body: route.body?.(ids),
  });
  return r.status;
}

export { ROLES };
