import { queues } from '../../../shared/routing/queries.ts';
import type { LiveHooks } from '../api/context.ts';
import type { NodeIdentity } from '../cluster/nodeIdentity.ts';
import type { CollabEndpoint } from '../collab/endpoint.ts';
import { CLOSE } from '../../../shared/protocol/closeCodes.ts';
import type { Store } from '../store/store.ts';
import { can } from '../store/users.ts';
import type { SocketRegistry } from '../transport/ws.ts';
import type { Hub } from './hub.ts';

/** What the HTTP API may ask of the live side: routing facts after admin changes, presence, sign-outs. */
export function createLiveHooks(
  hub: Hub,
  store: Store,
  collab: Pick<CollabEndpoint, 'editors' | 'closeStream' | 'closeWhere'>,
  _sockets: SocketRegistry,
  node: NodeIdentity,
): LiveHooks {
  return {
    health() {
      return { node: node.id, routingOwner: hub.routingOwner };
    },
    async workspaceChanged() {
      await hub.workspaceChanged();
      const s = hub.workspace.settings;
      const msg = {
        type: 'settings' as const,
        settings: { acceptTimeoutSec: s.acceptTimeoutSec, maxChatsPerAgent: s.maxChatsPerAgent },
      };
      for (const [, p] of [...hub.agents.all()]) p.send(msg);
    },
    async profileChanged() {
      await hub.profileChanged();
    },
    userRemoved(userId) {
      for (const p of [...hub.agents.get(userId)]) p.close(CLOSE.sessionEnded, 'user removed');
      collab.closeWhere({ userId }, CLOSE.sessionEnded, 'user removed');
    },
    async userChanged(userId, change) {
      const user = await store.users.get(userId);
      if (!user) return this.userRemoved(userId);
      if (change.sessionsEnded) {
        for (const p of [...hub.agents.get(userId)])
          if (p.token !== change.keep) p.close(CLOSE.sessionEnded, 'the password was changed');
        collab.closeWhere({ userId, exceptSession: change.keep }, CLOSE.sessionEnded, 'the password was changed');
      }
      if (!can.liveChat(user))
        for (const p of [...hub.agents.get(userId)]) p.close(CLOSE.accessRevoked, 'live chat was taken away');
      if (!can.editStreams(user)) collab.closeWhere({ userId }, CLOSE.accessRevoked, 'editing streams was taken away');
    },
    sessionRevoked(token) {
      for (const [, p] of [...hub.agents.all()]) if (p.token === token) p.close(CLOSE.sessionEnded, 'signed out');
      collab.closeWhere({ session: token }, CLOSE.sessionEnded, 'signed out');
    },
    openChats() {
      const m = new Map<string, number>();
      for (const [id, a] of hub.router.state.agents) m.set(id, a.chats.size);
      return m;
    },
    waiting() {
      return queues(hub.router.state).map((q) => ({
        pool: q.pool,
        visitors: q.visitors.map((v) => ({ conversationId: v.visitor, since: Math.round(v.since * 1000) })),
      }));
    },
    editorsOf(streamId) {
      return collab.editors(streamId).map((e) => ({ userId: e.userId, name: e.name }));
    },
    streamRemoved(streamId) {
      collab.closeStream(streamId);
    },
  };
}
