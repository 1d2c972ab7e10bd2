import { startSession } from '../../../shared/engine/index.ts';
import type { TranscriptItem } from '../../../shared/protocol/common.ts';
import { targetsUrl } from '../../../shared/targeting/selectDialogue.ts';
import type { CompiledStream } from '../../../shared/compile/format.ts';
import type { ConversationRecord } from '../store/conversations.ts';
import { engineState, type Conv } from './conv.ts';
import { carryOut } from './carryOut.ts';
import { ClientSeqs } from './clientSeqs.ts';
import { botStep, recoverStepLater, stepFor } from './botStep.ts';
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
  const strings = hub.strings;
  return {
    dialogueId: strings.of(dialogueId),
    dialogueName: strings.of(d.name),
    streamId: strings.of(d.streamId),
    version,
    compiled,
    profile,
  };
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
  const step = startSession(compiled, profile, hub.engineFacts);
  const now = hub.now();
  const rec = newConversationRecord(id, visitorId, plan, step.state, now);
  const conv: Conv = { rec, compiled, dialogueName: plan.dialogueName, profile, clientSeqs: new ClientSeqs() };
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

/** The record of a conversation just started on `pinned`'s version: the bot's, nothing stored of it yet. */
export function newConversationRecord(
  id: string,
  visitorId: string,
  pinned: { dialogueId: string; streamId: string; version: number },
  engine: unknown,
  now: number,
): ConversationRecord {
  return {
    id,
    visitorId,
    dialogueId: pinned.dialogueId,
    streamId: pinned.streamId,
    version: pinned.version,
    status: 'bot',
    engine,
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
}

/**
 * The visitor's reply to the waiting card: stored as a `visitor` entry (acknowledged through `stored`), then
 * the engine steps. A reply to a card that no longer waits is `stale`; a resent id is acknowledged again only.
 *
 * Among several nodes the same reply may reach two of them at once (a resend on another node while the first
 * still stores it, two tabs on two nodes): the reply is stored once (its idempotency key), and the bot's step runs
 * only on the node whose write stored it, once stored; the other acknowledges it with the stored seq, and its
 * sockets get the step's entries through the bus. If the node that stored it died before the step, a node that
 * takes the conversation up runs it (`recoverStep`). One node alone steps in the same turn as the reply.
 */
export function reply(
  hub: Hub,
  conv: Conv,
  msg: { id: string; cardId: string; answerId?: string; text?: string },
  stored: (seq: number) => void,
  origin?: VisitorPeer,
): OpError | undefined {
  const seen = hub.seqOf(conv, 'v', msg.id);
  if (seen !== undefined) {
    hub.after(() => stored(seen));
    // Resent, perhaps because the node that stored it died before its step.
    if (hub.clustered) recoverStepLater(hub, conv);
    return undefined;
  }
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
      // Another node stored it first: that node runs the step (unless it died first: `recoverStep`).
      if (storedElsewhere(item)) return recoverStepLater(hub, conv);
      hub.broadcast(conv, [item], { except: origin });
      stepFor(hub, conv, { seq: item.seq, clientId: msg.id, cardId: msg.cardId, text }, origin);
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
