import { startSession, stepSession, talkToPerson, talkToPersonRefusal } from '../../../shared/engine/index.ts';
import type { SessionState, SessionStep } from '../../../shared/engine/session.ts';
import type { TranscriptItem } from '../../../shared/protocol/common.ts';
import { targetsUrl } from '../../../shared/targeting/selectDialogue.ts';
import type { CompiledStream } from '../../../shared/compile/format.ts';
import type { ConversationRecord } from '../store/conversations.ts';
import { engineState, type Conv } from './conv.ts';
import { engineOutcome } from './engineOutcome.ts';
import type { Hub } from './hub.ts';
import { storedElsewhere } from './storedElsewhere.ts';
import type { VisitorPeer } from './peers.ts';
import { endLiveChat } from './liveChat.ts';
import type { OpError } from './opError.ts';
import { delivered } from './receipts.ts';
import { recordContext } from './visitorContext.ts';

export interface StartPlan {
  dialogueId: string;
  dialogueName: string;
  streamId: string;
  version: number;
  compiled: CompiledStream;
  /** The visitor's stored profile (a copy). */
  profile: Record<string, string>;
}

/** Checks a `start` before anything changes: the dialogue is live, targets the page, and was not completed; reads
 * what starting needs, so that the start itself changes memory and queues its writes in one go. */
export async function planStart(
  hub: Hub,
  visitorId: string,
  dialogueId: string,
  url: string,
): Promise<StartPlan | OpError> {
  const d = await hub.store.dialogues.get(dialogueId);
  const version = d ? (await hub.store.streams.get(d.streamId))?.latestVersion : undefined;
  if (!d || !d.active || !version) return { code: 'not-found', message: `no published dialogue ${dialogueId}` };
  if (!targetsUrl({ include: d.include, exclude: d.exclude, priority: d.priority }, url)) {
    return { code: 'not-allowed', message: `dialogue ${dialogueId} does not target this page` };
  }
  if ((await hub.store.conversations.dialogueHistory(visitorId)).get(dialogueId)?.completed) {
    return { code: 'not-allowed', message: 'this visitor has completed the dialogue already' };
  }
  const compiled = await hub.versions.get(d.streamId, version);
  if (!compiled) return { code: 'not-found', message: 'the published version is missing' };
  const profile = { ...((await hub.store.conversations.visitor(visitorId))?.profile ?? {}) };
  return { dialogueId, dialogueName: d.name, streamId: d.streamId, version, compiled, profile };
}

/** Starts a conversation pinned to the dialogue's newest version and runs the bot to its first question. */
export function startConversation(
  hub: Hub,
  id: string,
  visitorId: string,
  plan: StartPlan,
  origin?: VisitorPeer,
): Conv {
  const { compiled, profile } = plan;
  const step = startSession(compiled, profile, { agentsAvailable: (t) => hub.router.agentsAvailable(t) });
  const now = hub.now();
  const rec: ConversationRecord = {
    id,
    visitorId,
    dialogueId: plan.dialogueId,
    streamId: plan.streamId,
    version: plan.version,
    status: 'bot',
    engine: step.state,
    agentId: null,
    routing: null,
    lastSeq: 0,
    engaged: false,
    agentDelivered: 0,
    agentRead: 0,
    visitorDelivered: 0,
    visitorRead: 0,
    startedAt: now,
    updatedAt: now,
    connectedAt: null,
    endedAt: null,
    endReason: null,
  };
  const conv: Conv = { rec, compiled, dialogueName: plan.dialogueName, profile, clientSeqs: new Map() };
  hub.convs.set(id, conv);
  hub.write(() => {
    void hub.store.conversations.createVisitor(visitorId, now);
    void hub.store.conversations.insert(rec);
    void hub.store.conversations.markDialogue(visitorId, plan.dialogueId, 'triggered', now);
  });
  hub.metrics.message('start');
  recordContext(hub, conv, origin, false);
  hub.results.started(rec, compiled.start, step);
  carryOut(hub, conv, step, origin);
  return conv;
}

/**
 * The visitor's reply to the waiting card: stored as a `visitor` entry (acknowledged through `stored`), then
 * the engine steps. A reply to a card that no longer waits is `stale`; a resent id is acknowledged again only.
 *
 * Among several nodes the same reply may reach two of them at once (a resend on another node while the first
 * still stores it, two tabs on two nodes): the reply is stored once (its idempotency key), and the bot's step runs
 * only on the node whose write stored it, once stored; the other acknowledges it with the stored seq, and its
 * sockets get the step's entries through the bus. One node alone steps in the same turn as the reply.
 */
export function reply(
  hub: Hub,
  conv: Conv,
  msg: { id: string; cardId: string; answerId?: string; text?: string },
  stored: (seq: number) => void,
  origin?: VisitorPeer,
): OpError | undefined {
  const seen = hub.seqOf(conv, 'v', msg.id);
  if (seen !== undefined) return void hub.after(() => stored(seen));
  const state = engineState(conv);
  if (conv.rec.status !== 'bot' || state.status !== 'waiting')
    return { code: 'not-allowed', message: 'nothing is waiting for a reply' };
  // A reply to this card is being stored here; its step answers the card.
  if (state.cardId !== msg.cardId || conv.replying !== undefined)
    return { code: 'stale', message: `card ${msg.cardId} is no longer waiting for a reply` };
  let text = msg.text ?? '';
  if (msg.answerId !== undefined) {
    const answers = (conv.compiled.cards[msg.cardId]?.data as { answers?: { id: string; label: string }[] })?.answers;
    const answer = answers?.find((a) => a.id === msg.answerId);
    if (!answer) return { code: 'not-found', message: `card ${msg.cardId} has no answer ${msg.answerId}` };
    text = answer.label;
  }
  const [item] = hub.append(conv, [{ type: 'visitor', text, clientId: msg.id, cardId: msg.cardId }], 'v', msg.id);
  hub.metrics.message('reply');
  if (hub.clustered) {
    conv.replying = msg.cardId;
    hub.after(() => {
      conv.replying = undefined;
      stored(item.seq);
      // Another node stored it first: that node runs the step.
      if (storedElsewhere(item)) return;
      hub.broadcast(conv, [item], { except: origin });
      // Unless the conversation moved on meanwhile (the visitor ended it, another node's change).
      const now = engineState(conv);
      if (conv.rec.status === 'bot' && now.status === 'waiting' && now.cardId === msg.cardId)
        botStep(hub, conv, now, msg.cardId, text, origin);
    });
    return undefined;
  }
  hub.after(() => {
    stored(item.seq);
    // The sender shows its reply already; its other tabs and the agent get the entry.
    hub.broadcast(conv, [item], { except: origin });
  });
  botStep(hub, conv, state, msg.cardId, text, origin);
  return undefined;
}

/** The engine steps on the visitor's reply `text` to card `cardId`. */
function botStep(hub: Hub, conv: Conv, state: SessionState, cardId: string, text: string, origin?: VisitorPeer) {
  if (!conv.rec.engaged) {
    conv.rec.engaged = true;
    hub.callback(conv, 'engaged');
    hub.results.engaged(conv.rec);
  }
  const step = stepSession(conv.compiled, state, text, { agentsAvailable: (t) => hub.router.agentsAvailable(t) });
  hub.results.replied(conv.rec, cardId, step);
  carryOut(hub, conv, step, origin);
}

/**
 * The header's "Talk to a person": while the bot waits for a reply, the conversation jumps to the stream's
 * designated live-chat card and is routed from there like any hand-off. Refused (nothing changes) when the stream
 * has no such card or the bot no longer runs.
 */
export function talkToPersonOp(hub: Hub, conv: Conv, origin?: VisitorPeer): OpError | undefined {
  const state = engineState(conv);
  const refusal =
    conv.rec.status !== 'bot'
      ? 'the conversation is no longer with the bot'
      : talkToPersonRefusal(conv.compiled, state);
  if (refusal) return { code: 'not-allowed', message: refusal };
  if (!conv.rec.engaged) {
    conv.rec.engaged = true;
    hub.callback(conv, 'engaged');
    hub.results.engaged(conv.rec);
  }
  const step = talkToPerson(conv.compiled, state, { agentsAvailable: (t) => hub.router.agentsAvailable(t) });
  hub.results.jumped(conv.rec, state.cardId!, step);
  carryOut(hub, conv, step, origin);
  return undefined;
}

/** Stores and shows what one engine step produced; hands off to routing or completes the conversation. `origin` is
 * the socket whose message caused the step (its address counts against the live-chat request limits). */
function carryOut(hub: Hub, conv: Conv, step: SessionStep, origin?: VisitorPeer): void {
  // An invalid reply leaves the state as it was: nothing to save then.
  if (step.state !== conv.rec.engine) {
    conv.rec.engine = step.state;
    hub.touch(conv);
  }
  const out = engineOutcome(step.events, conv.compiled);
  const drafts = [...out.items];
  if (out.handoff) drafts.push({ type: 'waiting' });
  if (out.completed) drafts.push({ type: 'ended', reason: 'completed' });
  const items = hub.append(conv, drafts);
  hub.after(() => hub.broadcast(conv, items));
  if (Object.keys(out.set).length) {
    Object.assign(conv.profile, out.set);
    for (const [attribute, value] of Object.entries(out.set)) hub.results.captured(conv.rec, attribute, value);
    hub.saveProfile(conv);
    if (out.set.email) hub.callback(conv, 'emailCaptured', { email: out.set.email });
    if (out.set.phone) hub.callback(conv, 'phoneCaptured', { phone: out.set.phone });
  }
  for (const g of out.goals) {
    hub.results.goal(conv.rec, g.name, g.score);
    const at = hub.now();
    hub.write(
      () => void hub.store.decisions.callback(at, conv.rec.id, conv.rec.dialogueId, conv.rec.visitorId, 'goal', g),
    );
  }
  if (out.completed) {
    hub.write(() => void hub.store.conversations.markDialogue(conv.rec.visitorId, conv.rec.dialogueId, 'completed'));
    hub.callback(conv, 'completed');
    hub.finish(conv, 'completed');
  } else if (out.handoff) {
    conv.rec.status = 'waiting';
    hub.results.requested(conv.rec);
    hub.callback(conv, 'liveChatRequested', { mode: out.handoff.mode });
    recordContext(hub, conv, origin, true);
    const allowed = hub.liveChatLimits.request(conv, origin?.address, hub.now());
    hub.route({
      type: 'request',
      visitor: conv.rec.id,
      routing: out.handoff,
      attributes: { ...conv.profile },
      ...(allowed ? {} : { rateLimited: true }),
    });
  }
}

/** A live-chat message from the visitor (while waiting or connected). */
export function visitorMessage(
  hub: Hub,
  conv: Conv,
  msg: { id: string; text: string },
  stored: (seq: number) => void,
  origin?: VisitorPeer,
): OpError | undefined {
  const seen = hub.seqOf(conv, 'v', msg.id);
  if (seen !== undefined) return void hub.after(() => stored(seen));
  if (conv.rec.status !== 'waiting' && conv.rec.status !== 'live')
    return { code: 'not-allowed', message: 'no live chat in progress' };
  const [item] = hub.append(conv, [{ type: 'visitor', text: msg.text, clientId: msg.id }], 'v', msg.id);
  hub.metrics.message('visitor');
  hub.after(() => {
    stored(item.seq);
    if (storedElsewhere(item)) return;
    hub.broadcast(conv, [{ ...item, state: 'sent' } as TranscriptItem], { except: origin });
    if (conv.rec.agentId && hub.connected('agent', conv.rec.agentId)) delivered(hub, conv, 'agent', item.seq);
  });
  return undefined;
}

/** The visitor ends the conversation: a live chat ends, a pending offer is withdrawn, the bot stops. */
export function visitorEnd(hub: Hub, conv: Conv): void {
  if (endLiveChat(hub, conv, 'visitor')) return;
  conv.rec.engine = { ...engineState(conv), status: 'ended', cardId: null, endReason: 'input-ended' };
  const items = hub.append(conv, [{ type: 'ended', reason: 'abandoned' }]);
  hub.finish(conv, 'abandoned');
  hub.after(() => hub.broadcast(conv, items));
}
