import { z } from 'zod';
import { evaluateCondition } from '../conditions/evaluate.ts';
import { conditionSchema } from '../conditions/schema.ts';
import { defineCard } from './defineCard.ts';
import { fieldMeta } from './fieldMeta.ts';

/** The port taken when no branch holds. */
export const ELSE_PORT = 'else';

const branchSchema = z.strictObject({
  /** The branch's port name. */
  id: z
    .string()
    .trim()
    .min(1, 'give the branch an id')
    .refine((id) => id !== ELSE_PORT, `"${ELSE_PORT}" is the port taken when no branch holds; choose another id`),
  when: conditionSchema
    .clone()
    .register(fieldMeta, { label: { en: 'When', ko: '조건' }, widget: { kind: 'condition' } }),
});

export const conditionCardSchema = z.strictObject({
  branches: z
    .array(branchSchema)
    .min(1, 'add at least one branch')
    .refine((b) => new Set(b.map((x) => x.id)).size === b.length, 'branch ids must be unique')
    .register(fieldMeta, {
      label: { en: 'Branches', ko: '분기' },
      help: {
        en: 'When no branch holds, the else port is taken.',
        ko: '어떤 분기도 맞지 않으면 그 외 포트로 갑니다.',
      },
      widget: {
        kind: 'list',
        idPrefix: 'b',
        layout: 'block',
        itemTitle: { en: 'Branch {n}', ko: '분기 {n}' },
        add: { en: 'Add branch', ko: '분기 추가' },
        newItem: (id) => ({ id, when: { attribute: 'email', op: 'isNotEmpty' } }),
      },
    }),
});
export type ConditionCardData = z.infer<typeof conditionCardSchema>;

/** Invisible: takes the first branch whose condition holds, else `else`. */
export const conditionCard = defineCard({
  type: 'condition',
  title: { en: 'Condition', ko: '조건' },
  version: 1,
  schema: conditionCardSchema,
  defaults: (): ConditionCardData => ({
    branches: [{ id: 'b1', when: { attribute: 'email', op: 'isNotEmpty' } }],
  }),
  ports: (d) => [...d.branches.map((b) => b.id), ELSE_PORT],
  texts: () => [],
  sets: () => [],
  interactive: false,
  enter: (d, ctx) => {
    const branch = d.branches.find((b) => evaluateCondition(b.when, ctx));
    return { kind: 'next', port: branch ? branch.id : ELSE_PORT, events: [] };
  },
});
