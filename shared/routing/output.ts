import type { Decision, Note, StepResult, TimerArm, VisitorRecord } from './types.ts';

/** Collects what one step decided; `result()` hands it out with copies of the touched visitor records. */
export class Output {
  readonly decisions: Decision[] = [];
  readonly arm: TimerArm[] = [];
  readonly cancel: string[] = [];
  readonly notes: Note[] = [];
  private readonly touched = new Set<VisitorRecord>();

  decide(record: VisitorRecord, decision: Decision): void {
    this.decisions.push(decision);
    record.decisions.push(decision);
    this.touched.add(record);
  }

  note(note: Note): void {
    this.notes.push(note);
  }

  result(): StepResult {
    const records = [...this.touched].map(copyRecord);
    return { decisions: this.decisions, timers: { arm: this.arm, cancel: this.cancel }, records, notes: this.notes };
  }
}

/** A copy the caller may keep: the engine goes on mutating its own record. */
export function copyRecord(r: VisitorRecord): VisitorRecord {
  return { ...r, offer: r.offer && { ...r.offer }, decisions: r.decisions.slice() };
}
