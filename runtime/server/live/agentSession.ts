import {
  AGENT_PROTOCOL_VERSION,
  parseAgentClientMessage,
  type AgentClientMessage,
  type AgentServerMessage,
} from '../../../shared/protocol/agent.ts';
import type { ErrorCode } from '../../../shared/protocol/common.ts';
import { avatarUrl } from '../api/views.ts';
import { sameOrigin, type Auth } from '../auth/authenticate.ts';
import type { Security } from '../security/security.ts';
import { CLOSE } from '../../../shared/protocol/closeCodes.ts';
import { can } from '../store/users.ts';
import { agentMessage, agentNote, agentReadUpTo, agentState, setStatus } from './agentOps.ts';
import type { Hub } from './hub.ts';
import { accept, agentEnd, decline, heldChat } from './liveChat.ts';
import type { AgentPeer } from './peers.ts';
import { agentSent, type ChatSeqsSent } from './seqsSent.ts';
import { transfer } from './transfer.ts';
import { RateLimit } from './rateLimit.ts';
import { Serial } from './serial.ts';
import type { Endpoint, Session, Socket } from './socket.ts';
import type { OpError } from './opError.ts';

const MAX_BAD_MESSAGES = 20;

/** The `/ws/agent` endpoint: signed-in users with the live-chat permission (token in the URL or the cookie). */
export function agentEndpoint(hub: Hub, auth: Auth, security: Pick<Security, 'refused'>): Endpoint {
  return {
    async accept(info) {
      const p = await auth.principal(info.headers, info.query);
      if (!p) return { ok: false, code: CLOSE.unauthorized, reason: 'sign in first' };
      // A browser sends the cookie with a handshake from any site's page: only this site's pages may use it.
      if (p.via === 'cookie' && !sameOrigin(info.headers)) {
        security.refused('bad-origin');
        return { ok: false, code: CLOSE.foreignOrigin, reason: 'a signed-in socket must come from this site' };
      }
      if (!can.liveChat(p.user))
        return { ok: false, code: CLOSE.forbidden, reason: 'live chat is not among your permissions' };
      return { ok: true, session: new AgentSession(hub, p.user.id, p.token) };
    },
  };
}

class AgentSession implements Session {
  private socket!: Socket;
  private bad = 0;
  private readonly limit = new RateLimit(30, 60);
  private readonly peer: AgentPeer;
  /** Frames one at a time (see Serial); a store read that fails closes the socket with 1011. */
  private readonly serial = new Serial(this);

  constructor(
    private readonly hub: Hub,
    private readonly userId: string,
    token: string,
  ) {
    const sent: ChatSeqsSent = new Map();
    this.peer = {
      userId,
      token,
      sent,
      send: (msg: AgentServerMessage) => {
        agentSent(sent, msg);
        this.socket.send(JSON.stringify(msg));
      },
      close: (code, reason) => this.socket.close(code, reason),
    };
  }

  open(socket: Socket): void {
    this.socket = socket;
    this.serial.run(() => this.hello());
  }

  failed(err: unknown): void {
    this.hub.log.error({ err }, 'an agent frame failed');
    this.socket.close(CLOSE.serverError, 'store unavailable');
  }

  private async hello(): Promise<void> {
    const hub = this.hub;
    const user = await hub.store.users.get(this.userId);
    if (!this.socket.isOpen) return;
    if (!user) return this.socket.close(CLOSE.sessionEnded, 'user removed');
    hub.addAgent(this.peer, user.status);
    // After the commit, so that the state sent includes everything already acknowledged to anyone.
    hub.after(async () => {
      const s = hub.workspace.settings;
      const fresh = (await hub.store.users.get(this.userId)) ?? user;
      const teams = await hub.store.teams.ofUser(fresh.id);
      const state = await agentState(hub, this.userId);
      if (!this.socket.isOpen) return;
      this.peer.send({
        type: 'hello',
        v: AGENT_PROTOCOL_VERSION,
        now: hub.now(),
        me: {
          id: fresh.id,
          name: fresh.name,
          email: fresh.email,
          avatarUrl: avatarUrl(fresh),
          teams,
          viewAll: can.viewAllConversations(fresh),
        },
        status: fresh.status,
        settings: { acceptTimeoutSec: s.acceptTimeoutSec, maxChatsPerAgent: s.maxChatsPerAgent },
        ...state,
      });
    });
  }

  close(): void {
    this.hub.removeAgent(this.peer);
  }

  message(text: string): void {
    this.serial.run(() => this.receive(text));
  }

  private receive(text: string): void | Promise<void> {
    const parsed = parseAgentClientMessage(text);
    if (!parsed.ok) {
      if (++this.bad > MAX_BAD_MESSAGES) return this.socket.close(CLOSE.protocolError, 'too many bad messages');
      return this.error('bad-message', parsed.error);
    }
    this.bad = 0;
    const msg = parsed.msg;
    const id = msg.type === 'message' || msg.type === 'note' ? msg.id : undefined;
    if (!this.limit.take(this.hub.now())) return this.error('rate-limited', 'slow down', id);
    const hub = this.hub;
    // Among several nodes a chat may be held in another node's memory only: read it first.
    if (hub.clustered && 'conversationId' in msg && !hub.cached(msg.conversationId)) {
      const loading = hub.conv(msg.conversationId);
      if (loading instanceof Promise) return loading.then(() => this.dispatch(msg, id));
    }
    return this.dispatch(msg, id);
  }

  private dispatch(msg: AgentClientMessage, id: string | undefined, again = false): void | Promise<void> {
    const hub = this.hub;
    let err: OpError | undefined | Promise<OpError | undefined>;
    switch (msg.type) {
      case 'status':
        setStatus(hub, this.userId, msg.status);
        break;
      case 'accept':
        err = accept(hub, this.userId, msg.conversationId);
        break;
      case 'decline':
        err = decline(hub, this.userId, msg.conversationId);
        break;
      case 'message':
        err = agentMessage(hub, this.userId, msg, (seq) =>
          this.peer.send({ type: 'ack', id: msg.id, conversationId: msg.conversationId, seq }),
        );
        break;
      case 'note':
        err = agentNote(hub, this.userId, msg, (seq) =>
          this.peer.send({ type: 'ack', id: msg.id, conversationId: msg.conversationId, seq }),
        );
        break;
      case 'typing': {
        const conv = heldChat(hub, this.userId, msg.conversationId);
        if ('code' in conv) err = conv;
        else hub.toVisitor(conv.rec.id, { type: 'typing', on: msg.on, agent: hub.agentCard(this.userId) });
        break;
      }
      case 'read':
        err = agentReadUpTo(hub, this.userId, msg.conversationId, msg.upTo);
        break;
      case 'end':
        err = agentEnd(hub, this.userId, msg.conversationId);
        break;
      case 'transfer': {
        const answer = transfer(hub, this.userId, msg);
        if (!(answer instanceof Promise)) err = answer;
        // Among several nodes the routing owner answers later: the frames after this one do not wait for it.
        else void answer.then((e) => e && this.error(e.code, e.message));
        break;
      }
    }
    // Among several nodes this node's copy of the chat may lag behind what another node just committed (the routing
    // owner connected this agent): read it from the store and try once more before saying the chat is not held.
    const stale = (e: OpError | undefined) =>
      !again && e?.code === 'not-found' && hub.clustered && 'conversationId' in msg && !!hub.cached(msg.conversationId);
    const retry = () =>
      hub.refresh((msg as { conversationId: string }).conversationId).then(() => this.dispatch(msg, id, true));
    if (err instanceof Promise) return err.then((e) => (stale(e) ? retry() : e && this.error(e.code, e.message, id)));
    if (stale(err)) return retry();
    if (err) this.error(err.code, err.message, id);
  }

  private error(code: ErrorCode, message: string, id?: string): void {
    this.peer.send({ type: 'error', code, message, ...(id !== undefined ? { id } : {}) });
  }
}
