/** A token bucket: `perSec` messages a second on average, bursts up to `burst`. Clients past it get `rate-limited`. */
export class RateLimit {
  private tokens: number;
  private last = 0;

  constructor(
    private readonly perSec: number,
    private readonly burst: number,
  ) {
    this.tokens = burst;
  }

  take(now: number): boolean {
    this.tokens = Math.min(this.burst, this.tokens + ((now - this.last) / 1000) * this.perSec);
    this.last = now;
    if (this.tokens < 1) return false;
    this.tokens -= 1;
    return true;
  }
}
