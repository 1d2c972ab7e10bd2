import { talkToPerson, talkToPersonRefusal } from '../../../shared/engine/index.ts';
import { engineState, type Conv } from './conv.ts';
import type { Hub } from './hub.ts';
import type { OpError } from './opError.ts';
import type { VisitorPeer } from './peers.ts';
import { carryOut } from './carryOut.ts';

/**
 * The header's "Talk to a person" (`talkToPerson` with the client's id `id`): while the bot waits for a reply, the
 * conversation jumps to the stream's designated live-chat card and is routed from there like any hand-off. Refused
 * (nothing changes) when the stream has no such card or the bot no longer runs.
 *
 * Idempotent on (conversation, visitor, `id`) as the visitor's other frames are: the request stores its key with
 * it (`addKey`: it adds no entry of its own to hold one), and a resend of a request that was taken — here, or on
 * another node, even at the same instant (a resend after a reconnect to another node) — changes nothing and is not
 * refused. Among several nodes it runs under the conversation's lock, having read the store again (the key, where
 * the conversation is): one request, one routing decision.
 */
export async function talkToPersonOp(
  hub: Hub,
  conv: Conv,
  id: string,
  origin?: VisitorPeer,
): Promise<OpError | undefined> {
  if (hub.seqOf(conv, 'v', id) !== undefined) return undefined;
  if (!hub.clustered) {
    // Loaded after a restart, memory does not hold the keys of requests: the store does.
    const taken = await hub.store.conversations.keyOf(conv.rec.id, 'v', id);
    if (taken !== undefined) return void conv.clientSeqs.set(`v|${id}`, taken);
    return jump(hub, conv, id, origin);
  }
  let err: OpError | undefined;
  const convId = conv.rec.id;
  const done = await hub.exclusively(convId, async () => {
    const [taken] = await Promise.all([hub.store.conversations.keyOf(convId, 'v', id), hub.refresh(convId)]);
    // This node's copy now (it leaves memory when the conversation ends).
    const current = await hub.conv(convId);
    if (taken !== undefined) return void current?.clientSeqs.set(`v|${id}`, taken);
    err = current ? jump(hub, current, id, origin) : { code: 'not-allowed', message: 'the conversation is over' };
  });
  return done ? err : { code: 'unavailable', message: 'the request could not be taken now; send it again' };
}

function jump(hub: Hub, conv: Conv, id: string, origin?: VisitorPeer): OpError | undefined {
  // The same request again while the first was read.
  if (hub.seqOf(conv, 'v', id) !== undefined) return undefined;
  const state = engineState(conv);
  const refusal =
    conv.rec.status !== 'bot'
      ? 'the conversation is no longer with the bot'
      : talkToPersonRefusal(conv.compiled, state);
  if (refusal) return { code: 'not-allowed', message: refusal };
  const seq = conv.rec.lastSeq;
  conv.clientSeqs.set(`v|${id}`, seq);
  hub.write(() => void hub.store.conversations.addKey(conv.rec.id, 'v', id, seq));
  if (!conv.rec.engaged) {
    conv.rec.engaged = true;
    hub.callback(conv, 'engaged');
    hub.results.engaged(conv.rec);
  }
  const step = talkToPerson(conv.compiled, state, hub.engineFacts);
  hub.results.jumped(conv.rec, state.cardId!, step);
  carryOut(hub, conv, step, origin);
  return undefined;
}
