import { randomBytes, timingSafeEqual } from 'node:crypto';
import { HashPool } from '../security/hashPool.ts';

/** scrypt parameters (OWASP's minimum for scrypt: N=2^17 is ideal, 2^15 keeps sign-in under ~50 ms here). */
const N = 1 << 15;
const R = 8;
const P = 1;
const KEYLEN = 32;

let pool: HashPool | undefined;

/**
 * The process's password-hashing threads (security/hashPool.ts: never libuv's pool, which the store's syncs use).
 * `TRIBUTARY_HASH_WORKERS` threads (default 1), created on first use; at most 16 hashes wait (past that: PoolBusy,
 * answered 429), so a sign-in that gets in line is answered within 17 hashes' time.
 */
export function passwordPool(): HashPool {
  pool ??= new HashPool(Math.max(1, Number(process.env.TRIBUTARY_HASH_WORKERS) || 1), 16);
  return pool;
}

function derive(password: string, salt: Buffer, opts: { N: number; r: number; p: number }): Promise<Buffer> {
  if (!(opts.N > 1 && opts.N <= 1 << 20 && opts.r >= 1 && opts.r <= 32 && opts.p >= 1 && opts.p <= 16))
    return Promise.reject(new Error('unsupported scrypt parameters'));
  return passwordPool().scrypt(password, salt, KEYLEN, opts);
}

/** `scrypt$N$r$p$salt$hash` (base64url), so that parameters can be raised later without breaking old hashes. */
export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await derive(password, salt, { N, r: R, p: P });
  return ['scrypt', N, R, P, salt.toString('base64url'), key.toString('base64url')].join('$');
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [kind, n, r, p, salt, hash] = stored.split('$');
  if (kind !== 'scrypt' || !salt || !hash) return false;
  const expected = Buffer.from(hash, 'base64url');
  const key = await derive(password, Buffer.from(salt, 'base64url'), { N: Number(n), r: Number(r), p: Number(p) });
  return key.length === expected.length && timingSafeEqual(key, expected);
}

/** A hash that matches no password: verified against when the email is unknown, so timing gives nothing away. */
export const DUMMY_HASH = `scrypt$${N}$${R}$${P}$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA`;
