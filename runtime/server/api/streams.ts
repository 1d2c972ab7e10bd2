import { api } from '../../../shared/api/routes.ts';
import { exportStream } from '../../../shared/stream/exportStream.ts';
import { parseStream } from '../../../shared/stream/interchange.ts';
import { notFound } from '../http/body.ts';
import { HttpError, type Req, type Route } from '../http/types.ts';
import type { DraftIO } from '../streams/draftIO.ts';
import { lintContextFor } from '../streams/lintContext.ts';
import { publishStream } from '../streams/publish.ts';
import { newId } from '../store/ids.ts';
import { can } from '../store/users.ts';
import type { ApiContext } from './context.ts';
import { route } from './operation.ts';

/** Streams: import, list, rename, delete, duplicate, export, publish, versions, rollback (SPEC §8.4). */
export function streamRoutes(ctx: ApiContext, drafts: DraftIO): Route[] {
  const { streams, dialogues } = ctx.store;
  const marketer = (req: Req) => ctx.auth.require(req, can.editStreams);
  const publisher = (req: Req) => ctx.auth.require(req, can.publish);
  const existing = async (id: string) => (await streams.get(id)) ?? throwNotFound('stream');
  const summary = async (id: string) => {
    const s = await existing(id);
    return { ...s, editors: ctx.live.editorsOf(id), dialogues: (await dialogues.ofStream(id)).map((d) => d.id) };
  };
  const importDoc = async (value: unknown, userId: string, name?: string) => {
    const parsed = parseStream(value);
    if (!parsed.ok) throw new HttpError(422, 'invalid-stream', parsed.error);
    const stream = name ? { ...parsed.stream, name } : parsed.stream;
    const id = newId('s');
    const streamName = stream.name || 'Untitled stream';
    // One group: the stream and its draft commit together or not at all.
    await ctx.store.commit.atomically(() => {
      void streams.create(streamName, userId, id);
      void drafts.create(id, { ...stream, name: streamName });
    });
    return { id };
  };
  return [
    route(api.listStreams, {
      handler: async (req, call) => (
        await marketer(req),
        call.json(200, await Promise.all((await streams.list()).map((s) => summary(s.id))))
      ),
    }),
    route(api.importStream, {
      async handler(req, call) {
        const { user } = await marketer(req);
        const value = call.body;
        return call.json(201, { id: (await importDoc(value, user.id)).id });
      },
    }),
    route(api.getStream, {
      handler: async (req, call) => (await marketer(req), call.json(200, await summary(call.params.id))),
    }),
    route(api.renameStream, {
      async handler(req, call) {
        await marketer(req);
        await existing(call.params.id);
        const { name } = call.body;
        await streams.rename(call.params.id, name);
        await drafts.rename(call.params.id, name);
        return call.json(200, await summary(call.params.id));
      },
    }),
    route(api.deleteStream, {
      async handler(req, call) {
        await marketer(req);
        await existing(call.params.id);
        const users = await dialogues.ofStream(call.params.id);
        if (users.length)
          throw new HttpError(
            409,
            'in-use',
            `dialogues ${users.map((d) => d.id).join(', ')} use this stream; delete them first`,
          );
        await ctx.store.commit.atomically(() => {
          void streams.remove(call.params.id);
          void drafts.remove(call.params.id);
        });
        ctx.live.streamRemoved(call.params.id);
        return { status: 204 };
      },
    }),
    route(api.duplicateStream, {
      async handler(req, call) {
        const { user } = await marketer(req);
        const s = await existing(call.params.id);
        const stream = (await drafts.load(s.id)) ?? throwNotFound('draft');
        return call.json(201, { id: (await importDoc(exportStream(stream), user.id, `${s.name} (copy)`)).id });
      },
    }),
    route(api.exportStream, {
      async handler(req, call) {
        await marketer(req);
        await existing(call.params.id);
        const stream = (await drafts.load(call.params.id)) ?? throwNotFound('draft');
        return call.json(200, exportStream(stream));
      },
    }),
    route(api.getLintContext, {
      async handler(req, call) {
        await marketer(req);
        await existing(call.params.id);
        return call.json(200, await lintContextFor(ctx.store, call.params.id, false));
      },
    }),
    route(api.publishStream, {
      async handler(req, call) {
        const { user } = await publisher(req);
        await existing(call.params.id);
        const body = req.body.length ? call.body : null;
        const r = await publishStream(ctx.store, drafts, call.params.id, user.id, body?.dialogueId);
        if (!r.ok && 'missing' in r) throw notFound('draft');
        if (!r.ok)
          return call.json(422, {
            error: { code: 'lint-errors', message: 'fix the errors before publishing' },
            diagnostics: r.diagnostics,
          });
        return call.json(r.unchanged ? 200 : 201, { ...r.version, unchanged: r.unchanged, diagnostics: r.diagnostics });
      },
    }),
    route(api.listVersions, {
      async handler(req, call) {
        await marketer(req);
        await existing(call.params.id);
        return call.json(200, await streams.versions(call.params.id));
      },
    }),
    route(api.getVersion, {
      async handler(req, call) {
        await marketer(req);
        const v = await streams.version(call.params.id, call.params.version);
        return v ? call.json(200, v) : throwNotFound('version');
      },
    }),
    route(api.rollbackStream, {
      async handler(req, call) {
        // A rollback publishes the old content again as the newest version: history stays immutable, running
        // conversations keep their version, new ones get the old content. The draft is left as it is.
        const { user } = await publisher(req);
        await existing(call.params.id);
        const { version } = call.body;
        const old = (await streams.version(call.params.id, version)) ?? throwNotFound('version');
        const v = await streams.addVersion({
          streamId: old.streamId,
          hash: old.hash,
          compiled: old.compiled,
          source: old.source,
          publishedBy: user.id,
        });
        return call.json(201, { ...v, rolledBackFrom: version });
      },
    }),
  ];
}

function throwNotFound(what: string): never {
  throw notFound(what);
}
