import { createHash, randomBytes } from 'node:crypto';

/** Sessions last 30 days; only a hash of the token is stored, so a copy of the database signs nobody in. */
export const SESSION_TTL_MS = 30 * 24 * 3600 * 1000;

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('base64url');
}

export function newToken(): string {
  return randomBytes(32).toString('base64url');
}

/** A token no session can have: too long or empty (answered without asking the store). */
export function impossibleToken(token: string): boolean {
  return !token || token.length > 200;
}

/** Sign-in sessions (part of the people aggregate with `Users`). */
export interface Sessions {
  /** A new session for `userId`; resolves with the token (shown once, never stored) once it is durable. */
  create(userId: string, now?: number): Promise<string>;
  userId(token: string, now?: number): Promise<string | undefined>;
  revoke(token: string): Promise<void>;
  /** Ends every session of `userId`, except `keep` (the one that changed its own password). */
  revokeUser(userId: string, keep?: string): Promise<void>;
  /** Deletes expired sessions (the retention job); resolves with how many. */
  purgeExpired(now?: number): Promise<number>;
}
