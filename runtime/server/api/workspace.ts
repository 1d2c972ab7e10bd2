import { api } from '../../../shared/api/routes.ts';
import { z } from 'zod';
import { STANDARD_ATTRIBUTES, isStandardAttribute } from '../../../shared/stream/attributes.ts';
import { notFound, parseBody } from '../http/body.ts';
import { HttpError, type Req, type Route } from '../http/types.ts';
import { can } from '../store/users.ts';
import type { ApiContext } from './context.ts';
import { route } from './operation.ts';

/** Teams, settings, custom routing rules and custom attributes: the admin's workspace set-up. */
export function workspaceRoutes(ctx: ApiContext): Route[] {
  const { teams, users, meta, attributes } = ctx.store;
  const admin = (req: Req) => ctx.auth.require(req, can.admin);
  const checkMembers = async (ids: string[]) => {
    for (const id of ids) if (!(await users.get(id))) throw new HttpError(422, 'unknown-user', `no user ${id}`);
  };
  const changed = async <T>(v: T): Promise<T> => (await ctx.live.workspaceChanged(), v);
  const settingsView = async () => ({
    ...(await meta.settings()),
    engagementsUsed: await meta.engagementsUsed(),
    workspace: await meta.workspace(),
  });
  return [
    route(api.listTeams, {
      handler: async (req, call) => (await ctx.auth.require(req), call.json(200, await teams.list())),
    }),
    route(api.createTeam, {
      async handler(req, call) {
        await admin(req);
        const b = call.body;
        const id = b.id ?? slug(b.name);
        if (!id) throw new HttpError(400, 'invalid', 'id: give the team an id');
        if (await teams.get(id)) throw new HttpError(409, 'team-exists', `team ${id} exists`);
        await checkMembers(b.members);
        return changed(call.json(201, await teams.create(id, b.name, b.members)));
      },
    }),
    route(api.updateTeam, {
      async handler(req, call) {
        await admin(req);
        const b = call.body;
        if (!(await teams.get(call.params.id))) throw notFound('team');
        if (b.members) await checkMembers(b.members);
        return changed(call.json(200, (await teams.update(call.params.id, b))!));
      },
    }),
    route(api.deleteTeam, {
      async handler(req, call) {
        await admin(req);
        if (!(await teams.remove(call.params.id))) throw notFound('team');
        return changed({ status: 204 });
      },
    }),
    route(api.getSettings, {
      async handler(req, call) {
        await ctx.auth.require(req);
        return call.json(200, await settingsView());
      },
    }),
    route(api.updateSettings, {
      async handler(req, call) {
        await admin(req);
        const raw = parseBody(req, z.record(z.string(), z.unknown()));
        if ('engagementsUsed' in raw) throw new HttpError(400, 'read-only', 'engagementsUsed: is read-only');
        const b = call.body;
        await meta.setSettings({ ...(await meta.settings()), ...b });
        return changed(call.json(200, await settingsView()));
      },
    }),
    route(api.getSchedule, {
      async handler(req, call) {
        const { user } = await ctx.auth.require(req);
        if (user.id !== call.params.id && !can.admin(user))
          throw new HttpError(403, 'forbidden', 'only an admin or the agent may read this schedule');
        if (!(await users.get(call.params.id))) throw notFound('user');
        return call.json(200, (await meta.schedules())[call.params.id] ?? null);
      },
    }),
    route(api.setSchedule, {
      async handler(req, call) {
        const { user } = await ctx.auth.require(req);
        if (user.id !== call.params.id && !can.admin(user))
          throw new HttpError(403, 'forbidden', 'only an admin or the agent may set this schedule');
        if (!(await users.get(call.params.id))) throw notFound('user');
        await meta.setSchedule(call.params.id, call.body);
        return changed(call.json(200, call.body));
      },
    }),
    route(api.listRules, {
      handler: async (req, call) => (await ctx.auth.require(req), call.json(200, await meta.rules())),
    }),
    route(api.replaceRules, {
      async handler(req, call) {
        await admin(req);
        const rules = call.body;
        const ids = new Set<string>();
        for (const [i, r] of rules.entries()) {
          if (ids.has(r.id)) throw new HttpError(400, 'invalid', `${i}.id: duplicate rule id ${r.id}`);
          ids.add(r.id);
          if ('agentId' in r.route && !(await users.get(r.route.agentId)))
            throw new HttpError(422, 'unknown-agent', `${i}.route.agentId: no agent ${r.route.agentId}`);
          if ('teamId' in r.route && !(await teams.get(r.route.teamId)))
            throw new HttpError(422, 'unknown-team', `${i}.route.teamId: no team ${r.route.teamId}`);
        }
        await meta.setRules(rules);
        return changed(call.json(200, rules));
      },
    }),
    route(api.listAttributes, {
      async handler(req, call) {
        await ctx.auth.require(req);
        return call.json(200, { standard: STANDARD_ATTRIBUTES, custom: await attributes.list() });
      },
    }),
    route(api.createAttribute, {
      async handler(req, call) {
        await admin(req);
        const b = call.body;
        if (isStandardAttribute(b.name) || (await attributes.list()).some((a) => a.name === b.name)) {
          throw new HttpError(409, 'attribute-exists', `attribute ${b.name} exists`);
        }
        await attributes.create({ name: b.name, label: b.label || b.name });
        return call.json(201, { name: b.name, label: b.label || b.name });
      },
    }),
    route(api.deleteAttribute, {
      async handler(req, call) {
        await admin(req);
        if (!(await attributes.remove(call.params.name))) throw notFound('attribute');
        return { status: 204 };
      },
    }),
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
