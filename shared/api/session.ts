import { z } from 'zod';
import { defineOperation } from './operation.ts';
import { userSchema } from './users.ts';

/** SPEC §8.4: `{"email","password"}`. */
export const signInSchema = z
  .object({ email: z.string().trim().min(1).max(320), password: z.string().min(1).max(1000) })
  .meta({ id: 'SignIn', examples: [{ email: 'admin@demo.test', password: 'tributary-demo' }] });

export const sessionSchema = z
  .object({
    token: z.string().meta({ description: 'Also works as `Authorization: Bearer …` and as `?token=` on sockets' }),
    user: userSchema,
  })
  .meta({
    id: 'Session',
    examples: [
      {
        token: 'k3W9xQvR2mZ8tY1uP0aLbN7cD4eF6gH5',
        user: {
          id: 'u_0a1b',
          email: 'admin@demo.test',
          name: 'Ada Admin',
          roles: ['admin'],
          canPublish: true,
          liveChat: false,
          viewAll: true,
          status: 'offline',
          avatarUrl: null,
        },
      },
    ],
  });

export const signIn = defineOperation({
  operationId: 'signIn',
  method: 'POST',
  path: '/api/session',
  tag: 'session',
  summary: 'Sign in: {token} and an HttpOnly SameSite=Lax session cookie; 401 without a hint which part was wrong',
  access: 'public',
  body: signInSchema,
  maxBody: 4096,
  responses: {
    200: {
      description: 'Signed in; also sets the session cookie',
      schema: sessionSchema,
      headers: { 'Set-Cookie': 'tributary_session=…; Path=/; HttpOnly; SameSite=Lax; Max-Age=…' },
    },
  },
  errors: [400, 401, 403, 413, 415, 429],
});

export const signOut = defineOperation({
  operationId: 'signOut',
  method: 'DELETE',
  path: '/api/session',
  tag: 'session',
  summary: 'Sign out: revokes the token (sockets opened with it close with 4401) and clears the cookie',
  access: 'signed-in',
  responses: { 204: { description: 'Signed out' } },
  errors: [401],
});
