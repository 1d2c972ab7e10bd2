import { queues } from '../../../shared/routing/queries.ts';
import type { LiveHooks } from '../api/context.ts';
import type { EventBus } from '../cluster/eventBus.ts';
import type { NodeIdentity } from '../cluster/nodeIdentity.ts';
import type { CollabEndpoint } from '../collab/endpoint.ts';
import { CLOSE } from '../../../shared/protocol/closeCodes.ts';
import { hashToken } from '../store/sessions.ts';
import type { Store } from '../store/store.ts';
import { can } from '../store/users.ts';
import type { SocketRegistry } from '../transport/ws.ts';
import type { Hub } from './hub.ts';

/**
 * A change that closes sockets, as it crosses nodes: session tokens travel as the hash the store keeps (a copy of
 * the bus's traffic signs nobody in), and each node closes its own sockets with the same close codes.
 */
type Closing =
  | { k: 'userRemoved'; userId: string }
  | { k: 'userChanged'; userId: string; sessionsEnded: boolean; keep?: string }
  | { k: 'sessionRevoked'; session: string }
  | { k: 'streamRemoved'; streamId: string };

/** The bus channel of closings. */
const CLOSINGS = 'live:closings';

/**
 * What the HTTP API may ask of the live side: routing facts after admin changes, presence, sign-outs.
 * With other nodes (`bus` over Redis), what closes sockets (a user removed or changed, a sign-out, a stream
 * deleted) is applied here and published after it, so that every node closes its agent and co-editing sockets
 * of it. The bus may lose a message (Redis restarting): a socket it missed stays open until it reconnects, when
 * the handshake checks the session and the stream again.
 */
export function createLiveHooks(
  hub: Hub,
  store: Store,
  collab: Pick<CollabEndpoint, 'editors' | 'closeStream' | 'closeWhere'>,
  _sockets: SocketRegistry,
  node: NodeIdentity,
  bus?: EventBus,
): LiveHooks {
  /** Whether a socket's session token is the one hashed as `hash` (sign-outs are rare: hashing each is cheap). */
  const same = (hash: string) => (token: string | undefined) => token !== undefined && hashToken(token) === hash;

  function removed(userId: string): void {
    for (const p of [...hub.agents.get(userId)]) p.close(CLOSE.sessionEnded, 'user removed');
    collab.closeWhere({ userId }, CLOSE.sessionEnded, 'user removed');
  }

  async function changed(userId: string, sessionsEnded: boolean, keep: string | undefined): Promise<void> {
    const user = await store.users.get(userId);
    if (!user) return removed(userId);
    if (sessionsEnded) {
      const kept = keep === undefined ? () => false : same(keep);
      for (const p of [...hub.agents.get(userId)])
        if (!kept(p.token)) p.close(CLOSE.sessionEnded, 'the password was changed');
      collab.closeWhere({ userId, session: (s) => !kept(s) }, CLOSE.sessionEnded, 'the password was changed');
    }
    if (!can.liveChat(user))
      for (const p of [...hub.agents.get(userId)]) p.close(CLOSE.accessRevoked, 'live chat was taken away');
    if (!can.editStreams(user)) collab.closeWhere({ userId }, CLOSE.accessRevoked, 'editing streams was taken away');
  }

  function revoked(hash: string): void {
    const matches = same(hash);
    for (const [, p] of [...hub.agents.all()]) if (matches(p.token)) p.close(CLOSE.sessionEnded, 'signed out');
    collab.closeWhere({ session: matches }, CLOSE.sessionEnded, 'signed out');
  }

  function apply(c: Closing): Promise<void> | void {
    switch (c.k) {
      case 'userRemoved':
        return removed(c.userId);
      case 'userChanged':
        return changed(c.userId, c.sessionsEnded, c.keep);
      case 'sessionRevoked':
        return revoked(c.session);
      case 'streamRemoved':
        return collab.closeStream(c.streamId);
    }
  }

  /** Applies a closing here, then tells the other nodes (a node never hears its own messages). */
  function close(c: Exclude<Closing, { k: 'userChanged' }>): void {
    try {
      apply(c);
    } finally {
      bus?.publish(CLOSINGS, c);
    }
  }
  bus?.subscribe(CLOSINGS, (body) => {
    Promise.resolve()
      .then(() => apply(body as Closing))
      .catch((err) => console.error('closing sockets another node asked for:', err));
  });

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
      close({ k: 'userRemoved', userId });
    },
    async userChanged(userId, change) {
      const keep = change.keep === undefined ? undefined : hashToken(change.keep);
      try {
        await changed(userId, change.sessionsEnded, keep);
      } finally {
        bus?.publish(CLOSINGS, { k: 'userChanged', userId, sessionsEnded: change.sessionsEnded, keep });
      }
    },
    sessionRevoked(token) {
      close({ k: 'sessionRevoked', session: hashToken(token) });
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
      close({ k: 'streamRemoved', streamId });
    },
  };
}
