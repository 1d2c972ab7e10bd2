import { api } from '../../../shared/api/routes.ts';
import { exportStream } from '../../../shared/stream/exportStream.ts';
import { parseStream } from '../../../shared/stream/interchange.ts';
import { notFound } from '../http/body.ts';
import { HttpError, type Req, type Route } from '../http/types.ts';
import type { DraftIO } from '../streams/draftIO.ts';
import { lintContextFor } from '../streams/lintContext.ts';
import { publishStream } from '../streams/publish.ts';
import { can } from '../store/users.ts';
import type { ApiContext } from './context.ts';
import { route } from './operation.ts';

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
    route(api.listStreams, {
      handler: (req, call) => (
        marketer(req),
        call.json(
          200,
          streams.list().map((s) => summary(s.id)),
        )
      ),
    }),
    route(api.importStream, {
      handler(req, call) {
        const { user } = marketer(req);
        const value = call.body;
        return call.json(201, { id: importDoc(value, user.id).id });
      },
    }),
    route(api.getStream, { handler: (req, call) => (marketer(req), call.json(200, summary(call.params.id))) }),
    route(api.renameStream, {
      handler(req, call) {
        marketer(req);
        existing(call.params.id);
        const { name } = call.body;
        streams.rename(call.params.id, name);
        drafts.rename(call.params.id, name);
        return call.json(200, summary(call.params.id));
      },
    }),
    route(api.deleteStream, {
      handler(req, call) {
        marketer(req);
        existing(call.params.id);
        const users = dialogues.ofStream(call.params.id);
        if (users.length)
          throw new HttpError(
            409,
            'in-use',
            `dialogues ${users.map((d) => d.id).join(', ')} use this stream; delete them first`,
          );
        ctx.store.tx(() => {
          streams.remove(call.params.id);
          drafts.remove(call.params.id);
        });
        ctx.live.streamRemoved(call.params.id);
        return { status: 204 };
      },
    }),
    route(api.duplicateStream, {
      handler(req, call) {
        const { user } = marketer(req);
        const s = existing(call.params.id);
        const stream = drafts.load(s.id) ?? throwNotFound('draft');
        return call.json(201, { id: importDoc(exportStream(stream), user.id, `${s.name} (copy)`).id });
      },
    }),
    route(api.exportStream, {
      handler(req, call) {
        marketer(req);
        existing(call.params.id);
        const stream = drafts.load(call.params.id) ?? throwNotFound('draft');
        return call.json(200, exportStream(stream));
      },
    }),
    route(api.getLintContext, {
      handler(req, call) {
        marketer(req);
        existing(call.params.id);
        return call.json(200, lintContextFor(ctx.store, call.params.id, false));
      },
    }),
    route(api.publishStream, {
      handler(req, call) {
        const { user } = publisher(req);
        existing(call.params.id);
        const body = req.body.length ? call.body : null;
        const r = publishStream(ctx.store, drafts, call.params.id, user.id, body?.dialogueId);
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
      handler(req, call) {
        marketer(req);
        existing(call.params.id);
        return call.json(200, streams.versions(call.params.id));
      },
    }),
    route(api.getVersion, {
      handler(req, call) {
        marketer(req);
        const v = streams.version(call.params.id, call.params.version);
        return v ? call.json(200, v) : throwNotFound('version');
      },
    }),
    route(api.rollbackStream, {
      handler(req, call) {
        // A rollback publishes the old content again as the newest version: history stays immutable, running
        // conversations keep their version, new ones get the old content. The draft is left as it is.
        const { user } = publisher(req);
        existing(call.params.id);
        const { version } = call.body;
        const old = streams.version(call.params.id, version) ?? throwNotFound('version');
        const v = streams.addVersion({
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
