import { call } from './client.ts';

/** Signs in (`POST /api/session`): the server sets the HttpOnly session cookie, which is all the apps keep. The
 * answer's token is left alone: no script-readable copy of the session (web/api/token.ts). */
export async function signIn(email: string, password: string) {
  const session = await call('signIn', { body: { email: email.trim(), password } });
  return session.user;
}

/** Signs out: the session is revoked on the server, which clears the cookie. */
export async function signOut(): Promise<void> {
  await call('signOut');
}
