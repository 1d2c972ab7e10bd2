import { z } from 'zod';
import { agentStatusSchema } from '../routing/schema.ts';
import { accessErrors, defineOperation, idParam } from './operation.ts';

/** The roles of SPEC §7; permissions (publish, live chat, view all) come with them. */
export const ROLES = ['admin', 'marketer', 'agent'] as const;
export const roleSchema = z.enum(ROLES).meta({ id: 'Role' });
export type Role = z.infer<typeof roleSchema>;
/** The permissions that come with roles: publishing (marketers), live chat and view-all (agents). */
export const PERMISSIONS = ['canPublish', 'liveChat', 'viewAll'] as const;
export type Permission = (typeof PERMISSIONS)[number];

/** Profile pictures are small: they are shown at 40 px beside chat messages. */
export const MAX_AVATAR_BYTES = 256 * 1024;
export const AVATAR_TYPES = ['image/png', 'image/jpeg', 'image/gif', 'image/webp'] as const;

const email = z.string().trim().toLowerCase().email().max(320);
const name = z.string().trim().min(1).max(200);
const password = z.string().min(8, 'use at least 8 characters').max(1000);
const roles = z
  .array(roleSchema)
  .min(1)
  .transform((r) => [...new Set(r)]);

/** A user as the API shows them (never the password hash). */
export const userSchema = z
  .object({
    id: z.string(),
    email: z.string(),
    name: z.string(),
    roles: z.array(roleSchema),
    canPublish: z.boolean(),
    liveChat: z.boolean(),
    viewAll: z.boolean(),
    status: agentStatusSchema,
    avatarUrl: z.string().nullable(),
    teams: z.array(z.string()).optional(),
  })
  .meta({
    id: 'User',
    examples: [
      {
        id: 'u_4f2a',
        email: 'agent@demo.test',
        name: 'Alex Agent',
        roles: ['agent'],
        canPublish: false,
        liveChat: true,
        viewAll: false,
        status: 'offline',
        avatarUrl: null,
        teams: ['sales'],
      },
    ],
  });
export type User = z.infer<typeof userSchema>;

export const newUserSchema = z
  .object({
    email,
    name,
    password,
    roles,
    canPublish: z.boolean().default(false),
    liveChat: z.boolean().optional().meta({ description: 'Defaults to true for agents' }),
    viewAll: z.boolean().default(false),
  })
  .strict()
  .meta({
    id: 'NewUser',
    examples: [{ email: 'sam@example.com', name: 'Sam', password: 'correct horse', roles: ['agent'] }],
  });

export const userPatchSchema = z
  .object({ email, name, password, roles, canPublish: z.boolean(), liveChat: z.boolean(), viewAll: z.boolean() })
  .partial()
  .strict()
  .meta({ id: 'UserPatch', examples: [{ roles: ['agent', 'marketer'], canPublish: true }] });

export const mePatchSchema = z
  .object({
    name: name.optional(),
    password: password.optional(),
    currentPassword: z.string().max(1000).optional().meta({ description: 'Required with `password`' }),
  })
  .strict()
  .meta({ id: 'MePatch', examples: [{ password: 'a new passphrase', currentPassword: 'tributary-demo' }] });

/** A user with the agent role, as routing choices show them. */
export const agentSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    email: z.string(),
    avatarUrl: z.string().nullable(),
    liveChat: z.boolean(),
    status: agentStatusSchema,
    teams: z.array(z.string()),
    openChats: z.number().int().nonnegative(),
  })
  .meta({
    id: 'Agent',
    examples: [
      {
        id: 'u_4f2a',
        name: 'Alex Agent',
        email: 'agent@demo.test',
        avatarUrl: null,
        liveChat: true,
        status: 'online',
        teams: ['sales'],
        openChats: 1,
      },
    ],
  });
export type Agent = z.infer<typeof agentSchema>;

const idParams = z.object({ id: idParam });
const userResponse = (description: string) => ({ description, schema: userSchema });

export const getMe = defineOperation({
  operationId: 'getMe',
  method: 'GET',
  path: '/api/me',
  tag: 'users',
  summary: 'The signed-in user, with their teams',
  access: 'signed-in',
  responses: { 200: userResponse('The user') },
  errors: accessErrors('signed-in'),
});

export const updateMe = defineOperation({
  operationId: 'updateMe',
  method: 'PATCH',
  path: '/api/me',
  tag: 'users',
  summary: 'Change own name or password (a new password needs currentPassword)',
  access: 'signed-in',
  body: mePatchSchema,
  maxBody: 8192,
  responses: { 200: userResponse('Updated') },
  errors: [400, 401, 403, 413],
});

export const uploadAvatar = defineOperation({
  operationId: 'uploadAvatar',
  method: 'PUT',
  path: '/api/me/avatar',
  tag: 'users',
  summary: 'Upload own profile picture (raw PNG, JPEG, GIF or WebP body; shown to visitors beside agent messages)',
  access: 'signed-in',
  rawBody: AVATAR_TYPES,
  maxBody: MAX_AVATAR_BYTES,
  responses: { 200: userResponse('Stored; avatarUrl changes') },
  errors: [400, 401, 413, 415],
});

export const removeAvatar = defineOperation({
  operationId: 'removeAvatar',
  method: 'DELETE',
  path: '/api/me/avatar',
  tag: 'users',
  summary: 'Remove own profile picture',
  access: 'signed-in',
  responses: { 204: { description: 'Removed' } },
  errors: accessErrors('signed-in'),
});

export const getAvatar = defineOperation({
  operationId: 'getAvatar',
  method: 'GET',
  path: '/api/users/{id}/avatar',
  tag: 'users',
  summary: "A user's profile picture (public; the URL carries a version, so it is cached for a year)",
  access: 'public',
  params: idParams,
  responses: { 200: { description: 'The image', contentType: 'image/*' } },
  errors: [400, 404],
});

export const listUsers = defineOperation({
  operationId: 'listUsers',
  method: 'GET',
  path: '/api/users',
  tag: 'users',
  summary: 'All users, in their stable order',
  access: 'admin',
  responses: { 200: { description: 'Users', schema: z.array(userSchema) } },
  errors: accessErrors('admin'),
});

export const createUser = defineOperation({
  operationId: 'createUser',
  method: 'POST',
  path: '/api/users',
  tag: 'users',
  summary: 'Create a user; liveChat defaults to true for agents',
  access: 'admin',
  body: newUserSchema,
  maxBody: 8192,
  responses: { 201: userResponse('Created') },
  errors: [400, 401, 403, 409, 413],
});

export const getUser = defineOperation({
  operationId: 'getUser',
  method: 'GET',
  path: '/api/users/{id}',
  tag: 'users',
  summary: 'One user',
  access: 'admin',
  params: idParams,
  responses: { 200: userResponse('The user') },
  errors: [400, 401, 403, 404],
});

export const updateUser = defineOperation({
  operationId: 'updateUser',
  method: 'PATCH',
  path: '/api/users/{id}',
  tag: 'users',
  summary: 'Change a user; a new password signs them out everywhere',
  access: 'admin',
  params: idParams,
  body: userPatchSchema,
  maxBody: 8192,
  responses: { 200: userResponse('Updated') },
  errors: [400, 401, 403, 404, 409, 413],
});

export const deleteUser = defineOperation({
  operationId: 'deleteUser',
  method: 'DELETE',
  path: '/api/users/{id}',
  tag: 'users',
  summary: 'Remove a user (not yourself); their offers lapse, their chats end, their sockets close',
  access: 'admin',
  params: idParams,
  responses: { 204: { description: 'Removed' } },
  errors: [400, 401, 403, 404, 409],
});

export const listAgents = defineOperation({
  operationId: 'listAgents',
  method: 'GET',
  path: '/api/agents',
  tag: 'users',
  summary: 'Users with the agent role, with availability, teams and open chats',
  access: 'signed-in',
  responses: { 200: { description: 'Agents', schema: z.array(agentSchema) } },
  errors: accessErrors('signed-in'),
});
