import { z } from 'zod';
import { defineOperation } from './operation.ts';
import { resultsQuery } from './results.ts';

/** One number per day of the answer's `days`, in the same order. */
const series = z.array(z.number().int());

export const dashboardSchema = z
  .object({
    from: z.string().meta({ description: 'The first UTC day (`YYYY-MM-DD`)' }),
    to: z.string().meta({ description: 'The last UTC day' }),
    days: z.array(z.string()).meta({ description: 'Every UTC day of the range, oldest first: the x axis' }),
    streams: z
      .array(
        z.object({
          streamId: z.string(),
          name: z.string(),
          started: series,
          engaged: series.meta({ description: 'Conversations whose visitor replied (engagements)' }),
          completed: series,
          goals: series.meta({ description: 'Goals reached, all names (conversions)' }),
          handoff: series,
          missed: series,
        }),
      )
      .meta({ description: 'Per stream, all versions together; streams with no conversation in the range left out' }),
    liveChat: z.object({
      requested: series,
      connected: series,
      missed: series,
      medianAcceptSec: z.number().nullable(),
    }),
    agents: z
      .array(
        z.object({
          agentId: z.string(),
          name: z.string(),
          offered: series.meta({ description: 'Chats offered to them (requests)' }),
          connected: series.meta({ description: 'Chats they accepted' }),
          missed: series.meta({ description: 'Offers that lapsed or that they declined' }),
          totals: z.object({
            offered: z.number().int(),
            connected: z.number().int(),
            missed: z.number().int(),
            medianAcceptSec: z
              .number()
              .nullable()
              .meta({ description: 'Upper bound of the time-to-accept bucket holding their median' }),
            meanAcceptSec: z.number().nullable(),
          }),
        }),
      )
      .meta({ description: 'Per agent who was offered a chat in the range' }),
  })
  .meta({
    id: 'Dashboard',
    examples: [
      {
        from: '2026-12-01',
        to: '2026-12-02',
        days: ['2026-12-01', '2026-12-02'],
        streams: [
          {
            streamId: 's_demo',
            name: 'Demo',
            started: [4, 6],
            engaged: [3, 5],
            completed: [1, 2],
            goals: [1, 1],
            handoff: [1, 2],
            missed: [0, 1],
          },
        ],
        liveChat: { requested: [1, 2], connected: [1, 1], missed: [0, 1], medianAcceptSec: 10 },
        agents: [
          {
            agentId: 'u_ann',
            name: 'Ann',
            offered: [1, 3],
            connected: [1, 1],
            missed: [0, 2],
            totals: { offered: 4, connected: 2, missed: 2, medianAcceptSec: 10, meanAcceptSec: 7.5 },
          },
        ],
      },
    ],
  });
export type Dashboard = z.infer<typeof dashboardSchema>;

/** At most this many days in one answer (a year and a day: every day is a point of every series). */
export const DASHBOARD_MAX_DAYS = 366;

export const getDashboard = defineOperation({
  operationId: 'getDashboard',
  method: 'GET',
  path: '/api/results/dashboard',
  tag: 'results',
  summary: 'Engagements, conversions and live-chat outcomes per day, per stream and per agent',
  description:
    'From the result counters (no scan of conversations), by the UTC day conversations started. `from` and `to` ' +
    'as for a stream’s results; default: the last 30 days. A range that cannot be read, is reversed, or spans ' +
    `more than ${DASHBOARD_MAX_DAYS} days answers 400 \`bad-range\`.`,
  access: 'admin',
  query: resultsQuery.pick({ from: true, to: true }),
  responses: { 200: { description: 'The series', schema: dashboardSchema } },
  errors: [400, 401, 403],
});
