import { api } from '../../../shared/api/routes.ts';
import type { MissedChatView } from '../../../shared/api/missed.ts';
import { notFound } from '../http/body.ts';
import { HttpError, type Route } from '../http/types.ts';
import type { Why } from '../../../shared/routing/whys.ts';
import type { StoredDecision } from '../store/decisions.ts';
import type { MissedChat } from '../store/missed.ts';
import { can } from '../store/users.ts';
import type { ApiContext } from './context.ts';
import { route } from './operation.ts';

/** The inbox's Missed list (agents and those who see every conversation) and an agent's claim of one. */
export function missedRoutes(ctx: ApiContext): Route[] {
  const store = ctx.store;
  const viewer = (req: Parameters<ApiContext['auth']['require']>[0]) =>
    ctx.auth.require(req, (u) => can.viewAllConversations(u) || can.liveChat(u));

  /** A row with the visitor's name, the email to reply to, the fallback's why and the claimer's name. */
  const view = async (m: MissedChat, names: Map<string, string>): Promise<MissedChatView> => {
    const [visitor, decisions, claimer, answerer] = await Promise.all([
      store.conversations.visitor(m.visitorId),
      store.decisions.query({ conversationId: m.conversationId, limit: 50 }),
      m.claimedBy ? store.users.get(m.claimedBy) : undefined,
      m.answeredBy ? store.users.get(m.answeredBy) : undefined,
    ]);
    const p = visitor?.profile ?? {};
    const name = [p.firstName, p.lastName].filter(Boolean).join(' ') || null;
    return {
      conversationId: m.conversationId,
      visitorId: m.visitorId,
      visitorName: name,
      at: m.at,
      reason: m.reason,
      ...whyOf(
        decisions.find((d) => d.event === 'fallback'),
        names,
      ),
      message: m.message,
      messageAt: m.messageAt,
      email: m.email ?? p.email ?? null,
      claimedBy: m.claimedBy ? { id: m.claimedBy, name: claimer?.name ?? m.claimedBy } : null,
      claimedAt: m.claimedAt,
      answeredBy: m.answeredBy ? { id: m.answeredBy, name: answerer?.name ?? m.answeredBy } : null,
      answeredAt: m.answeredAt,
    };
  };

  const userNames = async () => new Map((await store.users.list()).map((u) => [u.id, u.name]));

  return [
    route(api.listMissed, {
      async handler(req, call) {
        await viewer(req);
        const q = call.query;
        const claimed = q.claimed === undefined ? undefined : q.claimed === 'true';
        const rows = await store.missed.query({ claimed, before: q.before, limit: q.limit });
        const names = await userNames();
        return call.json(200, await Promise.all(rows.map((r) => view(r, names))));
      },
    }),
    route(api.claimMissed, {
      async handler(req, call) {
        const { user } = await ctx.auth.require(req, can.liveChat);
        const id = call.params.id;
        if (!(await store.missed.get(id))) throw notFound('missed chat');
        if (!(await store.missed.claim(id, user.id, Date.now()))) {
          const holder = (await store.missed.get(id))?.claimedBy;
          const name = holder ? ((await store.users.get(holder))?.name ?? holder) : 'someone';
          throw new HttpError(409, 'claimed', `${name} follows this missed chat up already`);
        }
        return call.json(200, await view((await store.missed.get(id))!, await userNames()));
      },
    }),
    route(api.replyMissed, {
      async handler(req, call) {
        const { user } = await ctx.auth.require(req, can.liveChat);
        const m = await store.missed.get(call.params.id);
        if (!m) throw notFound('missed chat');
        if (m.claimedBy !== user.id) throw new HttpError(409, 'not-claimed', 'claim this missed chat before you reply');
        const to = m.email ?? (await store.conversations.visitor(m.visitorId))?.profile.email;
        if (!to) throw new HttpError(422, 'no-email', 'the visitor left no email to reply to');
        const quoted = m.message ? `\n\n---\n${m.message.replace(/^/gm, '> ')}` : '';
        ctx.mailer.toVisitor(to, {
          subject: `Re: your chat with us`,
          text: `${call.body.text}\n\n${user.name}${quoted}`,
          replyTo: user.email,
        });
        // Recorded, so that the list says who answered and when (the mailer retries delivery on its own).
        await store.missed.answered(m.conversationId, user.id, Date.now());
        return call.json(200, { to });
      },
    }),
  ];
}

/** The fallback's why, in English and as clauses, with agents by name (agents reading the list know names). */
function whyOf(d: StoredDecision | undefined, names: Map<string, string>): { why: string; whys?: Why[] } {
  const why = withNames(d?.why ?? '', names);
  return d?.whys ? { why, whys: d.whys.map((w) => named(w, names)) } : { why };
}

/** The routing engine's why speaks of agent ids (`u_…`): every id in a text, or in a clause's parts, named. */
function withNames(text: string, names: Map<string, string>): string {
  return text.replace(/\bu_[A-Za-z0-9_-]+/g, (id) => names.get(id) ?? id);
}

function named<T>(value: T, names: Map<string, string>): T {
  if (typeof value === 'string') return withNames(value, names) as T;
  if (Array.isArray(value)) return value.map((v) => named(v, names)) as T;
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, named(v, names)])) as T;
  }
  return value;
}
