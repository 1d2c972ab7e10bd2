import { api } from '../../../shared/api/routes.ts';
import { notFound } from '../http/body.ts';
import { HttpError, type Route } from '../http/types.ts';
import { leadsCsv } from '../leads/csv.ts';
import { parseRange } from '../results/range.ts';
import { dayStart } from '../store/results.ts';
import type { LeadCursor, LeadQuery } from '../store/leads.ts';
import { can } from '../store/users.ts';
import type { ApiContext } from './context.ts';
import { route } from './operation.ts';
import { searchOrBadRequest } from './searchErrors.ts';
import { searchTerms } from '../store/search.ts';

interface Filters {
  stream?: string;
  version?: number;
  outcome?: LeadQuery['outcome'];
  goal?: string;
  from?: string;
  to?: string;
  q?: string;
}

/** The leads table, its streamed CSV and erasing a person's data (SPEC §8.7): marketers and admins; erasing: admins. */
export function leadsRoutes(ctx: ApiContext): Route[] {
  /** The store query of the filters: 404 for an unknown stream or version, 400 `bad-range` naming the field. */
  async function query(f: Filters): Promise<Omit<LeadQuery, 'limit'>> {
    const range = parseRange(f.from, f.to);
    if (f.stream !== undefined && !(await ctx.store.streams.get(f.stream))) throw notFound('stream');
    if (f.version !== undefined) {
      if (f.stream === undefined) throw new HttpError(400, 'invalid', 'version: choose a stream too');
      if (!(await ctx.store.streams.version(f.stream, f.version))) throw notFound('version');
    }
    return {
      ...(f.stream !== undefined ? { streamId: f.stream } : {}),
      ...(f.version !== undefined ? { version: f.version } : {}),
      ...(f.outcome !== undefined ? { outcome: f.outcome } : {}),
      ...(f.goal !== undefined ? { goal: f.goal } : {}),
      ...(f.q !== undefined ? { text: f.q } : {}),
      ...(range.fromDay !== undefined ? { from: dayStart(range.fromDay) } : {}),
      ...(range.toDay !== undefined ? { to: dayStart(range.toDay + 1) } : {}),
    };
  }
  const agentNames = async () => {
    const names = new Map((await ctx.store.users.list()).map((u) => [u.id, u.name]));
    return (id: string) => names.get(id) ?? id;
  };
  return [
    route(api.listLeads, {
      async handler(req, call) {
        await ctx.auth.require(req, can.editStreams);
        const q = call.query;
        const filters = await query(q);
        const after = q.cursor === undefined ? undefined : readCursor(q.cursor);
        const [rows, attributes, name] = await Promise.all([
          searchOrBadRequest(() => ctx.store.leads.page({ ...filters, ...(after ? { after } : {}), limit: q.limit })),
          ctx.store.leads.attributes(filters.streamId),
          agentNames(),
        ]);
        const last = rows[rows.length - 1];
        return call.json(200, {
          attributes,
          rows: rows.map((r) => ({
            conversationId: r.conversationId,
            streamId: r.streamId,
            version: r.version,
            startedAt: r.startedAt,
            outcome: r.outcome,
            goal: r.goal,
            score: r.score,
            agent: r.agentId ? { id: r.agentId, name: name(r.agentId) } : null,
            page: r.page,
            attributes: r.attributes,
          })),
          next: rows.length === q.limit && last ? `${last.startedAt}.${last.conversationId}` : null,
        });
      },
    }),
    route(api.exportLeads, {
      async handler(req, call) {
        await ctx.auth.require(req, can.editStreams);
        const filters = await query({ ...call.query, stream: call.params.id });
        // A query the search refuses answers 400 before the CSV starts.
        if (filters.text !== undefined) await searchOrBadRequest(async () => searchTerms(filters.text));
        const stream = leadsCsv(ctx.store, filters, await agentNames());
        const file = `leads-${call.params.id.replace(/[^\w.-]/g, '_')}.csv`;
        return {
          status: 200,
          headers: {
            'content-type': 'text/csv; charset=utf-8',
            'content-disposition': `attachment; filename="${file}"`,
            'cache-control': 'no-store',
          },
          stream,
        };
      },
    }),
    route(api.eraseLeads, {
      async handler(req, call) {
        const me = await ctx.auth.require(req, can.admin);
        const erasure = await ctx.store.leads.erase(call.body.email, me.user.id);
        ctx.log.info(
          { audit: 'erase', actor: me.user.id, subject: erasure.subject, rows: erasure.rows },
          "a person's data was deleted",
        );
        return call.json(200, erasure);
      },
    }),
    route(api.listErasures, {
      async handler(req, call) {
        await ctx.auth.require(req, can.admin);
        return call.json(200, await ctx.store.leads.erasures(call.query.limit));
      },
    }),
  ];
}

/** A page cursor: `startedAt.conversationId` of the last row of the page before. */
function readCursor(cursor: string): LeadCursor {
  const m = /^(\d{1,15})\.(.+)$/.exec(cursor);
  if (!m)
    throw new HttpError(400, 'invalid', 'cursor: not a cursor this table gave', undefined, undefined, {
      field: 'cursor',
      reason: 'bad-cursor',
    });
  return { startedAt: Number(m[1]), id: m[2] };
}
