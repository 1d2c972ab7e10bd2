import type { Decision, Note, StepResult, TimerArm, VisitorRecord } from './types.ts';

/** Collects what one step decided; `result()` hands it out with the touched visitor records. */
export class Output {
  readonly decisions: Decision[] = [];
  readonly arm: TimerArm[] = [];
  readonly cancel: string[] = [];
  readonly notes: Note[] = [];
  private readonly touched: VisitorRecord[] = [];
  private readonly queues: string[] = [];

  /** A pool's queue changed (someone joined or left): the runtime tells the waiting visitors their new place. */
  queueChanged(pool: string): void {
    if (!this.queues.includes(pool)) this.queues.push(pool);
  }

  decide(record: VisitorRecord, decision: Decision): void {
    this.decisions.push(decision);
    if (!this.touched.includes(record)) this.touched.push(record);
  }

  note(note: Note): void {
    this.notes.push(note);
  }

  result(): StepResult {
    // The engine's own records, not copies: copying every record on every step was a third of a decision's cost.
    const records = this.touched;
    const timers = { arm: this.arm, cancel: this.cancel };
    return { decisions: this.decisions, timers, records, notes: this.notes, queues: this.queues };
  }
}

/** A copy the caller may keep: the engine goes on mutating its own record. */
export function copyRecord(r: VisitorRecord): VisitorRecord {
  return {
    ...r,
    offer: r.offer && { ...r.offer },
    queue: r.queue && { ...r.queue },
    transfer: r.transfer && { ...r.transfer },
  };
}
