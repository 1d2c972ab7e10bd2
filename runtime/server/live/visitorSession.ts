import { createHash } from 'node:crypto';
import {
  VISITOR_PROTOCOL_VERSION,
  VISITOR_PROTOCOL_VERSIONS,
  type VisitorClientMessage,
  type VisitorServerMessage,
} from '../../../shared/protocol/visitor.ts';
import type { ErrorCode } from '../../../shared/protocol/common.ts';
import { CLOSE } from '../../../shared/protocol/closeCodes.ts';
import type { VisitorCredentials } from '../security/visitorCredentials.ts';
import type { Hub } from './hub.ts';
import { parseVisitorFrame } from './visitorFrames.ts';
import type { Endpoint, Session, Socket } from './socket.ts';
import { originGate } from './allowedOrigins.ts';
import { RateLimit } from './rateLimit.ts';
import { AddressSlots } from '../security/addressSlots.ts';
import type { Security } from '../security/security.ts';
import { Serial } from './serial.ts';
import type { Conv } from './conv.ts';
import { visitorTranscript } from './snapshots.ts';
import type { OpError } from './opError.ts';
import { VisitorSocketPeer } from './visitorSocketPeer.ts';
import { visitorRead } from './receipts.ts';
import { leaveMessage, pendingMissed } from './missed.ts';
import { emailTranscript } from './transcriptEmail.ts';
import { planStart, reply, startConversation, visitorEnd, visitorMessage } from './visitorOps.ts';
import { recoverStep } from './botStep.ts';
import { talkToPersonOp } from './talkToPerson.ts';
import { talkToPersonTarget } from '../../../shared/engine/index.ts';
import type { CompiledStream } from '../../../shared/compile/format.ts';

const HELLO_TIMEOUT_MS = 10_000;
const MAX_BAD_MESSAGES = 20;

/** The `/ws/visitor` endpoint: anonymous visitors, protocol in shared/protocol/visitor.ts. */
export function visitorEndpoint(
  hub: Hub,
  credentials: VisitorCredentials,
  rate = { perSec: 20, burst: 40 },
  security?: Pick<Security, 'config' | 'refused' | 'counters'>,
): Endpoint {
  const slots = new AddressSlots(security?.config.visitorSocketsPerAddress ?? Infinity);
  const perMin = security?.config.conversationsPerAddressPerMin ?? Infinity;
  const guard: SocketGuard = {
    slots,
    refuse: () => security?.refused('visitor-sockets'),
    newConversation(address, now) {
      if (!security) return true;
      const w = security.counters.add(`conv:addr:${address}`, 60_000, now);
      if (w.count <= perMin) return true;
      security.refused('new-conversations');
      return false;
    },
  };
  const allowed = originGate(() => hub.store.widget);
  return {
    // Pages of origins the workspace does not allow get no widget socket either (docs/widget.md).
    accept: async (info) =>
      (await allowed(info.headers.origin))
        ? {
            ok: true,
            session: new VisitorSession(
              hub,
              credentials,
              new RateLimit(rate.perSec, rate.burst),
              guard,
              info.ip,
              info.headers['user-agent'],
            ),
          }
        : { ok: false, code: CLOSE.forbidden, reason: 'origin not allowed' },
  };
}

/** Limits per client address, shared by the endpoint's sessions (docs/security.md). */
interface SocketGuard {
  slots: AddressSlots;
  refuse(): void;
  /** Counts a new conversation of `address`; false when it started too many this minute. */
  newConversation(address: string, now: number): boolean;
}

/** One visitor socket: hello, then start/reply/message/… for the one conversation it follows. */
class VisitorSession implements Session {
  private visitorId: string | undefined;
  private convId: string | undefined;
  private bad = 0;
  private helloTimer: NodeJS.Timeout | undefined;
  /** Frames one at a time: one that must read the store holds the next ones. A read that fails (the store is
   * unreachable) closes the socket with 1011 (`failed`); the client reconnects and resends what was not
   * acknowledged. */
  private readonly serial = new Serial(this);
  private readonly peer: VisitorSocketPeer;
  private holdsSlot = false;

  constructor(
    private readonly hub: Hub,
    private readonly credentials: VisitorCredentials,
    private readonly limit: RateLimit,
    private readonly guard: SocketGuard,
    address: string,
    private readonly userAgent: string | undefined,
  ) {
    this.peer = new VisitorSocketPeer(address);
  }

  private get socket(): Socket {
    return this.peer.socket;
  }

  open(socket: Socket): void {
    this.peer.socket = socket;
    // Counted once open (an upgrade aborted before it never holds a slot, so none can leak).
    if (!this.guard.slots.acquire(this.peer.address)) {
      this.guard.refuse();
      return socket.close(CLOSE.tooManySockets, 'too many open sockets from your address');
    }
    this.holdsSlot = true;
    this.helloTimer = setTimeout(() => socket.close(CLOSE.helloTimeout, 'no hello'), HELLO_TIMEOUT_MS);
  }

  close(): void {
    clearTimeout(this.helloTimer);
    if (this.holdsSlot) this.guard.slots.release(this.peer.address);
    this.holdsSlot = false;
    if (!this.convId) return;
    this.hub.removeVisitor(this.convId, this.peer);
    this.hub.release(this.convId);
  }

  message(text: string): void {
    this.serial.run(() => this.receive(text));
  }

  failed(err: unknown): void {
    this.hub.log.error({ err }, 'a visitor frame failed');
    this.socket.close(CLOSE.serverError, 'store unavailable');
  }

  private receive(text: string): void | Promise<void> {
    const parsed = parseVisitorFrame(text);
    if (!parsed.ok) {
      if (++this.bad > MAX_BAD_MESSAGES) return this.socket.close(CLOSE.protocolError, 'too many bad messages');
      return this.error('bad-message', parsed.error);
    }
    this.bad = 0;
    if (!this.limit.take(this.hub.now()))
      return this.error('rate-limited', 'slow down', 'id' in parsed.msg ? parsed.msg.id : undefined);
    const msg = parsed.msg;
    if (msg.type === 'hello') return this.hello(msg);
    if (!this.visitorId) return this.error('not-allowed', 'send hello first');
    return this.handle(msg, this.visitorId);
  }

  private handle(msg: Exclude<VisitorClientMessage, { type: 'hello' }>, visitorId: string): void | Promise<void> {
    const hub = this.hub;
    if (msg.type === 'start') return this.start(msg, visitorId);
    if (msg.type === 'track') return this.track(msg, visitorId);
    if (msg.type === 'leaveMessage')
      // The conversation is over (a fallback): the message goes with the missed chat, not the transcript.
      return leaveMessage(hub, msg.conversationId, visitorId, msg, () =>
        this.peer.send({ type: 'messageLeft', id: msg.id }),
      ).then((err) => err && this.error(err.code, err.message, msg.id));
    if (msg.type === 'emailTranscript')
      return emailTranscript(hub, visitorId, msg, (m) => this.peer.send(m)).then(
        (err) => err && this.error(err.code, err.message, msg.id),
      );
    const conv = this.convId ? hub.conv(this.convId) : undefined;
    // In memory (the hot path): at once; else once read.
    if (conv instanceof Promise) return conv.then((c) => this.handleIn(msg, c));
    this.handleIn(msg, conv);
  }

  private async track(msg: Extract<VisitorClientMessage, { type: 'track' }>, visitorId: string): Promise<void> {
    const hub = this.hub;
    // Only dialogues that exist are recorded: made-up ids would grow the tables without bound.
    if (msg.dialogueId && !(await hub.store.dialogues.get(msg.dialogueId)))
      return this.error('not-found', 'no such dialogue');
    const at = hub.now();
    const convId = this.convId ?? null;
    hub.write(() => {
      void hub.store.decisions.callback(at, convId, msg.dialogueId ?? null, visitorId, msg.name, {});
      if (msg.name === 'triggered' && msg.dialogueId)
        void hub.store.conversations.markDialogue(visitorId, msg.dialogueId, 'triggered', at);
    });
  }

  private handleIn(
    msg: Exclude<VisitorClientMessage, { type: 'hello' | 'start' | 'track' | 'leaveMessage' | 'emailTranscript' }>,
    conv: Conv | undefined,
  ) {
    const hub = this.hub;
    if (!conv) return this.error('not-found', 'no conversation in progress', 'id' in msg ? msg.id : undefined);
    let err: OpError | undefined;
    switch (msg.type) {
      case 'reply':
        err = reply(hub, conv, msg, this.ack(msg.id), this.peer);
        break;
      case 'message':
        err = visitorMessage(hub, conv, msg, this.ack(msg.id), this.peer);
        break;
      case 'read':
        visitorRead(hub, conv, msg.upTo);
        break;
      case 'typing':
        if (conv.rec.agentId)
          hub.toAgent(conv.rec.agentId, { type: 'typing', conversationId: conv.rec.id, on: msg.on });
        break;
      case 'end':
        visitorEnd(hub, conv);
        break;
      case 'talkToPerson':
        return void talkToPersonOp(hub, conv, msg.id, this.peer).then(
          (e) => e && this.error(e.code, e.message, msg.id),
          (e: unknown) => {
            hub.log.error({ err: e, conversation: conv.rec.id }, 'talk to a person failed');
            this.error('unavailable', 'the request could not be taken now; send it again', msg.id);
          },
        );
    }
    if (err) this.error(err.code, err.message, 'id' in msg ? msg.id : undefined);
  }

  /** Acknowledges the client's message `id` once stored. A method: an arrow held in a local would be made and named
   * on every frame. */
  private ack(id: string): (seq: number) => void {
    return (seq) => this.peer.send({ type: 'ack', id, seq });
  }

  private async hello(msg: Extract<VisitorClientMessage, { type: 'hello' }>): Promise<void> {
    const hub = this.hub;
    if (this.visitorId) return this.error('not-allowed', 'hello was sent already');
    clearTimeout(this.helloTimer);
    // A cleared timer still holds ~150 bytes (and this session) while referenced: 19,000 sockets make it 3 MB.
    this.helloTimer = undefined;
    if (!VISITOR_PROTOCOL_VERSIONS.includes(msg.v)) {
      this.error('bad-version', `this server speaks version ${VISITOR_PROTOCOL_VERSION}`);
      return this.socket.close(CLOSE.badVersion, 'unsupported protocol version');
    }
    if (msg.workspace !== hub.workspace.name) return this.socket.close(CLOSE.notFound, 'unknown workspace');
    // Only a credential this workspace issued names a visitor (a version-1 `visitorId` is not believed): nobody can
    // choose whose conversation they resume. A new visitor is stored with their first conversation, not here.
    const known = this.credentials.verify(msg.visitorToken);
    const { visitorId, token } = known ? { visitorId: known, token: msg.visitorToken! } : this.credentials.issue();
    this.visitorId = visitorId;
    this.peer.page = { url: msg.url, page: msg.page, userAgent: this.userAgent };
    const conv = msg.conversationId ? await hub.conv(msg.conversationId) : undefined;
    const resumed = conv && conv.rec.visitorId === visitorId ? conv : undefined;
    if (!this.socket.isOpen) return;
    hub.after(async () => {
      if (!this.socket.isOpen) return;
      const rec =
        resumed && (hub.convs.get(resumed.rec.id)?.rec ?? (await hub.store.conversations.get(resumed.rec.id)));
      // An ended conversation is resumed only while it waits for the message of its missed chat (it checks that the
      // conversation is this visitor's).
      const missed =
        (!rec || rec.status === 'ended') && msg.conversationId
          ? await pendingMissed(hub.store, visitorId, hub.now(), msg.conversationId)
          : undefined;
      const live = missed ? missed.conversation : rec && rec.status !== 'ended' ? rec : undefined;
      const items = live ? await visitorTranscript(hub, live, msg.lastSeq) : [];
      const person = live ? await this.hasPersonTarget(live) : false;
      if (!this.socket.isOpen) return;
      this.peer.send({
        type: 'welcome',
        v: VISITOR_PROTOCOL_VERSION,
        visitorId,
        visitorToken: token,
        now: hub.now(),
        conversation: live
          ? {
              id: live.id,
              dialogueId: live.dialogueId,
              version: live.version,
              status: live.status,
              agent: live.agentId ? hub.agentCard(live.agentId) : null,
              items,
              lastSeq: live.lastSeq,
              ...(person ? { talkToPerson: true } : {}),
            }
          : null,
      });
      if (missed)
        this.peer.send({ type: 'missed', conversationId: missed.conversation.id, emailKnown: missed.emailKnown });
      else if (live) {
        this.follow(live.id);
        // Among several nodes, the node that stored the visitor's last reply may have died before its step.
        const held = hub.cached(live.id);
        if (held?.rec.status === 'bot')
          recoverStep(hub, held).catch((err) =>
            hub.log.error({ err, conversation: live.id }, "running a stored reply's step failed"),
          );
      }
      // A visitor who waits in the queue hears its place again on every resume.
      if (live?.status === 'waiting' && hub.router.state.visitors.get(live.id)?.phase === 'queued') {
        this.peer.send(hub.queuePlaces.message(hub.router.state, live.id));
      }
    });
  }

  private async start(msg: Extract<VisitorClientMessage, { type: 'start' }>, visitorId: string): Promise<void> {
    const hub = this.hub;
    // The conversation id derives from the visitor and the start's id: a resent start finds the same one.
    const id = `c_${createHash('sha256').update(`${visitorId}|${msg.id}`).digest('base64url').slice(0, 16)}`;
    const existing = hub.convs.get(id)?.rec ?? (await hub.store.conversations.get(id));
    if (existing) {
      this.follow(id);
      hub.after(async () => {
        const person = await this.hasPersonTarget(existing);
        this.peer.send({
          type: 'started',
          id: msg.id,
          conversationId: id,
          dialogueId: existing.dialogueId,
          version: existing.version,
          ...(person ? { talkToPerson: true } : {}),
        });
        for (const item of await visitorTranscript(hub, existing)) this.peer.send(item);
      });
      return;
    }
    const current = this.convId ? await hub.conv(this.convId) : undefined;
    if (current && current.rec.status !== 'bot') return this.error('not-allowed', 'a live chat is in progress', msg.id);
    const plan = await planStart(hub, visitorId, msg.dialogueId, msg.url);
    if ('code' in plan) return this.error(plan.code, plan.message, msg.id);
    if (!this.socket.isOpen) return;
    // Another tab may have started it while this one read.
    if (hub.convs.has(id)) return this.start(msg, visitorId);
    if (!this.guard.newConversation(this.peer.address, hub.now()))
      return this.error('rate-limited', 'too many new conversations from your address; try again in a minute', msg.id);
    if (current) visitorEnd(hub, current);
    this.follow(id);
    hub.after(() =>
      this.peer.send({
        type: 'started',
        id: msg.id,
        conversationId: id,
        dialogueId: plan.dialogueId,
        version: plan.version,
        ...(hasTarget(plan.compiled) ? { talkToPerson: true } : {}),
      }),
    );
    startConversation(hub, id, visitorId, plan, this.peer);
  }

  /** Whether the conversation's version has a "talk to a person" card (the widget shows the header action). */
  private async hasPersonTarget(rec: { id: string; streamId: string; version: number }): Promise<boolean> {
    const compiled = this.hub.convs.get(rec.id)?.compiled ?? (await this.hub.versions.get(rec.streamId, rec.version));
    return compiled ? hasTarget(compiled) : false;
  }

  /** This socket now follows conversation `id` (one at a time). */
  private follow(id: string): void {
    if (this.convId === id) return;
    if (this.convId) {
      this.hub.removeVisitor(this.convId, this.peer);
      this.hub.release(this.convId);
    }
    this.convId = id;
    this.hub.addVisitor(id, this.peer);
  }

  private error(code: ErrorCode, message: string, id?: string): void {
    this.peer.send({ type: 'error', code, message, ...(id !== undefined ? { id } : {}) });
  }
}

const hasTarget = (compiled: CompiledStream) => talkToPersonTarget(compiled) !== null;
