import { z } from 'zod';
import { triggersSchema } from '../../../shared/protocol/visitor.ts';
import { notFound, parseBody } from '../http/body.ts';
import { HttpError, json, type Req, type Route } from '../http/types.ts';
import type { DialogueInput } from '../store/dialogues.ts';
import { can } from '../store/users.ts';
import type { ApiContext } from './context.ts';

/** `*` wildcards; a query string or fragment is never matched, so a pattern may not contain one. */
const pattern = z
  .string()
  .trim()
  .min(1)
  .max(2048)
  .refine((p) => !/[?#]/.test(p), 'query strings and fragments are not matched: leave them out');
const fields = {
  name: z.string().trim().min(1).max(200),
  streamId: z.string().min(1),
  include: z.array(pattern).max(200),
  exclude: z.array(pattern).max(200),
  priority: z.number().int().min(1).max(1000),
  triggers: triggersSchema.strict(),
  showOnce: z.boolean(),
  active: z.boolean(),
};
const newDialogue = z
  .object({
    ...fields,
    exclude: fields.exclude.default([]),
    priority: fields.priority.default(1),
    triggers: fields.triggers.default({}),
    showOnce: fields.showOnce.default(false),
    active: fields.active.default(true),
  })
  .strict();
const dialoguePatch = z.object(fields).partial().strict();

/** Dialogues: a published stream plus its targeting, priority, triggers and show-once (SPEC §1). */
export function dialogueRoutes(ctx: ApiContext): Route[] {
  const { dialogues, streams } = ctx.store;
  const reader = (req: Req) => ctx.auth.require(req, can.editStreams);
  const publisher = (req: Req) => ctx.auth.require(req, can.publish);
  /** An active dialogue must have somewhere to show and something to show. */
  const check = (d: DialogueInput) => {
    const s = streams.get(d.streamId);
    if (!s) throw new HttpError(422, 'unknown-stream', `streamId: no stream ${d.streamId}`);
    if (d.active && s.latestVersion === null)
      throw new HttpError(422, 'not-published', 'publish the stream before activating a dialogue for it');
    if (d.active && d.include.length === 0)
      throw new HttpError(422, 'no-target-url', 'include: add at least one URL pattern (e.g. /pricing or *)');
  };
  return [
    { method: 'GET', path: '/api/dialogues', handler: (req) => (reader(req), json(200, dialogues.list())) },
    {
      method: 'POST',
      path: '/api/dialogues',
      maxBody: 65536,
      handler(req) {
        publisher(req);
        const d = parseBody(req, newDialogue);
        check(d);
        return json(201, dialogues.create(d));
      },
    },
    {
      method: 'GET',
      path: '/api/dialogues/{id}',
      handler(req) {
        reader(req);
        return json(200, dialogues.get(req.params.id) ?? fail());
      },
    },
    {
      method: 'PATCH',
      path: '/api/dialogues/{id}',
      maxBody: 65536,
      handler(req) {
        publisher(req);
        const old = dialogues.get(req.params.id) ?? fail();
        const next = { ...old, ...parseBody(req, dialoguePatch) };
        check(next);
        return json(200, dialogues.update(old.id, next));
      },
    },
    {
      method: 'DELETE',
      path: '/api/dialogues/{id}',
      handler(req) {
        publisher(req);
        if (!dialogues.remove(req.params.id)) fail();
        return { status: 204 };
      },
    },
  ];
}

function fail(): never {
  throw notFound('dialogue');
}
