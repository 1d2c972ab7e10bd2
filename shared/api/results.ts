import { z } from 'zod';
import { defineOperation, idParam, intQuery } from './operation.ts';

/**
 * A day or a moment of a results range: `YYYY-MM-DD` (a UTC day) or epoch milliseconds. Counts are kept per UTC
 * day of a conversation's start, so a range selects whole days: the days of `from` through `to`, inclusive.
 */
export const rangeEnd = z
  .string()
  .max(30)
  .meta({ description: 'A UTC day `YYYY-MM-DD` or epoch milliseconds; whole days, inclusive', example: '2026-12-01' });

export const resultsQuery = z.object({
  version: intQuery().positive().optional().meta({ description: 'Default: the latest published version' }),
  from: rangeEnd.optional(),
  to: rangeEnd.optional(),
});

const count = z.number().int();

export const resultsSchema = z
  .object({
    streamId: z.string(),
    version: z.number().int().nullable().meta({ description: 'null when the stream was never published' }),
    from: z.string().nullable().meta({ description: 'The first UTC day counted (null: all time)' }),
    to: z.string().nullable().meta({ description: 'The last UTC day counted (null: all time)' }),
    cards: z
      .record(
        z.string(),
        z.object({
          reached: count.meta({ description: 'Conversations that entered the card' }),
          answered: count.meta({ description: 'Valid replies that moved on (questions and captures)' }),
          left: count.meta({ description: 'Conversations waiting at the card: who stopped here (drop-off)' }),
        }),
      )
      .meta({ description: 'By card id; cards nobody reached are left out' }),
    edges: z
      .array(z.object({ from: z.string(), port: z.string(), to: z.string(), count }))
      .meta({ description: 'Moves along each edge' }),
    outcomes: z.object({
      started: count,
      engaged: count.meta({ description: 'Conversations whose visitor replied at least once' }),
      completed: count.meta({ description: 'Reached the end of a branch' }),
      handoff: count.meta({ description: 'Reached a live-chat card' }),
      missed: count.meta({ description: 'Handed off, and nobody took the chat (a fallback)' }),
      dropped: count.meta({ description: 'The visitor closed the conversation while the bot waited' }),
    }),
    goals: z.record(z.string(), count).meta({ description: 'Goal cards reached, by goal name' }),
    scores: z.record(z.string(), count).meta({ description: 'Sum of the scores of each goal' }),
    liveChat: z.object({
      requested: count,
      connected: count,
      missed: count,
      medianAcceptSec: z
        .number()
        .nullable()
        .meta({ description: 'Median time from request to accept, from buckets (upper bound of its bucket)' }),
      meanAcceptSec: z.number().nullable(),
    }),
  })
  .meta({
    id: 'Results',
    examples: [
      {
        streamId: 's_demo',
        version: 1,
        from: null,
        to: null,
        cards: { hello: { reached: 10, answered: 0, left: 0 }, ask: { reached: 10, answered: 8, left: 2 } },
        edges: [{ from: 'hello', port: 'next', to: 'ask', count: 10 }],
        outcomes: { started: 10, engaged: 8, completed: 5, handoff: 3, missed: 1, dropped: 1 },
        goals: { 'sales-lead': 3 },
        scores: {},
        liveChat: { requested: 3, connected: 2, missed: 1, medianAcceptSec: 10, meanAcceptSec: 8.5 },
      },
    ],
  });
export type StreamResults = z.infer<typeof resultsSchema>;

export const getResults = defineOperation({
  operationId: 'getResults',
  method: 'GET',
  path: '/api/streams/{id}/results',
  tag: 'results',
  summary: 'What one published version of a stream achieved: counts per card and edge, outcomes, goals, live chats',
  description:
    'Read from counters kept as conversations move (no scan of conversations), so any range answers at once. ' +
    'A range that cannot be read, or whose `from` is after its `to`, answers 400 `bad-range`. The answer carries ' +
    'an `ETag` and `Cache-Control: no-cache`: a client polling for live counts (the editor while its results are ' +
    'shown) sends `If-None-Match` and gets 304 without a body while nothing moved.',
  access: 'marketer',
  params: z.object({ id: idParam }),
  query: resultsQuery,
  responses: {
    200: { description: 'The results', schema: resultsSchema },
    304: { description: 'Not modified: nothing counted since the answer whose `ETag` was sent as `If-None-Match`' },
  },
  errors: [400, 401, 403, 404],
});
