import { z } from 'zod';
import { triggersSchema } from '../protocol/visitor.ts';
import { accessErrors, defineOperation, idParam } from './operation.ts';

/** `*` wildcards; a query string or fragment is never matched, so a pattern may not contain one. */
const pattern = z
  .string()
  .trim()
  .min(1)
  .max(2048)
  .refine((p) => !/[?#]/.test(p), 'query strings and fragments are not matched: leave them out')
  .meta({ description: 'URL pattern with `*` wildcards, no query string or fragment' });

export const triggers = triggersSchema.strict().meta({
  id: 'Triggers',
  description: 'When the widget opens on its own (absent: at once)',
  examples: [{ secondsOnPage: 10, scrollPercent: 50 }],
});

const fields = {
  name: z.string().trim().min(1).max(200),
  streamId: z.string().min(1).max(100),
  include: z.array(pattern).max(200),
  exclude: z.array(pattern).max(200),
  priority: z.number().int().min(1).max(1000).meta({ description: '1 is the highest' }),
  triggers,
  showOnce: z.boolean(),
  active: z.boolean(),
};

const example = {
  name: 'Pricing help',
  streamId: 's_81c0',
  include: ['/pricing*'],
  exclude: [],
  priority: 1,
  triggers: { secondsOnPage: 10 },
  showOnce: false,
  active: true,
};

export const newDialogueSchema = z
  .object({
    ...fields,
    exclude: fields.exclude.default([]),
    priority: fields.priority.default(1),
    triggers: fields.triggers.default({}),
    showOnce: fields.showOnce.default(false),
    active: fields.active.default(true),
  })
  .strict()
  .meta({ id: 'NewDialogue', examples: [{ name: 'Pricing help', streamId: 's_81c0', include: ['/pricing*'] }] });
export type NewDialogue = z.input<typeof newDialogueSchema>;

export const dialoguePatchSchema = z
  .object(fields)
  .partial()
  .strict()
  .meta({ id: 'DialoguePatch', examples: [{ active: false }] });

/** A dialogue as stored: a published stream plus its targeting, priority, triggers and show-once (SPEC §1). */
export const dialogueSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    streamId: z.string(),
    include: z.array(z.string()),
    exclude: z.array(z.string()),
    priority: z.number().int(),
    triggers,
    showOnce: z.boolean().meta({ description: 'Shown at most once per visitor (once triggered)' }),
    active: z.boolean().meta({ description: 'False: not shown (running conversations go on)' }),
    createdAt: z.number().int(),
    updatedAt: z.number().int(),
  })
  .meta({
    id: 'Dialogue',
    examples: [{ id: 'd_02aa', ...example, createdAt: 1765000000000, updatedAt: 1765000000000 }],
  });
export type Dialogue = z.infer<typeof dialogueSchema>;

const dialogueParams = z.object({ id: idParam });

export const listDialogues = defineOperation({
  operationId: 'listDialogues',
  method: 'GET',
  path: '/api/dialogues',
  tag: 'dialogues',
  summary: 'Dialogues',
  access: 'marketer',
  responses: { 200: { description: 'Dialogues', schema: z.array(dialogueSchema) } },
  errors: accessErrors('marketer'),
});

export const createDialogue = defineOperation({
  operationId: 'createDialogue',
  method: 'POST',
  path: '/api/dialogues',
  tag: 'dialogues',
  summary: 'Create a dialogue; an active one needs a published stream and at least one include pattern (422)',
  access: 'publisher',
  body: newDialogueSchema,
  maxBody: 65536,
  responses: { 201: { description: 'Created', schema: dialogueSchema } },
  errors: [400, 401, 403, 413, 422],
});

export const getDialogue = defineOperation({
  operationId: 'getDialogue',
  method: 'GET',
  path: '/api/dialogues/{id}',
  tag: 'dialogues',
  summary: 'One dialogue',
  access: 'marketer',
  params: dialogueParams,
  responses: { 200: { description: 'The dialogue', schema: dialogueSchema } },
  errors: [400, 401, 403, 404],
});

export const updateDialogue = defineOperation({
  operationId: 'updateDialogue',
  method: 'PATCH',
  path: '/api/dialogues/{id}',
  tag: 'dialogues',
  summary: 'Change a dialogue (the same checks as creating one)',
  access: 'publisher',
  params: dialogueParams,
  body: dialoguePatchSchema,
  maxBody: 65536,
  responses: { 200: { description: 'Updated', schema: dialogueSchema } },
  errors: [400, 401, 403, 404, 413, 422],
});

export const deleteDialogue = defineOperation({
  operationId: 'deleteDialogue',
  method: 'DELETE',
  path: '/api/dialogues/{id}',
  tag: 'dialogues',
  summary: 'Delete a dialogue (running conversations go on)',
  access: 'publisher',
  params: dialogueParams,
  responses: { 204: { description: 'Deleted' } },
  errors: [400, 401, 403, 404],
});
