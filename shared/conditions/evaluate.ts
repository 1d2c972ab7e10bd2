import type { Condition } from './schema.ts';

/** What a condition may look at; the caller provides both (engine, routing engine, simulate, preview). */
export interface ConditionFacts {
  attributes: Readonly<Record<string, string | undefined>>;
  agentsAvailable(teamId?: string): boolean;
}

/**
 * Evaluates a condition (SPEC §2): text is compared trimmed and case-insensitively, `greaterThan`/`lessThan`
 * compare numbers (false when either side is not a number), an unknown attribute is empty.
 * `all: []` holds and `any: []` does not, as in logic.
 */
export function evaluateCondition(cond: Condition, facts: ConditionFacts): boolean {
  if ('all' in cond) return cond.all.every((c) => evaluateCondition(c, facts));
  if ('any' in cond) return cond.any.some((c) => evaluateCondition(c, facts));
  if ('agentsAvailable' in cond) return facts.agentsAvailable(cond.teamId);
  const actual = normalise(facts.attributes[cond.attribute]);
  const expected = normalise(cond.value);
  switch (cond.op) {
    case 'is':
      return actual === expected;
    case 'isNot':
      return actual !== expected;
    case 'contains':
      return actual.includes(expected);
    case 'startsWith':
      return actual.startsWith(expected);
    case 'isEmpty':
      return actual === '';
    case 'isNotEmpty':
      return actual !== '';
    case 'greaterThan':
    case 'lessThan': {
      const a = toNumber(actual);
      const b = toNumber(expected);
      if (a === undefined || b === undefined) return false;
      return cond.op === 'greaterThan' ? a > b : a < b;
    }
    default: {
      const never: never = cond.op;
      throw new Error(`unknown condition operator ${String(never)}`);
    }
  }
}

function normalise(v: string | number | undefined): string {
  return v === undefined ? '' : String(v).trim().toLowerCase();
}

function toNumber(s: string): number | undefined {
  if (s === '') return undefined;
  const n = Number(s);
  return Number.isFinite(n) ? n : undefined;
}
