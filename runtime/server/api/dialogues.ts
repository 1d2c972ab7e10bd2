import { api } from '../../../shared/api/routes.ts';
import { notFound } from '../http/body.ts';
import { HttpError, type Req, type Route } from '../http/types.ts';
import type { DialogueInput } from '../store/dialogues.ts';
import { can } from '../store/users.ts';
import type { ApiContext } from './context.ts';
import { route } from './operation.ts';

/** Dialogues: a published stream plus its targeting, priority, triggers and show-once (SPEC §1). */
export function dialogueRoutes(ctx: ApiContext): Route[] {
  const { dialogues, streams } = ctx.store;
  const reader = (req: Req) => ctx.auth.require(req, can.editStreams);
  const publisher = (req: Req) => ctx.auth.require(req, can.publish);
  /** An active dialogue must have somewhere to show and something to show. */
  const check = async (d: DialogueInput) => {
    const s = await streams.get(d.streamId);
    if (!s) throw new HttpError(422, 'unknown-stream', `streamId: no stream ${d.streamId}`);
    if (d.active && s.latestVersion === null)
      throw new HttpError(422, 'not-published', 'publish the stream before activating a dialogue for it');
    if (d.active && d.include.length === 0)
      throw new HttpError(422, 'no-target-url', 'include: add at least one URL pattern (e.g. /pricing or *)');
  };
  return [
    route(api.listDialogues, {
      handler: async (req, call) => (await reader(req), call.json(200, await dialogues.list())),
    }),
    route(api.createDialogue, {
      async handler(req, call) {
        await publisher(req);
        const d = call.body;
        await check(d);
        return call.json(201, await dialogues.create(d));
      },
    }),
    route(api.getDialogue, {
      async handler(req, call) {
        await reader(req);
        return call.json(200, (await dialogues.get(call.params.id)) ?? fail());
      },
    }),
    route(api.updateDialogue, {
      async handler(req, call) {
        await publisher(req);
        const old = (await dialogues.get(call.params.id)) ?? fail();
        const next = { ...old, ...call.body };
        await check(next);
        return call.json(200, await dialogues.update(old.id, next));
      },
    }),
    route(api.deleteDialogue, {
      async handler(req, call) {
        await publisher(req);
        if (!(await dialogues.remove(call.params.id))) fail();
        await ctx.store.widget.setDialogueAppearance(call.params.id, null);
        return { status: 204 };
      },
    }),
  ];
}

function fail(): never {
  throw notFound('dialogue');
}
