import type { TestServer } from '../../runtime/server/testkit.ts';

/** Every kind of caller the permissions matrix tries, in the order of the table's columns. */
export const ROLES = ['anonymous', 'visitor', 'agentOwn', 'agent', 'marketerNoPublish', 'marketer', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export const PASSWORD = 'e2e-password-1';

/** The users behind the roles that sign in: the demo's marketer and admin, plus three made for the matrix. */
const ACCOUNTS: Partial<Record<Role, { email: string; create?: Record<string, unknown> }>> = {
  agentOwn: { email: 'own@e2e.test', create: { name: 'Own Agent', roles: ['agent'], liveChat: true, viewAll: false } },
  agent: { email: 'all@e2e.test', create: { name: 'All Agent', roles: ['agent'], liveChat: true, viewAll: true } },
  marketerNoPublish: {
    email: 'draft@e2e.test',
    create: { name: 'Draft Marketer', roles: ['marketer'], canPublish: false },
  },
  marketer: { email: 'marketer@demo.test' },
  admin: { email: 'admin@demo.test' },
};

/** Creates the matrix's users (once per server) and returns a fresh token per role (none for the anonymous ones). */
export async function roleTokens(s: TestServer, adminToken: string): Promise<Record<Role, string | undefined>> {
  const out = {} as Record<Role, string | undefined>;
  for (const role of ROLES) {
    const account = ACCOUNTS[role];
    if (!account) {
      out[role] = undefined;
      continue;
    }
    if (account.create) {
      const r = await s.api('POST', '/api/users', {
        token: adminToken,
        body: { email: account.email, password: PASSWORD, ...account.create },
      });
      if (r.status !== 201 && r.status !== 409)
        throw new Error(`creating ${account.email}: ${r.status} ${JSON.stringify(r.body)}`);
    }
    out[role] = await s.login(account.email, account.create ? PASSWORD : undefined);
  }
  return out;
}
