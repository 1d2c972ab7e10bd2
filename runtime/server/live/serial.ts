/**
 * Runs one socket's frames one at a time, in order. A frame is handled synchronously when it can be (the hot
 * path: everything it needs is in memory); when its handler returns a promise (it had to read the store), the
 * frames after it wait until it settles, so a slow read never lets a later frame overtake an earlier one.
 */
export class Serial {
  private waiting: Array<() => void | Promise<void>> | undefined;

  /** `owner.failed` hears of a task that threw or rejected (an object, not a function: one is held per socket). */
  constructor(private readonly owner: { failed(err: unknown): void }) {}

  run(task: () => void | Promise<void>): void {
    if (this.waiting) this.waiting.push(task);
    else this.start(task);
  }

  private start(task: () => void | Promise<void>): void {
    const r = task();
    if (!r) return;
    this.waiting = [];
    r.catch((err: unknown) => this.owner.failed(err)).then(() => this.drain());
  }

  private drain(): void {
    const tasks = this.waiting!;
    this.waiting = undefined;
    while (tasks.length > 0) {
      if (this.waiting) return void (this.waiting as Array<() => void | Promise<void>>).push(...tasks);
      try {
        this.start(tasks.shift()!);
      } catch (err) {
        this.owner.failed(err);
      }
    }
  }
}
