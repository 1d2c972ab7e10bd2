import type { Decision, Note, StepResult, TimerArm, VisitorRecord } from './types.ts';

/** Collects what one step decided; `result()` hands it out with the touched visitor records. */
export class Output {
  readonly decisions: Decision[] = [];
  readonly arm: TimerArm[] = [];
  readonly cancel: string[] = [];
  readonly notes: Note[] = [];
  private readonly touched: VisitorRecord[] = [];

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
    return { decisions: this.decisions, timers: { arm: this.arm, cancel: this.cancel }, records, notes: this.notes };
  }
}

/** A copy the caller may keep: the engine goes on mutating its own record. */
export function copyRecord(r: VisitorRecord): VisitorRecord {
  return { ...r, offer: r.offer && { ...r.offer } };
}
