import { z } from 'zod';
import { defineOperation, idParam } from './operation.ts';

/** Limits of canned replies: a short shortcut, a body that fits a chat message, so many per owner. */
export const CANNED_LIMITS = { shortcut: 40, body: 2000, workspace: 200, personal: 100 } as const;

export const cannedScopeSchema = z.enum(['workspace', 'personal']);
export type CannedScope = z.infer<typeof cannedScopeSchema>;

export const cannedReplyInputSchema = z.object({
  shortcut: z
    .string()
    .trim()
    .min(1, 'give a shortcut')
    .max(CANNED_LIMITS.shortcut, `at most ${CANNED_LIMITS.shortcut} characters`)
    .regex(/^[\p{L}\p{N}_-]+$/u, 'letters, digits, - and _ only (typed after /)'),
  body: z
    .string()
    .trim()
    .min(1, 'give the text')
    .max(CANNED_LIMITS.body, `at most ${CANNED_LIMITS.body} characters`)
    .meta({ description: 'The text; tokens `{{firstName|there}}` are filled from the visitor when inserted' }),
});

export const cannedReplySchema = z
  .object({
    id: z.string(),
    scope: cannedScopeSchema,
    shortcut: z.string(),
    body: z.string(),
    /** Whether the caller may change it: admins the workspace's, each agent their own. */
    editable: z.boolean(),
    updatedAt: z.number().int(),
  })
  .meta({
    id: 'CannedReply',
    examples: [
      {
        id: 'cr_Qd81',
        scope: 'workspace',
        shortcut: 'hello',
        body: 'Hi {{firstName|there}}, thanks for reaching out!',
        editable: false,
        updatedAt: 1765000000000,
      },
    ],
  });
export type CannedReplyView = z.infer<typeof cannedReplySchema>;

const params = z.object({ id: idParam });
const who =
  'Agents with live chat and admins. Workspace replies are changed by admins only, a personal reply by its owner only (else 403).';

export const listCannedReplies = defineOperation({
  operationId: 'listCannedReplies',
  method: 'GET',
  path: '/api/canned-replies',
  tag: 'live',
  summary: "The workspace's canned replies and the caller's own, workspace first, each by shortcut",
  description: who,
  access: 'agent',
  responses: { 200: { description: 'Canned replies', schema: z.array(cannedReplySchema) } },
  errors: [401, 403],
});

export const createCannedReply = defineOperation({
  operationId: 'createCannedReply',
  method: 'POST',
  path: '/api/canned-replies',
  tag: 'live',
  summary: `Add a canned reply (at most ${CANNED_LIMITS.workspace} in the workspace, ${CANNED_LIMITS.personal} per agent: then 400 naming \`scope\`)`,
  description: who,
  access: 'agent',
  body: cannedReplyInputSchema.extend({ scope: cannedScopeSchema }),
  bodyExample: { scope: 'personal', shortcut: 'pricing', body: 'Our plans start at $10 a month, {{firstName|there}}.' },
  responses: { 201: { description: 'Added', schema: cannedReplySchema } },
  errors: [400, 401, 403],
});

export const updateCannedReply = defineOperation({
  operationId: 'updateCannedReply',
  method: 'PUT',
  path: '/api/canned-replies/{id}',
  tag: 'live',
  summary: 'Change a canned reply’s shortcut and text',
  description: who,
  access: 'agent',
  params,
  body: cannedReplyInputSchema,
  bodyExample: { shortcut: 'pricing', body: 'Our plans start at $12 a month, {{firstName|there}}.' },
  responses: { 200: { description: 'Changed', schema: cannedReplySchema } },
  errors: [400, 401, 403, 404],
});

export const deleteCannedReply = defineOperation({
  operationId: 'deleteCannedReply',
  method: 'DELETE',
  path: '/api/canned-replies/{id}',
  tag: 'live',
  summary: 'Remove a canned reply',
  description: who,
  access: 'agent',
  params,
  responses: { 204: { description: 'Removed' } },
  errors: [401, 403, 404],
});
