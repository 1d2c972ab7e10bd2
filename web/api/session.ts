import { call } from './client.ts';
import { sessionToken } from './token.ts';

/** Signs in (`POST /api/session`) and keeps the token for the sockets; the server also sets the cookie. */
export async function signIn(email: string, password: string) {
  const session = await call('signIn', { body: { email: email.trim(), password } });
  sessionToken.set(session.token);
  return session.user;
}

/** Signs out: the token is revoked on the server and forgotten here, whatever the server answers. */
export async function signOut(): Promise<void> {
  try {
    await call('signOut');
  } finally {
    sessionToken.set(undefined);
  }
}
