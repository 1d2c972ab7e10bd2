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
        return call.json(200, await streamResults(ctx.store, stream.id, version, range));
      },
    }),
  ];
}
