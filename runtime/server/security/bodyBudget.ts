/**
 * One budget for every request body being read at once (SPEC §8.8, default 64 MiB): a body reserves its declared
 * length (or, chunked, each chunk as it comes) before it is buffered, and gives it back when its handler is done or
 * the client goes away. A request that does not fit is refused with 503 before its body is read, so slow uploads
 * can hold at most the budget, not the sum of every route's limit.
 */
export class BodyBudget {
  private used = 0;

  constructor(
    readonly max: number,
    private readonly onRefuse: () => void = () => {},
  ) {}

  get inFlight(): number {
    return this.used;
  }

  reserve(bytes: number): boolean {
    if (this.used + bytes > this.max) {
      this.onRefuse();
      return false;
    }
    this.used += bytes;
    return true;
  }

  release(bytes: number): void {
    this.used = Math.max(0, this.used - bytes);
  }
}
