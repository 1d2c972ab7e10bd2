import { z } from 'zod';
import { STANDARD_ATTRIBUTES, isStandardAttribute } from '../../../shared/stream/attributes.ts';
import { attributeNameSchema } from '../../../shared/stream/attributeName.ts';
import { notFound, parseBody } from '../http/body.ts';
import { HttpError, json, type Req, type Route } from '../http/types.ts';
import { ruleSchema, settingsSchema } from '../store/settings.ts';
import { can } from '../store/users.ts';
import type { ApiContext } from './context.ts';

const teamId = z
  .string()
  .trim()
  .min(1)
  .max(60)
  .regex(/^[a-z0-9][a-z0-9_-]*$/, 'use lower-case letters, digits, - and _');
const newTeam = z
  .object({ id: teamId.optional(), name: z.string().trim().min(1).max(200), members: z.array(z.string()).default([]) })
  .strict();
const teamPatch = z
  .object({ name: z.string().trim().min(1).max(200).optional(), members: z.array(z.string()).optional() })
  .strict();
const settingsPatch = settingsSchema.partial().strict();
const rulesBody = z.array(ruleSchema).max(500);
const newAttribute = z.object({ name: attributeNameSchema, label: z.string().trim().max(200).optional() }).strict();

/** Teams, settings, custom routing rules and custom attributes: the admin's workspace set-up. */
export function workspaceRoutes(ctx: ApiContext): Route[] {
  const { teams, users, meta, attributes } = ctx.store;
  const admin = (req: Req) => ctx.auth.require(req, can.admin);
  const checkMembers = (ids: string[]) => {
    for (const id of ids) if (!users.get(id)) throw new HttpError(422, 'unknown-user', `no user ${id}`);
  };
  const changed = <T>(v: T): T => (ctx.live.workspaceChanged(), v);
  return [
    { method: 'GET', path: '/api/teams', handler: (req) => (ctx.auth.require(req), json(200, teams.list())) },
    {
      method: 'POST',
      path: '/api/teams',
      maxBody: 65536,
      handler(req) {
        admin(req);
        const b = parseBody(req, newTeam);
        const id = b.id ?? slug(b.name);
        if (!id) throw new HttpError(400, 'invalid', 'id: give the team an id');
        if (teams.get(id)) throw new HttpError(409, 'team-exists', `team ${id} exists`);
        checkMembers(b.members);
        return changed(json(201, teams.create(id, b.name, b.members)));
      },
    },
    {
      method: 'PATCH',
      path: '/api/teams/{id}',
      maxBody: 65536,
      handler(req) {
        admin(req);
        const b = parseBody(req, teamPatch);
        if (!teams.get(req.params.id)) throw notFound('team');
        if (b.members) checkMembers(b.members);
        return changed(json(200, teams.update(req.params.id, b)));
      },
    },
    {
      method: 'DELETE',
      path: '/api/teams/{id}',
      handler(req) {
        admin(req);
        if (!teams.remove(req.params.id)) throw notFound('team');
        return changed({ status: 204 });
      },
    },
    {
      method: 'GET',
      path: '/api/settings',
      handler(req) {
        ctx.auth.require(req);
        return json(200, { ...meta.settings(), engagementsUsed: meta.engagementsUsed(), workspace: meta.workspace() });
      },
    },
    {
      method: 'PATCH',
      path: '/api/settings',
      maxBody: 16384,
      handler(req) {
        admin(req);
        const raw = parseBody(req, z.record(z.string(), z.unknown()));
        if ('engagementsUsed' in raw) throw new HttpError(400, 'read-only', 'engagementsUsed: is read-only');
        const b = parseBody(req, settingsPatch);
        meta.setSettings({ ...meta.settings(), ...b });
        return changed(
          json(200, { ...meta.settings(), engagementsUsed: meta.engagementsUsed(), workspace: meta.workspace() }),
        );
      },
    },
    { method: 'GET', path: '/api/rules', handler: (req) => (ctx.auth.require(req), json(200, meta.rules())) },
    {
      method: 'PUT',
      path: '/api/rules',
      maxBody: 256 * 1024,
      handler(req) {
        admin(req);
        const rules = parseBody(req, rulesBody);
        const ids = new Set<string>();
        for (const [i, r] of rules.entries()) {
          if (ids.has(r.id)) throw new HttpError(400, 'invalid', `${i}.id: duplicate rule id ${r.id}`);
          ids.add(r.id);
          if ('agentId' in r.route && !users.get(r.route.agentId))
            throw new HttpError(422, 'unknown-agent', `${i}.route.agentId: no agent ${r.route.agentId}`);
          if ('teamId' in r.route && !teams.get(r.route.teamId))
            throw new HttpError(422, 'unknown-team', `${i}.route.teamId: no team ${r.route.teamId}`);
        }
        meta.setRules(rules);
        return changed(json(200, rules));
      },
    },
    {
      method: 'GET',
      path: '/api/attributes',
      handler(req) {
        ctx.auth.require(req);
        return json(200, { standard: STANDARD_ATTRIBUTES, custom: attributes.list() });
      },
    },
    {
      method: 'POST',
      path: '/api/attributes',
      maxBody: 4096,
      handler(req) {
        admin(req);
        const b = parseBody(req, newAttribute);
        if (isStandardAttribute(b.name) || attributes.list().some((a) => a.name === b.name)) {
          throw new HttpError(409, 'attribute-exists', `attribute ${b.name} exists`);
        }
        attributes.create({ name: b.name, label: b.label || b.name });
        return json(201, { name: b.name, label: b.label || b.name });
      },
    },
    {
      method: 'DELETE',
      path: '/api/attributes/{name}',
      handler(req) {
        admin(req);
        if (!attributes.remove(req.params.name)) throw notFound('attribute');
        return { status: 204 };
      },
    },
  ];
}

function slug(name: string): string {
  return name
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60);
}
