import { createHash } from 'node:crypto';
import { api } from '../../../shared/api/routes.ts';
import { notFound } from '../http/body.ts';
import type { Route } from '../http/types.ts';
import { parseRange } from '../results/range.ts';
import { streamResults } from '../results/summary.ts';
import { can } from '../store/users.ts';
import type { ApiContext } from './context.ts';
import { route } from './operation.ts';

/** Results of published streams (SPEC §8.7): marketers and admins. */
export function resultsRoutes(ctx: ApiContext): Route[] {
  return [
    route(api.getResults, {
      async handler(req, call) {
        await ctx.auth.require(req, can.editStreams);
        const stream = await ctx.store.streams.get(call.params.id);
        if (!stream) throw notFound('stream');
        const q = call.query;
        const range = parseRange(q.from, q.to);
        const version = q.version ?? stream.latestVersion ?? null;
        if (q.version !== undefined && !(await ctx.store.streams.version(stream.id, q.version)))
          throw notFound('version');
        const res = call.json(200, await streamResults(ctx.store, stream.id, version, range));
        // Live counts are polled (the editor's overlay): an unchanged answer costs a 304 and no body. The browser's
        // own cache revalidates with If-None-Match, so the polling client needs nothing of its own.
        const etag = `"${createHash('sha1').update(res.body!).digest('base64url')}"`;
        const headers = { etag, 'cache-control': 'private, no-cache' };
        if (matches(req.headers['if-none-match'], etag)) return { status: 304, headers };
        return { ...res, headers: { ...res.headers, ...headers } };
      },
    }),
  ];
}

/** Whether an `If-None-Match` list names the tag (weak or strong, or `*`). */
function matches(header: string | undefined, etag: string): boolean {
  return !!header && header.split(',').some((t) => ['*', etag].includes(t.trim().replace(/^W\//, '')));
}
