import type { Decision, Note } from './types.ts';

/**
 * The readable form of decisions (`route-sim --explain`, the admin's decision log): one headline per decision
 * with the time, the visitor and what happened, and the `why` under it. Ignored events are shown as notes.
 */
export function explainDecision(d: Decision): string {
  const what =
    d.event === 'fallback'
      ? `fallback (${d.reason})`
      : d.event === 'queued'
        ? `queued #${d.position} in ${d.pool}`
        : [d.event, d.agent, d.reason && `(${d.reason})`].filter(Boolean).join(' ');
  const tags = `${d.retry ? ' [retry]' : ''}${d.transfer ? ' [transfer]' : ''}${d.fallbackToRoundRobin ? ' [round robin]' : ''}`;
  return `${stamp(d.at)}  ${d.visitor}  ${what}${tags}\n${' '.repeat(STAMP + 2)}why: ${d.why}`;
}

export function explainNote(n: Note): string {
  return `${stamp(n.at)}  ${n.visitor ?? n.agent ?? ''}  (no change) ${n.text}`;
}

const STAMP = 9;

function stamp(at: number): string {
  return `t=${Math.round(at * 1000) / 1000}s`.padEnd(STAMP);
}
