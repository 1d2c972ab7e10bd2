import { z } from 'zod';
import { defineOperation, idParam } from './operation.ts';

/** How the runtime talks to the SMTP server: implicit TLS (465), STARTTLS required (587), or plain (a relay on the
 * same host). */
export const SMTP_SECURITY = ['starttls', 'tls', 'none'] as const;

const host = z.string().trim().min(1).max(255);
const address = z.email().max(320);

/** The workspace's outgoing mail server, as an admin sets it. `password` is write-only. */
export const emailSettingsSchema = z
  .object({
    host,
    port: z.number().int().min(1).max(65535),
    security: z.enum(SMTP_SECURITY),
    user: z.string().max(320).default(''),
    password: z
      .string()
      .max(1000)
      .optional()
      .meta({ description: 'Left out: the stored password is kept; an empty string removes it' }),
    from: address.meta({ description: 'The From address of every email the runtime sends' }),
  })
  .strict()
  .meta({
    id: 'EmailSettingsInput',
    examples: [
      {
        host: 'smtp.example.com',
        port: 587,
        security: 'starttls',
        user: 'chat',
        password: 's3cret',
        from: 'chat@example.com',
      },
    ],
  });
export type EmailSettingsInput = z.infer<typeof emailSettingsSchema>;

/** What the runtime stores (the password kept as given: the SMTP server needs it in clear). */
export type EmailSettings = Omit<EmailSettingsInput, 'password'> & { password: string };

export const emailSettingsViewSchema = z
  .object({
    host: z.string(),
    port: z.number().int(),
    security: z.enum(SMTP_SECURITY),
    user: z.string(),
    from: z.string(),
    passwordSet: z.boolean().meta({ readOnly: true, description: 'Whether a password is stored (never answered)' }),
  })
  .nullable()
  .meta({
    id: 'EmailSettings',
    description: 'null: email is off (nothing is sent)',
    examples: [
      {
        host: 'smtp.example.com',
        port: 587,
        security: 'starttls',
        user: 'chat',
        from: 'chat@example.com',
        passwordSet: true,
      },
    ],
  });
export type EmailSettingsView = z.infer<typeof emailSettingsViewSchema>;

export const getEmailSettings = defineOperation({
  operationId: 'getEmailSettings',
  method: 'GET',
  path: '/api/settings/email',
  tag: 'workspace',
  summary: 'The outgoing mail server (null: email is off); the password is never answered',
  access: 'admin',
  responses: { 200: { description: 'The settings', schema: emailSettingsViewSchema } },
  errors: [401, 403],
});

export const updateEmailSettings = defineOperation({
  operationId: 'updateEmailSettings',
  method: 'PUT',
  path: '/api/settings/email',
  tag: 'workspace',
  summary: 'Set the outgoing mail server, or turn email off with null',
  access: 'admin',
  body: emailSettingsSchema.nullable(),
  bodyExample: {
    host: 'smtp.example.com',
    port: 587,
    security: 'starttls',
    user: 'chat',
    password: 's3cret',
    from: 'chat@example.com',
  },
  maxBody: 8192,
  responses: { 200: { description: 'Stored', schema: emailSettingsViewSchema } },
  errors: [400, 401, 403, 413],
});

export const sendTestEmail = defineOperation({
  operationId: 'sendTestEmail',
  method: 'POST',
  path: '/api/settings/email/test',
  tag: 'workspace',
  summary:
    'Sends a test email to the signed-in admin now (not queued) and answers whether the SMTP server took it, with ' +
    'its answer when it did not; 422 `email-off` when no server is set',
  access: 'admin',
  responses: {
    200: {
      description: 'What the SMTP server answered',
      schema: z.object({ to: z.string(), sent: z.boolean(), error: z.string().optional() }).meta({
        id: 'TestEmailResult',
        examples: [{ to: 'admin@demo.test', sent: false, error: 'connect ECONNREFUSED' }],
      }),
    },
  },
  errors: [401, 403, 422],
});

export const emailTranscript = defineOperation({
  operationId: 'emailTranscript',
  method: 'POST',
  path: '/api/conversations/{id}/transcript',
  tag: 'conversations',
  summary:
    "Emails the conversation's transcript to the visitor who asked for it (default: the email the visitor gave). " +
    'Queued and retried; internal notes are left out. 422 `no-email` when no address is known, `email-off` when ' +
    'no mail server is set',
  access: 'agent',
  params: z.object({ id: idParam }),
  body: z
    .object({ email: address.optional() })
    .strict()
    .meta({ id: 'TranscriptEmail', examples: [{ email: 'jo@example.com' }] }),
  maxBody: 4096,
  responses: {
    200: {
      description: 'Queued',
      schema: z.object({ to: z.string() }).meta({ id: 'TranscriptEmailQueued', examples: [{ to: 'jo@example.com' }] }),
    },
  },
  errors: [400, 401, 403, 404, 413, 422],
});
