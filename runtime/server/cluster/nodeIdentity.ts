import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';

/** Who this runtime process is among the nodes serving one workspace. */
export interface NodeIdentity {
  /** Unique among the nodes (and among a node's restarts: a restarted node is a new node). */
  readonly id: string;
  /** When this process started (ms since the epoch). */
  readonly startedAt: number;
}

/**
 * The node's identity: `NODE_ID` when set (operators like names they can read in logs), followed by a random
 * suffix either way, so that a node restarted under the same name is never mistaken for its dead predecessor
 * (whose presence and lease may still be in Redis for a few seconds).
 */
export function nodeIdentity(env: NodeJS.ProcessEnv = process.env, now = Date.now()): NodeIdentity {
  const base = env.NODE_ID?.trim() || `${hostname()}-${process.pid}`;
  return { id: `${base}-${randomBytes(3).toString('hex')}`, startedAt: now };
}
