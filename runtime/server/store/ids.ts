import { randomBytes } from 'node:crypto';

/** A random opaque id with a readable prefix (`c_…` conversation, `v_…` visitor, …): 72 bits, URL-safe. */
export function newId(prefix: string): string {
  return `${prefix}_${randomBytes(9).toString('base64url')}`;
}
