import { z } from 'zod';
import { conditionSchema, type Condition } from './schema.ts';

/** Deepest `all` / `any` nesting a condition may have: deeper is beyond what a person reads and edits. */
export const MAX_CONDITION_DEPTH = 16;

/**
 * How deep `all` / `any` lists nest in a raw condition (an attribute comparison is 0), counted with a stack, not
 * recursion: a condition may nest 100,000 deep. Counting stops one past `MAX_CONDITION_DEPTH`.
 */
export function conditionDepth(when: unknown): number {
  let max = 0;
  const stack: [unknown, number][] = [[when, 0]];
  while (stack.length) {
    const [c, d] = stack.pop()!;
    const list = (c as { all?: unknown; any?: unknown } | null)?.all ?? (c as { any?: unknown } | null)?.any;
    if (!Array.isArray(list)) continue;
    max = Math.max(max, d + 1);
    if (max > MAX_CONDITION_DEPTH) return max;
    for (const x of list) stack.push([x, d + 1]);
  }
  return max;
}

/** The message for a condition past the limit (routing rules' 400 and the lint rule say the same). */
export const TOO_DEEP = `nests "all"/"any" more than ${MAX_CONDITION_DEPTH} levels deep; at most ${MAX_CONDITION_DEPTH} are allowed`;

/**
 * `conditionSchema` with the depth limit, for conditions that arrive outside a stream document (routing rules): too
 * deep is a clear issue on the field. (Bodies nesting past 64 levels are refused before any schema reads them, so the
 * recursive schema itself cannot overflow the stack here.)
 */
export const boundedConditionSchema: z.ZodType<Condition> = conditionSchema.superRefine((value, ctx) => {
  if (conditionDepth(value) > MAX_CONDITION_DEPTH) ctx.addIssue({ code: 'custom', message: TOO_DEEP });
});
