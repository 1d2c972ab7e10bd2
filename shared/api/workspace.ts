import { z } from 'zod';
import { conditionSchema } from '../conditions/schema.ts';
import { planSchema, ruleSchema as engineRuleSchema, settingsFields } from '../routing/schema.ts';
import { scheduleSchema } from '../routing/scheduleSchema.ts';
import { PLANS } from '../routing/settings.ts';
import type { Plan } from '../routing/types.ts';
import { STANDARD_ATTRIBUTES } from '../stream/attributes.ts';
import { attributeNameSchema } from '../stream/attributeName.ts';
import { accessErrors, defineOperation, idParam } from './operation.ts';

// The recursive condition language is one named schema in the document (its cycle refers to it by name).
z.globalRegistry.add(conditionSchema, {
  id: 'Condition',
  description: 'The condition language of SPEC §2: {attribute, op, value?}, {agentsAvailable, teamId?}, {all}, {any}',
});

export { PLANS, type Plan };

/** Workspace settings an admin edits (SPEC §4): the routing settings with the engine's own bounds, and more. */
export const settingsSchema = z.object({
  fallbackMessage: z.string().trim().min(1).max(1000),
  plan: planSchema,
  ...settingsFields,
  /** Weekly opening hours in a time zone; outside them a live-chat request gets the away message. Null: always. */
  businessHours: scheduleSchema.nullable(),
  /** What a visitor who asks for a person outside the business hours is told. */
  awayMessage: z.string().trim().min(1).max(1000),
  /** Seconds a waiting visitor may be without a socket (a reload, a navigation) before they count as gone: their
   * pending offer is withdrawn and their queue place given up (SPEC §4). */
  visitorGraceSec: z.number().int().min(1).max(3600),
});
export type Settings = z.infer<typeof settingsSchema>;

/** What GET answers: the settings plus read-only facts. */
export const settingsViewSchema = settingsSchema
  .extend({
    engagementsUsed: z
      .number()
      .int()
      .meta({ readOnly: true, description: 'Live chats connected so far (the select plan counts them)' }),
    workspace: z.string().meta({ readOnly: true, description: 'The workspace id of the widget snippet' }),
  })
  .meta({
    id: 'Settings',
    examples: [
      {
        fallbackMessage: 'Sorry, nobody is available right now.',
        plan: 'select',
        acceptTimeoutSec: 45,
        maxChatsPerAgent: 10,
        trialEngagementLimit: 100,
        queue: { enabled: false, maxWaitSec: 300, maxLength: 50 },
        fallbackToRoundRobin: false,
        businessHours: { timeZone: 'Europe/Berlin', blocks: [{ day: 'mon', from: '09:00', to: '17:00' }] },
        awayMessage: 'We are away right now. Leave your email and we will get back to you.',
        visitorGraceSec: 30,
        engagementsUsed: 3,
        workspace: 'main',
      },
    ],
  });
export type SettingsView = z.infer<typeof settingsViewSchema>;

export const settingsPatchSchema = settingsSchema
  .partial()
  .strict()
  .meta({ id: 'SettingsPatch', examples: [{ acceptTimeoutSec: 30, plan: 'prime' }] });

/** A custom routing rule (SPEC §4): the first rule whose `when` holds routes to an agent or a team. */
export const ruleSchema = engineRuleSchema
  .extend({
    id: z.string().trim().min(1).max(100),
    name: z.string().max(200).optional(),
  })
  .meta({
    id: 'Rule',
    examples: [
      {
        id: 'vip',
        name: 'VIPs to sales',
        when: { attribute: 'company', op: 'isNotEmpty' },
        route: { teamId: 'sales' },
      },
    ],
  });
export type Rule = z.infer<typeof ruleSchema>;
export const rulesSchema = z.array(ruleSchema).max(500);

export const teamSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    members: z.array(z.string()).meta({ description: 'User ids in rotation order' }),
  })
  .meta({ id: 'Team', examples: [{ id: 'sales', name: 'Sales', members: ['u_4f2a', 'u_9c1d'] }] });
export type Team = z.infer<typeof teamSchema>;

const teamId = z
  .string()
  .trim()
  .min(1)
  .max(60)
  .regex(/^[a-z0-9][a-z0-9_-]*$/, 'use lower-case letters, digits, - and _');
const teamName = z.string().trim().min(1).max(200);
export const newTeamSchema = z
  .object({
    id: teamId.optional().meta({ description: 'Defaults to a slug of the name' }),
    name: teamName,
    members: z.array(z.string()).max(1000).default([]),
  })
  .strict()
  .meta({ id: 'NewTeam', examples: [{ name: 'Support', members: [] }] });
export const teamPatchSchema = z
  .object({ name: teamName.optional(), members: z.array(z.string()).max(1000).optional() })
  .strict()
  .meta({ id: 'TeamPatch', examples: [{ name: 'Inside sales' }] });

export const attributeSchema = z
  .object({ name: z.string(), label: z.string() })
  .meta({ id: 'Attribute', examples: [{ name: 'plan', label: 'Plan' }] });
export type Attribute = z.infer<typeof attributeSchema>;
export const attributesSchema = z
  .object({
    standard: z.array(z.enum(STANDARD_ATTRIBUTES)).meta({ description: 'Names only (their labels are UI text)' }),
    custom: z.array(attributeSchema),
  })
  .meta({
    id: 'Attributes',
    examples: [{ standard: [...STANDARD_ATTRIBUTES], custom: [{ name: 'plan', label: 'Plan' }] }],
  });
export type Attributes = z.infer<typeof attributesSchema>;
export const newAttributeSchema = z
  .object({ name: attributeNameSchema, label: z.string().trim().max(200).optional() })
  .strict()
  .meta({ id: 'NewAttribute', examples: [{ name: 'plan', label: 'Plan' }] });

const teamParams = z.object({ id: idParam });

export const listTeams = defineOperation({
  operationId: 'listTeams',
  method: 'GET',
  path: '/api/teams',
  tag: 'workspace',
  summary: 'Teams with their members in rotation order',
  access: 'signed-in',
  responses: { 200: { description: 'Teams', schema: z.array(teamSchema) } },
  errors: accessErrors('signed-in'),
});

export const createTeam = defineOperation({
  operationId: 'createTeam',
  method: 'POST',
  path: '/api/teams',
  tag: 'workspace',
  summary: 'Create a team; the id defaults to a slug of the name',
  access: 'admin',
  body: newTeamSchema,
  maxBody: 65536,
  responses: { 201: { description: 'Created', schema: teamSchema } },
  errors: [400, 401, 403, 409, 413, 422],
});

export const updateTeam = defineOperation({
  operationId: 'updateTeam',
  method: 'PATCH',
  path: '/api/teams/{id}',
  tag: 'workspace',
  summary: 'Rename a team or replace its members',
  access: 'admin',
  params: teamParams,
  body: teamPatchSchema,
  maxBody: 65536,
  responses: { 200: { description: 'Updated', schema: teamSchema } },
  errors: [400, 401, 403, 404, 413, 422],
});

export const deleteTeam = defineOperation({
  operationId: 'deleteTeam',
  method: 'DELETE',
  path: '/api/teams/{id}',
  tag: 'workspace',
  summary: 'Delete a team; team routing to it then finds no eligible agent',
  access: 'admin',
  params: teamParams,
  responses: { 204: { description: 'Deleted' } },
  errors: [400, 401, 403, 404],
});

export const getSettings = defineOperation({
  operationId: 'getSettings',
  method: 'GET',
  path: '/api/settings',
  tag: 'workspace',
  summary: 'Workspace settings, the trial engagement count and the workspace id of the widget snippet',
  access: 'signed-in',
  responses: { 200: { description: 'Settings', schema: settingsViewSchema } },
  errors: accessErrors('signed-in'),
});

export const updateSettings = defineOperation({
  operationId: 'updateSettings',
  method: 'PATCH',
  path: '/api/settings',
  tag: 'workspace',
  summary: 'Change settings; engagementsUsed is read-only (400 `read-only`)',
  access: 'admin',
  body: settingsPatchSchema,
  maxBody: 16384,
  responses: { 200: { description: 'Updated', schema: settingsViewSchema } },
  errors: [400, 401, 403, 413],
});

export const listRules = defineOperation({
  operationId: 'listRules',
  method: 'GET',
  path: '/api/rules',
  tag: 'workspace',
  summary: 'The ordered custom routing rules',
  access: 'signed-in',
  responses: { 200: { description: 'Rules in order', schema: z.array(ruleSchema) } },
  errors: accessErrors('signed-in'),
});

export const replaceRules = defineOperation({
  operationId: 'replaceRules',
  method: 'PUT',
  path: '/api/rules',
  tag: 'workspace',
  summary: 'Replace the ordered list of rules; ids are unique, agents and teams named must exist',
  access: 'admin',
  body: rulesSchema,
  maxBody: 256 * 1024,
  responses: { 200: { description: 'Stored', schema: z.array(ruleSchema) } },
  errors: [400, 401, 403, 413, 422],
});

export const listAttributes = defineOperation({
  operationId: 'listAttributes',
  method: 'GET',
  path: '/api/attributes',
  tag: 'workspace',
  summary: 'Standard and custom profile attributes',
  access: 'signed-in',
  responses: { 200: { description: 'Attributes', schema: attributesSchema } },
  errors: accessErrors('signed-in'),
});

export const createAttribute = defineOperation({
  operationId: 'createAttribute',
  method: 'POST',
  path: '/api/attributes',
  tag: 'workspace',
  summary: 'Define a custom attribute; the label defaults to the name',
  access: 'admin',
  body: newAttributeSchema,
  maxBody: 4096,
  responses: { 201: { description: 'Created', schema: attributeSchema } },
  errors: [400, 401, 403, 409, 413],
});

export const deleteAttribute = defineOperation({
  operationId: 'deleteAttribute',
  method: 'DELETE',
  path: '/api/attributes/{name}',
  tag: 'workspace',
  summary: 'Remove a custom attribute',
  access: 'admin',
  params: z.object({ name: idParam }),
  responses: { 204: { description: 'Removed' } },
  errors: [400, 401, 403, 404],
});

/** An agent's weekly availability (SPEC §4 schedules), or null for none. */
export const agentScheduleSchema = scheduleSchema.nullable().meta({
  id: 'Schedule',
  examples: [{ timeZone: 'America/New_York', blocks: [{ day: 'mon', from: '09:00', to: '17:00' }] }],
});

export const getSchedule = defineOperation({
  operationId: 'getSchedule',
  method: 'GET',
  path: '/api/users/{id}/schedule',
  tag: 'workspace',
  summary: "An agent's weekly availability blocks in their time zone (null: none)",
  access: 'signed-in',
  params: z.object({ id: idParam }),
  responses: { 200: { description: 'The schedule', schema: agentScheduleSchema } },
  errors: [401, 403, 404],
});

export const setSchedule = defineOperation({
  operationId: 'setSchedule',
  method: 'PUT',
  path: '/api/users/{id}/schedule',
  tag: 'workspace',
  summary:
    "Set an agent's schedule (admins, or the agent): inside a block the agent is available unless they set " +
    'themselves away, which holds until the next block boundary; 400 names an inverted or overlapping block or an ' +
    'unknown time zone',
  access: 'signed-in',
  params: z.object({ id: idParam }),
  body: agentScheduleSchema,
  maxBody: 16384,
  responses: { 200: { description: 'The schedule', schema: agentScheduleSchema } },
  errors: [400, 401, 403, 404, 413],
});
