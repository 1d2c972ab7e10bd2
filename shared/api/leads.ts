import { z } from 'zod';
import { defineOperation, idParam, intQuery } from './operation.ts';
import { rangeEnd } from './results.ts';
import { MAX_QUERY_LENGTH } from './searchLimits.ts';

/** A conversation's outcome (SPEC §8.7), as results and `conversation.ended` name it. */
export const outcomeSchema = z.enum(['open', 'completed', 'handoff', 'missed', 'dropped']);

/** The largest page of the leads table: a larger `limit` answers 400 (it is not clamped). */
export const MAX_LEADS_PAGE = 200;

/** The filters of the leads table and of its CSV. */
const leadFilters = {
  q: z
    .string()
    .max(MAX_QUERY_LENGTH)
    .optional()
    .meta({ description: "Words found in the visitor's captured values or the transcript (docs/search.md)" }),
  version: intQuery().positive().optional().meta({ description: 'Only conversations on this published version' }),
  outcome: outcomeSchema.optional(),
  goal: z.string().min(1).max(200).optional().meta({ description: 'Only conversations whose last goal is this one' }),
  from: rangeEnd.optional().meta({ description: 'Started on this UTC day or later (`YYYY-MM-DD` or epoch ms)' }),
  to: rangeEnd.optional().meta({ description: 'Started on this UTC day or earlier (`YYYY-MM-DD` or epoch ms)' }),
};

export const leadsQuery = z.object({
  stream: z.string().min(1).max(100).optional().meta({ description: 'Only this stream (404 if unknown)' }),
  ...leadFilters,
  limit: intQuery()
    .min(1)
    .max(MAX_LEADS_PAGE)
    .default(50)
    .meta({ description: `Rows per page, 1–${MAX_LEADS_PAGE} (more answers 400)` }),
  cursor: z
    .string()
    .max(200)
    .optional()
    .meta({ description: 'The `next` of the page before: the rows after it (newest first)' }),
});

export const leadSchema = z.object({
  conversationId: z.string(),
  streamId: z.string(),
  version: z.number().int(),
  startedAt: z.number().int().meta({ description: 'Epoch ms' }),
  outcome: outcomeSchema,
  goal: z.string().nullable().meta({ description: 'The last goal reached' }),
  score: z.number().meta({ description: 'The sum of the scores of the goals reached' }),
  agent: z.object({ id: z.string(), name: z.string() }).nullable(),
  page: z.string().nullable().meta({ description: "The page of the conversation's visitor context" }),
  attributes: z.record(z.string(), z.string()).meta({ description: 'The attributes this conversation captured' }),
});
export type Lead = z.infer<typeof leadSchema>;

export const leadsPageSchema = z
  .object({
    attributes: z.array(z.string()).meta({ description: 'The attributes captured in the stream (or all), sorted' }),
    rows: z.array(leadSchema),
    next: z.string().nullable().meta({ description: 'The cursor of the next page; null on the last one' }),
  })
  .meta({
    id: 'LeadsPage',
    examples: [
      {
        attributes: ['email', 'firstName'],
        rows: [
          {
            conversationId: 'c_8Fq2kP0aZx1m',
            streamId: 's_demo',
            version: 1,
            startedAt: 1796601600000,
            outcome: 'handoff',
            goal: 'sales-lead',
            score: 10,
            agent: { id: 'u_alex', name: 'Alex Agent' },
            page: 'https://example.com/pricing',
            attributes: { email: 'ada@example.com', firstName: 'Ada' },
          },
        ],
        next: '1796601600000.c_8Fq2kP0aZx1m',
      },
    ],
  });

export const listLeads = defineOperation({
  operationId: 'listLeads',
  method: 'GET',
  path: '/api/leads',
  tag: 'results',
  summary: 'The leads and conversations table: one row per conversation, newest first, filtered, in pages',
  description:
    'A range that cannot be read, or whose `from` is after its `to`, answers 400 `bad-range` naming the field; ' +
    `\`limit\` past ${MAX_LEADS_PAGE} answers 400; an unknown stream or version 404.`,
  access: 'marketer',
  query: leadsQuery,
  responses: { 200: { description: 'One page of rows', schema: leadsPageSchema } },
  errors: [400, 401, 403, 404],
});

export const exportLeads = defineOperation({
  operationId: 'exportLeads',
  method: 'GET',
  path: '/api/streams/{id}/leads.csv',
  tag: 'results',
  summary: "A stream's leads as CSV, streamed: one row per conversation, newest first",
  description:
    'UTF-8 without BOM, a header row `conversationId,startedAt,version,outcome,goal,score,agent,page` then one ' +
    "column per attribute captured in the stream's conversations, sorted by name (SPEC §8.7). Written as it is " +
    'read, in batches, however many rows; the filters are those of the table. A text cell that starts with ' +
    '`=`, `+`, `-`, `@`, a tab or a carriage return gets a single quote in front, so that a spreadsheet never ' +
    "runs a visitor's text as a formula (OWASP: CSV injection).",
  access: 'marketer',
  params: z.object({ id: idParam }),
  query: z.object(leadFilters),
  responses: {
    200: {
      description: 'The CSV',
      contentType: 'text/csv; charset=utf-8',
      example: 'conversationId,startedAt,version,outcome,goal,score,agent,page,email,name\n',
    },
  },
  errors: [400, 401, 403, 404],
});

export const erasureSchema = z
  .object({
    id: z.number().int(),
    at: z.number().int().meta({ description: 'Epoch ms' }),
    actor: z.string().nullable().meta({ description: 'The admin who asked' }),
    subject: z
      .string()
      .meta({ description: '`sha256:` + the SHA-256 of the lower-case email (the email is not kept)' }),
    conversations: z.number().int().meta({ description: 'Conversations deleted' }),
    visitors: z.number().int().meta({ description: 'Visitors deleted (none of their conversations left)' }),
    rows: z.number().int().meta({ description: 'Rows deleted across every table' }),
    kept: z.number().int().meta({ description: 'Conversations in a live chat now: kept; erase again once they end' }),
  })
  .meta({
    id: 'Erasure',
    examples: [
      {
        id: 1,
        at: 1796601600000,
        actor: 'u_admin',
        subject: 'sha256:0c7e6a405862e402eb76a70f8a26fc732d07c32931e9fae9ab1582911d2e8a3b',
        conversations: 2,
        visitors: 1,
        rows: 9,
        kept: 0,
      },
    ],
  });

export const eraseLeads = defineOperation({
  operationId: 'eraseLeads',
  method: 'POST',
  path: '/api/erasures',
  tag: 'results',
  summary: "Deletes a person's data by email: their conversations, captures, transcripts; results' counts stay",
  description:
    'Finds the person by a captured email, their visitor profile or a missed chat, deletes every conversation of ' +
    'their browsers with its rows, and records an audit entry (who, when, the email hashed, how many rows).',
  access: 'admin',
  body: z.object({ email: z.string().trim().min(3).max(320) }),
  bodyExample: { email: 'ada@example.com' },
  responses: { 200: { description: 'What was deleted (the audit entry)', schema: erasureSchema } },
  errors: [400, 401, 403],
});

export const listErasures = defineOperation({
  operationId: 'listErasures',
  method: 'GET',
  path: '/api/erasures',
  tag: 'results',
  summary: "The audit entries of deletions of a person's data, newest first",
  access: 'admin',
  query: z.object({ limit: intQuery().min(1).max(500).default(50) }),
  responses: { 200: { description: 'Audit entries', schema: z.array(erasureSchema) } },
  errors: [400, 401, 403],
});
