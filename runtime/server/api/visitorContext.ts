import Bowser from 'bowser';
import { api } from '../../../shared/api/routes.ts';
import { getCard } from '../../../shared/cards/index.ts';
import type { CompiledStream } from '../../../shared/compile/format.ts';
import { notFound } from '../http/body.ts';
import { HttpError, type Route } from '../http/types.ts';
import type { VersionCache } from '../live/versionCache.ts';
import { conversationAccess } from './conversationAccess.ts';
import type { ApiContext } from './context.ts';
import { route } from './operation.ts';

const EARLIER = 20;

/** `GET /api/conversations/{id}/context`: the visitor's context beside a chat in the inbox (SPEC §5). */
export function visitorContextRoutes(ctx: ApiContext, versions: VersionCache): Route[] {
  const { conversations, visitorContexts, decisions } = ctx.store;
  const { reader, mayRead, summary } = conversationAccess(ctx.store);
  return [
    route(api.getVisitorContext, {
      async handler(req, call) {
        const { user } = await ctx.auth.require(req, reader);
        const c = await conversations.get(call.params.id);
        if (!c) throw notFound('conversation');
        if (!(await mayRead(user, c))) throw new HttpError(403, 'forbidden', 'not one of your conversations');
        const [where, profile, goals, compiled, earlier] = await Promise.all([
          visitorContexts.get(c.id),
          conversations.visitor(c.visitorId).then((v) => v?.profile ?? {}),
          decisions.goals(c.id),
          versions.get(c.streamId, c.version),
          conversations.query({ visitorId: c.visitorId, before: c.startedAt, limit: EARLIER + 1 }),
        ]);
        const ua = where?.userAgent ? Bowser.parse(where.userAgent) : undefined;
        const part = (p: { name?: string; version?: string } | undefined) =>
          p?.name ? { name: p.name, version: p.version ?? null } : null;
        return call.json(200, {
          conversationId: c.id,
          visitorId: c.visitorId,
          page: where ? { url: where.url, title: where.title } : null,
          requested: where?.requested ?? false,
          referrer: where?.referrer ?? null,
          browser: part(ua?.browser),
          os: part(ua?.os),
          device: ua?.platform.type ?? null,
          userAgent: where?.userAgent ?? null,
          timeZone: where?.timeZone ?? null,
          language: where?.language ?? null,
          captured: captured(compiled, profile),
          goals,
          score: goals.reduce((sum, g) => sum + g.score, 0),
          earlier: await Promise.all(
            earlier
              .filter((e) => e.id !== c.id)
              .slice(0, EARLIER)
              .map(summary),
          ),
        });
      },
    }),
  ];
}

/**
 * Every attribute the stream's cards set (captures, question answers, actions: the card's `sets`), in the order a visitor meets them
 * from the start card, each with the visitor's value or null (shown as a dash); then what else the profile holds.
 */
export function captured(
  compiled: CompiledStream | undefined,
  profile: Record<string, string>,
): { attribute: string; value: string | null }[] {
  const names: string[] = [];
  if (compiled) {
    const seen = new Set<string>([compiled.start]);
    const queue = [compiled.start];
    for (let id = queue.shift(); id !== undefined; id = queue.shift()) {
      const card = compiled.cards[id];
      if (!card) continue;
      for (const attribute of getCard(card.type)?.sets(card.data as never) ?? [])
        if (!names.includes(attribute)) names.push(attribute);
      for (const next of Object.values(card.next)) if (!seen.has(next)) (seen.add(next), queue.push(next));
    }
  }
  for (const name of Object.keys(profile)) if (!names.includes(name)) names.push(name);
  return names.map((attribute) => ({ attribute, value: profile[attribute]?.trim() ? profile[attribute] : null }));
}
