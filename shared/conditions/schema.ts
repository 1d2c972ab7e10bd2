import { z } from 'zod';

/** Operators of an attribute comparison (SPEC §2). */
export const CONDITION_OPS = [
  'is',
  'isNot',
  'contains',
  'startsWith',
  'isEmpty',
  'isNotEmpty',
  'greaterThan',
  'lessThan',
] as const;
export type ConditionOp = (typeof CONDITION_OPS)[number];

export type Condition =
  | { attribute: string; op: ConditionOp; value?: string | number }
  | { agentsAvailable: true; teamId?: string }
  | { all: Condition[] }
  | { any: Condition[] };

/**
 * The condition language shared by `condition` cards and the workspace's routing rules (SPEC §2, §4).
 * Strict objects, so that a typo in a key is an error and not a condition that silently always holds.
 */
export const conditionSchema: z.ZodType<Condition> = z.lazy(() =>
  z.union([
    z
      .object({
        attribute: z.string().trim().min(1, 'name the attribute to compare'),
        op: z.enum(CONDITION_OPS),
        value: z.union([z.string(), z.number()]).optional(),
      })
      .strict()
      .refine((c) => c.op === 'isEmpty' || c.op === 'isNotEmpty' || c.value !== undefined, {
        message: 'this operator needs a value',
        path: ['value'],
      }),
    z.object({ agentsAvailable: z.literal(true), teamId: z.string().min(1).optional() }).strict(),
    z.object({ all: z.array(conditionSchema) }).strict(),
    z.object({ any: z.array(conditionSchema) }).strict(),
  ]),
);
