import { z } from 'zod';
import { exportStream } from '../../../shared/stream/exportStream.ts';
import { parseStream } from '../../../shared/stream/interchange.ts';
import { notFound, parseBody, validate } from '../http/body.ts';
import { HttpError, json, type Req, type Route } from '../http/types.ts';
import type { DraftIO } from '../streams/draftIO.ts';
import { lintContextFor } from '../streams/lintContext.ts';
import { publishStream } from '../streams/publish.ts';
import { can } from '../store/users.ts';
import type { ApiContext } from './context.ts';

/** A 5,000-card stream is about 1.5 MB of interchange JSON; 8 MiB leaves room without inviting abuse. */
const MAX_STREAM_BYTES = 8 * 1024 * 1024;
const renameBody = z.object({ name: z.string().trim().min(1).max(200) }).strict();
const publishBody = z.object({ dialogueId: z.string().optional() }).strict().nullable();
const rollbackBody = z.object({ version: z.number().int().positive() }).strict();

/** Streams: import, list, rename, delete, duplicate, export, publish, versions, rollback (SPEC §8.4). */
export function streamRoutes(ctx: ApiContext, drafts: DraftIO): Route[] {
  const { streams, dialogues } = ctx.store;
  const marketer = (req: Req) => ctx.auth.require(req, can.editStreams);
  const publisher = (req: Req) => ctx.auth.require(req, can.publish);
  const existing = (id: string) => streams.get(id) ?? throwNotFound('stream');
  const summary = (id: string) => {
    const s = existing(id);
    return { ...s, editors: ctx.live.editorsOf(id), dialogues: dialogues.ofStream(id).map((d) => d.id) };
  };
  const importDoc = (value: unknown, userId: string, name?: string) => {
    const parsed = parseStream(value);
    if (!parsed.ok) throw new HttpError(422, 'invalid-stream', parsed.error);
    const stream = name ? { ...parsed.stream, name } : parsed.stream;
    return ctx.store.tx(() => {
      const meta = streams.create(stream.name || 'Untitled stream', userId);
      drafts.create(meta.id, { ...stream, name: meta.name });
      return meta;
    });
  };
  return [
    {
      method: 'GET',
      path: '/api/streams',
      handler: (req) => (
        marketer(req),
        json(
          200,
          streams.list().map((s) => summary(s.id)),
        )
      ),
    },
    {
      method: 'POST',
      path: '/api/streams',
      maxBody: MAX_STREAM_BYTES,
      handler(req) {
        const { user } = marketer(req);
        const value = parseBody(req, z.unknown());
        return json(201, { id: importDoc(value, user.id).id });
      },
    },
    { method: 'GET', path: '/api/streams/{id}', handler: (req) => (marketer(req), json(200, summary(req.params.id))) },
    {
      method: 'PATCH',
      path: '/api/streams/{id}',
      maxBody: 4096,
      handler(req) {
        marketer(req);
        existing(req.params.id);
        const { name } = parseBody(req, renameBody);
        streams.rename(req.params.id, name);
        drafts.rename(req.params.id, name);
        return json(200, summary(req.params.id));
      },
    },
    {
      method: 'DELETE',
      path: '/api/streams/{id}',
      handler(req) {
        marketer(req);
        existing(req.params.id);
        const users = dialogues.ofStream(req.params.id);
        if (users.length)
          throw new HttpError(
            409,
            'in-use',
            `dialogues ${users.map((d) => d.id).join(', ')} use this stream; delete them first`,
          );
        ctx.store.tx(() => {
          streams.remove(req.params.id);
          drafts.remove(req.params.id);
        });
        ctx.live.streamRemoved(req.params.id);
        return { status: 204 };
      },
    },
    {
      method: 'POST',
      path: '/api/streams/{id}/duplicate',
      maxBody: 4096,
      handler(req) {
        const { user } = marketer(req);
        const s = existing(req.params.id);
        const stream = drafts.load(s.id) ?? throwNotFound('draft');
        return json(201, { id: importDoc(exportStream(stream), user.id, `${s.name} (copy)`).id });
      },
    },
    {
      method: 'GET',
      path: '/api/streams/{id}/export',
      handler(req) {
        marketer(req);
        existing(req.params.id);
        const stream = drafts.load(req.params.id) ?? throwNotFound('draft');
        return json(200, exportStream(stream));
      },
    },
    {
      method: 'GET',
      path: '/api/streams/{id}/lint-context',
      handler(req) {
        marketer(req);
        existing(req.params.id);
        return json(200, lintContextFor(ctx.store, req.params.id, false));
      },
    },
    {
      method: 'POST',
      path: '/api/streams/{id}/publish',
      maxBody: 4096,
      handler(req) {
        const { user } = publisher(req);
        existing(req.params.id);
        const body = req.body.length ? parseBody(req, publishBody) : null;
        const r = publishStream(ctx.store, drafts, req.params.id, user.id, body?.dialogueId);
        if (!r.ok && 'missing' in r) throw notFound('draft');
        if (!r.ok)
          return json(422, {
            error: { code: 'lint-errors', message: 'fix the errors before publishing' },
            diagnostics: r.diagnostics,
          });
        return json(r.unchanged ? 200 : 201, { ...r.version, unchanged: r.unchanged, diagnostics: r.diagnostics });
      },
    },
    {
      method: 'GET',
      path: '/api/streams/{id}/versions',
      handler(req) {
        marketer(req);
        existing(req.params.id);
        return json(200, streams.versions(req.params.id));
      },
    },
    {
      method: 'GET',
      path: '/api/streams/{id}/versions/{version}',
      handler(req) {
        marketer(req);
        const v = streams.version(req.params.id, validate(Number(req.params.version), z.number().int().positive()));
        return v ? json(200, v) : throwNotFound('version');
      },
    },
    {
      method: 'POST',
      path: '/api/streams/{id}/rollback',
      maxBody: 4096,
      handler(req) {
        // A rollback publishes the old content again as the newest version: history stays immutable, running
        // conversations keep their version, new ones get the old content. The draft is left as it is.
        const { user } = publisher(req);
        existing(req.params.id);
        const { version } = parseBody(req, rollbackBody);
        const old = streams.version(req.params.id, version) ?? throwNotFound('version');
        const v = streams.addVersion({
          streamId: old.streamId,
          hash: old.hash,
          compiled: old.compiled,
          source: old.source,
          publishedBy: user.id,
        });
        return json(201, { ...v, rolledBackFrom: version });
      },
    },
  ];
}

function throwNotFound(what: string): never {
  throw notFound(what);
}
