import { z } from 'zod';
import { conversationStatusSchema } from '../../../shared/protocol/visitor.ts';
import { intParam, notFound, validate } from '../http/body.ts';
import { HttpError, json, type Route } from '../http/types.ts';
import { transcript } from '../live/snapshots.ts';
import type { Hub } from '../live/hub.ts';
import type { ConversationRecord } from '../store/conversations.ts';
import { can, type User } from '../store/users.ts';
import type { ApiContext } from './context.ts';

/**
 * Conversations and transcripts (SPEC §5): an agent sees the conversations they took part in; with the view-all
 * permission (or as admin) every conversation.
 */
export function conversationRoutes(ctx: ApiContext, hub: Pick<Hub, 'store'>): Route[] {
  const { conversations, users, dialogues } = ctx.store;
  const reader = (u: User) => can.viewAllConversations(u) || can.liveChat(u);
  const names = new Map<string, string>();
  const agentName = (id: string | null) => (id ? (names.get(id) ?? users.get(id)?.name ?? null) : null);
  const summary = (c: ConversationRecord) => ({
    id: c.id,
    visitorId: c.visitorId,
    visitor: conversations.visitor(c.visitorId)?.profile ?? {},
    dialogueId: c.dialogueId,
    dialogueName: dialogues.get(c.dialogueId)?.name ?? null,
    streamId: c.streamId,
    version: c.version,
    status: c.status,
    agentId: c.agentId,
    agentName: agentName(c.agentId),
    startedAt: c.startedAt,
    connectedAt: c.connectedAt,
    endedAt: c.endedAt,
    endReason: c.endReason,
    lastSeq: c.lastSeq,
  });
  return [
    {
      method: 'GET',
      path: '/api/conversations',
      handler(req) {
        const { user } = ctx.auth.require(req, reader);
        const all = can.viewAllConversations(user);
        const requested = req.query.get('agent') || undefined;
        if (!all && requested && requested !== user.id)
          throw new HttpError(403, 'forbidden', 'you may only list your own conversations');
        const status = req.query.get('status');
        const rows = conversations.query({
          agentId: all ? requested : user.id,
          visitorId: req.query.get('visitor') || undefined,
          status: status ? validate(status, conversationStatusSchema) : undefined,
          before: req.query.has('before') ? intParam(req, 'before', 0) : undefined,
          limit: intParam(req, 'limit', 50, 1, 500),
        });
        return json(200, rows.map(summary));
      },
    },
    {
      method: 'GET',
      path: '/api/conversations/{id}',
      handler(req) {
        const { user } = ctx.auth.require(req, reader);
        const c = conversations.get(validate(req.params.id, z.string().max(100)));
        if (!c) throw notFound('conversation');
        if (!can.viewAllConversations(user) && c.agentId !== user.id)
          throw new HttpError(403, 'forbidden', 'not one of your conversations');
        const decisions = ctx.store.decisions.query({ conversationId: c.id, limit: 200 }).reverse();
        return json(200, { ...summary(c), items: transcript(hub, c), decisions });
      },
    },
  ];
}
