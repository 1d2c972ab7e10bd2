import { z } from 'zod';
import { resolveResponseSchema } from '../protocol/visitor.ts';
import { defineOperation } from './operation.ts';

export const resolveSchema = resolveResponseSchema.meta({
  id: 'Resolve',
  examples: [
    {
      dialogue: { id: 'd_02aa', version: 1, triggers: {}, poke: 'Hi there! Welcome to the demo.' },
      resume: null,
    },
  ],
});

export const resolveWidget = defineOperation({
  operationId: 'resolveWidget',
  method: 'GET',
  path: '/api/widget/resolve',
  tag: 'widget',
  summary: "The widget loader's one call: which dialogue the page shows, and the conversation to resume",
  description: 'Public and readable cross-origin (`Access-Control-Allow-Origin: *`), never cached (docs/protocol.md).',
  access: 'public',
  query: z.object({
    workspace: z.string().default('').meta({ description: 'The workspace id of the snippet (unknown: 404)' }),
    url: z.string().min(1, 'give the page URL').max(2048).meta({ description: 'The page URL' }),
    visitor: z.string().max(100).optional().meta({ description: "The visitor's id, when the widget has one" }),
  }),
  responses: {
    200: { description: 'The dialogue, or null; the conversation to resume, or null', schema: resolveSchema },
  },
  errors: [400, 404],
});
