import { z } from 'zod';
import type { GoalEvent } from '../engine/events.ts';
import { NEXT_PORT } from '../stream/model.ts';
import { defineCard } from './defineCard.ts';
import { fieldMeta } from './fieldMeta.ts';

export const goalSchema = z.strictObject({
  name: z
    .string()
    .trim()
    .min(1, 'name the goal')
    .register(fieldMeta, { label: { en: 'Goal name', ko: '목표 이름' }, widget: { kind: 'text' } }),
  score: z
    .number()
    .int('the score is a whole number')
    .min(0)
    .max(3, 'the score is 0 to 3')
    .optional()
    .register(fieldMeta, {
      label: { en: 'Score (0–3)', ko: '점수 (0–3)' },
      widget: { kind: 'choice', options: [0, 1, 2, 3].map((n) => ({ value: n, label: { en: `${n}`, ko: `${n}` } })) },
    }),
});
export type GoalData = z.infer<typeof goalSchema>;

/** Invisible: records that the visitor reached a goal (a conversation may reach many). */
export const goalCard = defineCard({
  type: 'goal',
  title: { en: 'Goal', ko: '목표' },
  version: 1,
  schema: goalSchema,
  defaults: (): GoalData => ({ name: 'engaged' }),
  ports: () => [NEXT_PORT],
  texts: () => [],
  sets: () => [],
  interactive: false,
  enter: (d, ctx) => {
    const event: GoalEvent = { type: 'goal', cardId: ctx.cardId, name: d.name };
    if (d.score !== undefined) event.score = d.score;
    return { kind: 'next', port: NEXT_PORT, events: [event] };
  },
});
