import type { Counters } from './counters.ts';

/** Failures are counted over this window; a success clears the account's count (never the address's). */
const WINDOW_MS = 15 * 60_000;
/** The wait once the limit is reached; each further failure doubles it. */
const FIRST_BACKOFF_MS = 30_000;
/** The longest a client is told to wait. */
const MAX_BACKOFF_MS = 15 * 60_000;

export interface ThrottleLimits {
  perAccount: number;
  perAddress: number;
}

/**
 * Failed sign-ins per account and per client address (SPEC §8.8). Up to the limit a failure costs nothing; each
 * failure past it doubles the wait after the latest failure (30 s, 1 min, 2 min, … up to 15 min). While a key waits,
 * sign-ins are answered 429 with `Retry-After` before any password is hashed, so a flood costs no CPU.
 * Successful sign-ins are not counted.
 */
export class SignInThrottle {
  constructor(
    private readonly counters: Counters,
    private readonly limits: ThrottleLimits,
  ) {}

  /** Milliseconds to wait before this sign-in may be tried, or 0. */
  wait(account: string, address: string, now: number): number {
    return Math.max(
      this.waitOf(`signin:acct:${account}`, this.limits.perAccount, now),
      this.waitOf(`signin:addr:${address}`, this.limits.perAddress, now),
    );
  }

  /**
   * An attempt starts: it counts as a failure until it succeeds, so that a burst of concurrent attempts is held
   * to the limit too (they would all pass `wait` before the first one failed).
   */
  attempt(account: string, address: string, now: number): void {
    this.counters.add(`signin:acct:${account}`, WINDOW_MS, now);
    this.counters.add(`signin:addr:${address}`, WINDOW_MS, now);
  }

  /** The attempt was never checked (the hashing threads were busy): it counts for nothing. */
  takeBack(account: string, address: string, now: number): void {
    this.counters.add(`signin:acct:${account}`, WINDOW_MS, now, -1);
    this.counters.add(`signin:addr:${address}`, WINDOW_MS, now, -1);
  }

  /** The attempt succeeded: it is taken back from the address, and the account's failures are cleared. */
  succeeded(account: string, address: string, now: number): void {
    this.counters.clear(`signin:acct:${account}`);
    this.counters.add(`signin:addr:${address}`, WINDOW_MS, now, -1);
  }

  private waitOf(key: string, limit: number, now: number): number {
    const w = this.counters.peek(key, now);
    if (w.count < limit) return 0;
    const backoff = Math.min(MAX_BACKOFF_MS, FIRST_BACKOFF_MS * 2 ** Math.min(20, w.count - limit));
    return Math.max(0, Math.min(w.last + backoff, w.resetAt) - now);
  }
}
