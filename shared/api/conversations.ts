import { z } from 'zod';
import { transcriptItemSchema } from '../protocol/common.ts';
import { conversationStatusSchema } from '../protocol/visitor.ts';
import { defineOperation, idParam, intQuery } from './operation.ts';
import { decisionSchema } from './routing.ts';
import { MAX_QUERY_LENGTH, MAX_QUERY_WORDS } from './searchLimits.ts';

const conversationExample = {
  id: 'c_5d1e',
  visitorId: 'v_77aa',
  visitor: { firstName: 'Jo', email: 'jo@example.com' },
  dialogueId: 'd_02aa',
  dialogueName: 'Demo',
  streamId: 's_81c0',
  version: 1,
  status: 'live',
  agentId: 'u_4f2a',
  agentName: 'Alex Agent',
  startedAt: 1765000000000,
  connectedAt: 1765000030000,
  endedAt: null,
  endReason: null,
  lastSeq: 9,
};

export const conversationSchema = z
  .object({
    id: z.string(),
    visitorId: z.string(),
    visitor: z.record(z.string(), z.string()).meta({ description: "The visitor's captured profile" }),
    dialogueId: z.string(),
    dialogueName: z.string().nullable(),
    streamId: z.string(),
    version: z.number().int(),
    status: conversationStatusSchema,
    agentId: z.string().nullable(),
    agentName: z.string().nullable(),
    startedAt: z.number().int(),
    connectedAt: z.number().int().nullable(),
    endedAt: z.number().int().nullable(),
    endReason: z.string().nullable(),
    lastSeq: z.number().int(),
  })
  .meta({
    id: 'Conversation',
    examples: [conversationExample],
  });
export type ConversationSummary = z.infer<typeof conversationSchema>;

export const conversationDetailSchema = conversationSchema
  .extend({
    items: z.array(transcriptItemSchema).meta({ description: 'The transcript (entries of docs/protocol.md)' }),
    decisions: z.array(decisionSchema).meta({ description: 'Routing decisions about it, oldest first' }),
  })
  .meta({
    id: 'ConversationDetail',
    examples: [
      {
        ...conversationExample,
        items: [{ type: 'bot', seq: 1, at: 1765000000000, cardId: 'hello', text: 'Hi Jo! Welcome to the demo.' }],
        decisions: [],
      },
    ],
  });
export type ConversationDetail = z.infer<typeof conversationDetailSchema>;

export const listConversations = defineOperation({
  operationId: 'listConversations',
  method: 'GET',
  path: '/api/conversations',
  tag: 'live',
  summary: 'Conversations, newest first; agents see their own, view-all agents and admins every one',
  access: 'agent',
  query: z.object({
    status: conversationStatusSchema.optional(),
    agent: z.string().max(100).optional().meta({ description: 'Without view-all: only your own id' }),
    visitor: z.string().max(100).optional(),
    before: intQuery().nonnegative().optional().meta({ description: 'Started before (epoch ms), for paging' }),
    limit: intQuery().min(1).max(500).default(50),
  }),
  responses: { 200: { description: 'Conversations', schema: z.array(conversationSchema) } },
  errors: [400, 401, 403],
});

export const searchConversations = defineOperation({
  operationId: 'searchConversations',
  method: 'GET',
  path: '/api/conversations/search',
  tag: 'live',
  summary:
    "Conversations whose visitor's profile (names, emails, …) and transcript hold every word of `q`, newest first, a page at a time",
  access: 'agent',
  query: z.object({
    q: z
      .string()
      .max(MAX_QUERY_LENGTH)
      .optional()
      .meta({
        description: `Words (at most ${MAX_QUERY_WORDS}; the last one also matches as a prefix). Punctuation, quotes and operators are not words: they are ignored, never an error. Empty: every conversation`,
      }),
    status: conversationStatusSchema.optional(),
    agent: z.string().max(100).optional().meta({ description: 'Without view-all: only your own id' }),
    visitor: z.string().max(100).optional(),
    stream: z.string().max(100).optional(),
    version: intQuery().min(1).optional(),
    from: intQuery().nonnegative().optional().meta({ description: 'Started at or after (epoch ms)' }),
    to: intQuery().nonnegative().optional().meta({ description: 'Started before (epoch ms)' }),
    cursor: z.string().max(400).optional().meta({ description: 'The `next` of the previous page' }),
    limit: intQuery().min(1).max(200).default(50),
  }),
  responses: {
    200: {
      description: 'One page of conversations',
      schema: z
        .object({
          conversations: z.array(conversationSchema),
          next: z.string().nullable().meta({ description: 'The cursor of the next page; null on the last page' }),
        })
        .meta({
          id: 'ConversationPage',
          examples: [{ conversations: [conversationExample], next: 'MTc2NTAwMDAwMDAwMDpjXzVkMWU' }],
        }),
    },
  },
  errors: [400, 401, 403],
});

export const getConversation = defineOperation({
  operationId: 'getConversation',
  method: 'GET',
  path: '/api/conversations/{id}',
  tag: 'live',
  summary: "A conversation's transcript, profile and routing decisions",
  access: 'agent',
  params: z.object({ id: idParam }),
  responses: { 200: { description: 'The conversation', schema: conversationDetailSchema } },
  errors: [400, 401, 403, 404],
});
