import { z } from 'zod';
import { LINT_CODES, type LintCode } from '../lint/codes.ts';
import { documentSchema } from '../stream/interchange.ts';
import { accessErrors, defineOperation, errorSchema, idParam, intQuery } from './operation.ts';

/** A 5,000-card stream is about 1.5 MB of interchange JSON; 8 MiB leaves room without inviting abuse. */
export const MAX_STREAM_BYTES = 8 * 1024 * 1024;

export const streamDocumentSchema = documentSchema.meta({
  id: 'StreamDocument',
  description: 'The interchange format of SPEC §8.2 (`tributary.stream/1`); card data is checked by lint',
  examples: [
    {
      format: 'tributary.stream/1',
      name: 'Welcome',
      start: 'hello',
      cards: [{ id: 'hello', type: 'message', data: { text: 'Hi {{firstName:"there"}}!' }, position: { x: 0, y: 0 } }],
      edges: [],
    },
  ],
});

export const streamSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    createdAt: z.number().int(),
    updatedAt: z.number().int(),
    createdBy: z.string().nullable(),
    latestVersion: z.number().int().nullable().meta({ description: 'The newest published version; null: never' }),
    editors: z
      .array(z.object({ userId: z.string(), name: z.string() }))
      .meta({ description: 'Who has the stream open in the editor now' }),
    dialogues: z.array(z.string()).meta({ description: 'Ids of the dialogues that show it' }),
  })
  .meta({
    id: 'Stream',
    examples: [
      {
        id: 's_81c0',
        name: 'Demo',
        createdAt: 1765000000000,
        updatedAt: 1765000360000,
        createdBy: null,
        latestVersion: 1,
        editors: [{ userId: 'u_1b7e', name: 'Mia Marketer' }],
        dialogues: ['d_02aa'],
      },
    ],
  });
export type StreamSummary = z.infer<typeof streamSchema>;

export const diagnosticSchema = z
  .object({
    code: z.enum(Object.keys(LINT_CODES) as [LintCode, ...LintCode[]]),
    severity: z.enum(['error', 'warning']),
    cardId: z.string().optional(),
    edgeId: z.string().optional(),
    port: z.string().optional(),
    message: z.string(),
  })
  .meta({
    id: 'Diagnostic',
    examples: [{ code: 'no-start', severity: 'error', message: 'the stream has no start card: mark one as start' }],
  });

const versionExample = {
  streamId: 's_81c0',
  version: 2,
  hash: 'sha256:9f86d081884c7d65',
  publishedAt: 1765000360000,
  publishedBy: 'u_1b7e',
};

export const versionMetaSchema = z
  .object({
    streamId: z.string(),
    version: z.number().int().positive(),
    hash: z.string(),
    publishedAt: z.number().int(),
    publishedBy: z.string().nullable(),
  })
  .meta({
    id: 'VersionMeta',
    examples: [versionExample],
  });
export type VersionMeta = z.infer<typeof versionMetaSchema>;

export const versionSchema = versionMetaSchema
  .extend({
    compiled: z.unknown().meta({ description: 'The compiled form (`tributary.compiled/1`) the runtime runs' }),
    source: z.unknown().meta({ description: 'The interchange document it was compiled from' }),
  })
  .meta({
    id: 'Version',
    examples: [
      {
        ...versionExample,
        compiled: { format: 'tributary.compiled/1', start: 'hello', cards: {} },
        source: { format: 'tributary.stream/1', name: 'Demo', start: 'hello', cards: [], edges: [] },
      },
    ],
  });
export type Version = z.infer<typeof versionSchema>;

export const publishedSchema = versionMetaSchema
  .extend({
    unchanged: z.boolean().meta({ description: 'True: the draft equals the newest version (200, nothing stored)' }),
    diagnostics: z.array(diagnosticSchema).meta({ description: 'Warnings (errors block publishing)' }),
  })
  .meta({ id: 'Published', examples: [{ ...versionExample, unchanged: false, diagnostics: [] }] });

export const lintRefusedSchema = errorSchema.extend({ diagnostics: z.array(diagnosticSchema) }).meta({
  id: 'LintRefused',
  examples: [
    {
      error: { code: 'lint-errors', message: 'fix the errors before publishing' },
      diagnostics: [{ code: 'no-start', severity: 'error', message: 'the stream has no start card' }],
    },
  ],
});

export const lintContextSchema = z
  .object({
    agents: z.array(z.object({ id: z.string() })).optional(),
    teams: z.array(z.object({ id: z.string() })).optional(),
    customAttributes: z.array(z.string()).optional(),
    dialogue: z.object({ targetUrls: z.array(z.string()) }).optional(),
    publishing: z.boolean().optional(),
  })
  .meta({
    id: 'LintContext',
    description: 'What lint knows about the workspace beyond the stream',
    examples: [
      {
        agents: [{ id: 'u_4f2a' }],
        teams: [{ id: 'sales' }],
        customAttributes: ['plan'],
        dialogue: { targetUrls: ['/demo'] },
        publishing: false,
      },
    ],
  });

export const createdSchema = z.object({ id: z.string() }).meta({ id: 'Created', examples: [{ id: 's_81c0' }] });

const streamParams = z.object({ id: idParam });

export const listStreams = defineOperation({
  operationId: 'listStreams',
  method: 'GET',
  path: '/api/streams',
  tag: 'streams',
  summary: 'Streams, with who has each open in the editor now',
  access: 'marketer',
  responses: { 200: { description: 'Streams', schema: z.array(streamSchema) } },
  errors: accessErrors('marketer'),
});

export const importStream = defineOperation({
  operationId: 'importStream',
  method: 'POST',
  path: '/api/streams',
  tag: 'streams',
  summary: 'Import a tributary.stream/1 document as a new stream (its draft); at most 8 MiB',
  access: 'marketer',
  body: streamDocumentSchema,
  bodyCheckedByHandler: true,
  maxBody: MAX_STREAM_BYTES,
  responses: { 201: { description: 'Created', schema: createdSchema } },
  errors: [400, 401, 403, 413, 422],
});

export const getStream = defineOperation({
  operationId: 'getStream',
  method: 'GET',
  path: '/api/streams/{id}',
  tag: 'streams',
  summary: "One stream's metadata, editors and dialogues",
  access: 'marketer',
  params: streamParams,
  responses: { 200: { description: 'The stream', schema: streamSchema } },
  errors: [400, 401, 403, 404],
});

export const renameStream = defineOperation({
  operationId: 'renameStream',
  method: 'PATCH',
  path: '/api/streams/{id}',
  tag: 'streams',
  summary: 'Rename (the list and the draft)',
  access: 'marketer',
  params: streamParams,
  body: z
    .object({ name: z.string().trim().min(1).max(200) })
    .strict()
    .meta({ id: 'StreamRename', examples: [{ name: 'Spring campaign' }] }),
  maxBody: 4096,
  responses: { 200: { description: 'Renamed', schema: streamSchema } },
  errors: [400, 401, 403, 404, 413],
});

export const deleteStream = defineOperation({
  operationId: 'deleteStream',
  method: 'DELETE',
  path: '/api/streams/{id}',
  tag: 'streams',
  summary:
    'Delete a stream and its draft (409 while dialogues use it); published versions stay for running conversations',
  access: 'marketer',
  params: streamParams,
  responses: { 204: { description: 'Deleted' } },
  errors: [400, 401, 403, 404, 409],
});

export const duplicateStream = defineOperation({
  operationId: 'duplicateStream',
  method: 'POST',
  path: '/api/streams/{id}/duplicate',
  tag: 'streams',
  summary: 'Copy the current draft into a new stream named "… (copy)"',
  access: 'marketer',
  params: streamParams,
  maxBody: 4096,
  responses: { 201: { description: 'Created', schema: createdSchema } },
  errors: [400, 401, 403, 404, 413],
});

export const exportStream = defineOperation({
  operationId: 'exportStream',
  method: 'GET',
  path: '/api/streams/{id}/export',
  tag: 'streams',
  summary: 'The current draft as a tributary.stream/1 document',
  access: 'marketer',
  params: streamParams,
  responses: { 200: { description: 'The interchange document', schema: streamDocumentSchema } },
  errors: [400, 401, 403, 404],
});

export const getLintContext = defineOperation({
  operationId: 'getLintContext',
  method: 'GET',
  path: '/api/streams/{id}/lint-context',
  tag: 'streams',
  summary: 'The workspace facts the editor lints the stream with',
  access: 'marketer',
  params: streamParams,
  responses: { 200: { description: 'The lint context', schema: lintContextSchema } },
  errors: [400, 401, 403, 404],
});

export const publishStream = defineOperation({
  operationId: 'publishStream',
  method: 'POST',
  path: '/api/streams/{id}/publish',
  tag: 'streams',
  summary: 'Lint, compile and store a new version of the draft, or 422 with the diagnostics',
  description: 'An empty body is allowed. `dialogueId` lints for that dialogue (its target URLs).',
  access: 'publisher',
  params: streamParams,
  body: z
    .object({ dialogueId: z.string().max(100).optional() })
    .strict()
    .nullable()
    .meta({ id: 'PublishOptions', examples: [{}] }),
  maxBody: 4096,
  responses: {
    201: { description: 'Published as a new version', schema: publishedSchema },
    200: { description: 'Unchanged since the newest version: that version', schema: publishedSchema },
    422: { description: 'Lint errors block publishing: the diagnostics', schema: lintRefusedSchema },
  },
  errors: [400, 401, 403, 404, 413],
});

export const listVersions = defineOperation({
  operationId: 'listVersions',
  method: 'GET',
  path: '/api/streams/{id}/versions',
  tag: 'streams',
  summary: 'Published versions, newest first',
  access: 'marketer',
  params: streamParams,
  responses: { 200: { description: 'Versions', schema: z.array(versionMetaSchema) } },
  errors: [400, 401, 403, 404],
});

export const getVersion = defineOperation({
  operationId: 'getVersion',
  method: 'GET',
  path: '/api/streams/{id}/versions/{version}',
  tag: 'streams',
  summary: 'One published version: compiled form and the interchange document',
  access: 'marketer',
  params: z.object({ id: idParam, version: intQuery().positive() }),
  responses: { 200: { description: 'The version', schema: versionSchema } },
  errors: [400, 401, 403, 404],
});

export const rollbackStream = defineOperation({
  operationId: 'rollbackStream',
  method: 'POST',
  path: '/api/streams/{id}/rollback',
  tag: 'streams',
  summary: 'Publish an old version again as the newest (history stays; the draft is left as it is)',
  access: 'publisher',
  params: streamParams,
  body: z
    .object({ version: z.number().int().positive() })
    .strict()
    .meta({ id: 'Rollback', examples: [{ version: 1 }] }),
  maxBody: 4096,
  responses: {
    201: {
      description: 'The new version',
      schema: versionMetaSchema
        .extend({ rolledBackFrom: z.number().int() })
        .meta({ id: 'RolledBack', examples: [{ ...versionExample, version: 3, rolledBackFrom: 1 }] }),
    },
  },
  errors: [400, 401, 403, 404, 413],
});
