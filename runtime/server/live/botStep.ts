import { stepSession } from '../../../shared/engine/index.ts';
import type { SessionState } from '../../../shared/engine/session.ts';
import { carryOut } from './carryOut.ts';
import { engineState, type Conv } from './conv.ts';
import type { Hub } from './hub.ts';
import type { VisitorPeer } from './peers.ts';

/** A stored reply to the bot, as the step needs it. */
export interface StoredReply {
  seq: number;
  clientId: string;
  cardId: string;
  text: string;
}

/** How long a stored reply may go without its step before another node runs it: the node that stored it runs it
 * in its next commit, milliseconds later, unless it died. */
export const STEP_GRACE_MS = 3000;

/**
 * Among several nodes, the bot's step for a stored reply, unless the conversation moved on meanwhile (the visitor
 * ended it, talked to a person, another node's change). Stored with the step's own key (`step`, the reply's client
 * id): a second step for the reply, from a node that recovered it or one past its lock, fails its commit whole,
 * so the bot answers a reply once, whichever node runs the step.
 */
export function stepFor(hub: Hub, conv: Conv, reply: StoredReply, origin?: VisitorPeer): void {
  const state = engineState(conv);
  if (conv.rec.status !== 'bot' || state.status !== 'waiting' || state.cardId !== reply.cardId) return;
  // A group of its own: a key taken already fails this step alone, not the other conversations' writes of the turn.
  hub
    .alone(() => {
      hub.write(() => void hub.store.conversations.addKey(conv.rec.id, 'step', reply.clientId, reply.seq));
      botStep(hub, conv, state, reply.cardId, reply.text, origin);
    })
    .catch(async (err) => {
      hub.log.warn({ err: String(err), conversation: conv.rec.id }, 'a step was not stored');
      // Memory ran ahead of the store: read it again. Fenced, the step is stored (another node ran it); failed
      // otherwise, the reply is still without its step: run it again.
      const again = await hub.dropCopy(conv);
      if (again) setTimeout(() => recoverStepLater(hub, again), STEP_GRACE_MS).unref?.();
    })
    .catch((err) => hub.log.error({ err, conversation: conv.rec.id }, 'reading a conversation again failed'));
}

/** `recoverStep`, its failures logged. */
export function recoverStepLater(hub: Hub, conv: Conv): void {
  recoverStep(hub, conv).catch((err) =>
    hub.log.error({ err, conversation: conv.rec.id }, "running a stored reply's step failed"),
  );
}

/**
 * Among several nodes: the node that stored a visitor's reply to the bot runs the bot's step in its next commit;
 * a node that dies in between leaves the reply stored and the conversation waiting on its card. When a node takes
 * the conversation up (the visitor resumes on it, or a resend of the reply arrives) and the last stored entry is
 * the visitor's reply to the card the bot waits on, it runs that step: under the conversation's lock
 * (`Hub.exclusively`), having read the store again, with the step's own key (`stepFor`), so that two nodes doing
 * it at once store one step. A reply stored less than STEP_GRACE_MS ago is looked at again then: its node is
 * probably alive and stepping.
 */
export async function recoverStep(hub: Hub, conv: Conv): Promise<void> {
  if (!hub.clustered || !awaitsReply(conv)) return;
  const id = conv.rec.id;
  await hub.refresh(id);
  const reply = await replyWithoutStep(hub, conv);
  if (!reply) return;
  const wait = reply.at + STEP_GRACE_MS - hub.now();
  if (wait > 0) return lookAgain(hub, conv, wait);
  const done = await hub.exclusively(id, async () => {
    await hub.refresh(id);
    const again = await replyWithoutStep(hub, conv);
    if (again && hub.cached(id) === conv) stepFor(hub, conv, again);
  });
  // Another node held the lock all along (it may have died holding it): its expiry is past now.
  if (!done) lookAgain(hub, conv, 1000);
}

function awaitsReply(conv: Conv): boolean {
  return conv.rec.status === 'bot' && engineState(conv).status === 'waiting' && conv.replying === undefined;
}

/** The last stored entry, when it is the visitor's reply to the card the bot waits on (so it has no step). */
async function replyWithoutStep(hub: Hub, conv: Conv): Promise<(StoredReply & { at: number }) | undefined> {
  const items = await hub.store.conversations.items(conv.rec.id, Math.max(0, conv.rec.lastSeq - 1));
  const last = items[items.length - 1];
  if (!last || last.type !== 'visitor' || !last.clientId || last.cardId === undefined) return undefined;
  if (!awaitsReply(conv) || engineState(conv).cardId !== last.cardId || last.seq < conv.rec.lastSeq) return undefined;
  return { seq: last.seq, clientId: last.clientId, cardId: last.cardId, text: last.text, at: last.at };
}

function lookAgain(hub: Hub, conv: Conv, ms: number): void {
  if (conv.recheck) return;
  conv.recheck = setTimeout(() => {
    conv.recheck = undefined;
    // Gone from memory: the visitor's next resume looks again.
    if (hub.cached(conv.rec.id) !== conv) return;
    // Held here for the look alone (stepStrandedReplies): it leaves memory after, unless a visitor is here.
    recoverStep(hub, conv)
      .then(() => conv.recheck || hub.release(conv.rec.id))
      .catch((err) => hub.log.error({ err, conversation: conv.rec.id }, "running a stored reply's step failed"));
  }, ms);
  conv.recheck.unref?.();
}

/** The engine steps on the visitor's reply `text` to card `cardId`. */
export function botStep(hub: Hub, conv: Conv, state: SessionState, cardId: string, text: string, origin?: VisitorPeer) {
  if (!conv.rec.engaged) {
    conv.rec.engaged = true;
    hub.callback(conv, 'engaged');
    hub.results.engaged(conv.rec);
  }
  const step = stepSession(conv.compiled, state, text, hub.engineFacts);
  hub.results.replied(conv.rec, cardId, step);
  carryOut(hub, conv, step, origin);
}
