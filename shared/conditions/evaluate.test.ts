import { describe, expect, it } from 'vitest';
import { evaluateCondition } from './evaluate.ts';
import { conditionSchema } from './schema.ts';

const facts = (attributes: Record<string, string>, available = false) => ({
  attributes,
  agentsAvailable: (teamId?: string) => available && teamId !== 'empty',
});

describe('evaluateCondition', () => {
  it('compares text trimmed and case-insensitively', () => {
    expect(evaluateCondition({ attribute: 'company', op: 'is', value: 'acme' }, facts({ company: '  ACME ' }))).toBe(
      true,
    );
    expect(evaluateCondition({ attribute: 'company', op: 'isNot', value: 'acme' }, facts({ company: 'Acme' }))).toBe(
      false,
    );
    expect(
      evaluateCondition({ attribute: 'email', op: 'contains', value: '@ACME' }, facts({ email: 'a@acme.com' })),
    ).toBe(true);
    expect(
      evaluateCondition({ attribute: 'jobTitle', op: 'startsWith', value: 'vp' }, facts({ jobTitle: 'VP Sales' })),
    ).toBe(true);
  });

  it('treats an unknown attribute as empty', () => {
    expect(evaluateCondition({ attribute: 'phone', op: 'isEmpty' }, facts({}))).toBe(true);
    expect(evaluateCondition({ attribute: 'phone', op: 'isNotEmpty' }, facts({}))).toBe(false);
    expect(evaluateCondition({ attribute: 'phone', op: 'is', value: '' }, facts({}))).toBe(true);
  });

  it('compares numbers for greaterThan and lessThan, and never holds for non-numbers', () => {
    expect(evaluateCondition({ attribute: 'size', op: 'greaterThan', value: 50 }, facts({ size: '120' }))).toBe(true);
    expect(evaluateCondition({ attribute: 'size', op: 'lessThan', value: '50' }, facts({ size: '9' }))).toBe(true);
    expect(evaluateCondition({ attribute: 'size', op: 'greaterThan', value: 5 }, facts({ size: 'lots' }))).toBe(false);
    expect(evaluateCondition({ attribute: 'size', op: 'lessThan', value: 5 }, facts({}))).toBe(false);
  });

  it('combines with all and any, and asks the caller about agents', () => {
    const c = {
      all: [{ agentsAvailable: true as const }, { any: [{ attribute: 'a', op: 'is' as const, value: 'x' }] }],
    };
    expect(evaluateCondition(c, facts({ a: 'x' }, true))).toBe(true);
    expect(evaluateCondition(c, facts({ a: 'x' }, false))).toBe(false);
    expect(evaluateCondition({ agentsAvailable: true, teamId: 'empty' }, facts({}, true))).toBe(false);
    expect(evaluateCondition({ all: [] }, facts({}))).toBe(true);
    expect(evaluateCondition({ any: [] }, facts({}))).toBe(false);
  });
});

describe('conditionSchema', () => {
  it('accepts every form and rejects typos and missing values', () => {
    expect(
      conditionSchema.safeParse({ any: [{ attribute: 'a', op: 'isEmpty' }, { agentsAvailable: true }] }).success,
    ).toBe(true);
    expect(conditionSchema.safeParse({ attribute: 'a', op: 'is' }).success).toBe(false);
    expect(conditionSchema.safeParse({ attribute: 'a', op: 'equals', value: 'x' }).success).toBe(false);
    expect(conditionSchema.safeParse({ attribute: 'a', op: 'is', value: 'x', extra: 1 }).success).toBe(false);
  });
});
