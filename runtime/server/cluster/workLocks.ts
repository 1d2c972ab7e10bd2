import { randomBytes } from 'node:crypto';
import type { RedisBus } from './redisBus.ts';

/** Lets go of a lock (a no-op once it expired or another holder took it). */
export type Release = () => void;

/**
 * Short locks for work that one node can do for all (a co-editing draft's compaction and layout migration; an
 * action on a conversation that must run once: `Hub.exclusively`), so that two nodes do not do the same work at
 * once. Only an optimisation: a holder whose lock expires mid-work may overlap the next one, so the work itself
 * must stay safe to do twice (the draft's writes are conditional on the rows they read: DraftRows.replace; a
 * conversation's action stores a key a second one cannot: Conversations.addKey), and a node that cannot reach
 * Redis goes on without the lock (the draft's work) or does not act now (a conversation's).
 */
export interface WorkLocks {
  /** Takes lock `name` for at most `ttlMs`: its release, or null while another holder has it. */
  take(name: string, ttlMs: number): Promise<Release | null>;
}

/** One node alone: every lock is granted at once. */
export const aloneLocks: WorkLocks = {
  take: async () => () => {},
};

/** Deletes the key only while it still holds this taker's token (not a later holder's). */
const RELEASE = `if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) else return 0 end`;

/** Locks as Redis keys `lock:NAME` set with NX and an expiry, holding a random token per taking. */
export function redisLocks(redis: RedisBus, onError: (err: unknown, where: string) => void): WorkLocks {
  return {
    async take(name, ttlMs) {
      const key = redis.key(`lock:${name}`);
      const token = randomBytes(12).toString('base64url');
      const ok = await redis.commands.set(key, token, 'PX', ttlMs, 'NX');
      if (ok !== 'OK') return null;
      return () =>
        void redis.commands.eval(RELEASE, 1, key, token).catch((err: unknown) => onError(err, `release of ${name}`));
    },
  };
}
