import type { Conv } from './conv.ts';
import type { Hub } from './hub.ts';

/**
 * Delivery and read receipts, both ways: what reached the other side's screen and what they have read. Each
 * remembers the highest seq in the conversation's record and tells the sender's side once.
 */

/** Messages up to `seq` reached the other side's screen: remember it and tell the sender. */
export function delivered(hub: Hub, conv: Conv, to: 'agent' | 'visitor', seq: number): void {
  const rec = conv.rec;
  if (to === 'agent') {
    if (seq <= rec.agentDelivered) return;
    rec.agentDelivered = seq;
    hub.toVisitor(rec.id, { type: 'receipt', upTo: seq, state: 'delivered' });
  } else {
    if (seq <= rec.visitorDelivered) return;
    rec.visitorDelivered = seq;
    if (rec.agentId)
      hub.toAgent(rec.agentId, { type: 'receipt', conversationId: rec.id, upTo: seq, state: 'delivered' });
  }
  hub.touch(conv);
}

/** The visitor has seen the agent's messages up to `upTo`. */
export function visitorRead(hub: Hub, conv: Conv, upTo: number): void {
  const rec = conv.rec;
  const seq = Math.min(upTo, rec.lastSeq);
  if (seq <= rec.visitorRead) return;
  rec.visitorRead = seq;
  rec.visitorDelivered = Math.max(rec.visitorDelivered, seq);
  hub.touch(conv);
  const agentId = rec.agentId;
  if (agentId)
    hub.after(() => hub.toAgent(agentId, { type: 'receipt', conversationId: rec.id, upTo: seq, state: 'read' }));
}

/** The agent holding the chat has seen the visitor's messages up to `upTo`. */
export function agentRead(hub: Hub, conv: Conv, upTo: number): void {
  const rec = conv.rec;
  const seq = Math.min(upTo, rec.lastSeq);
  if (seq <= rec.agentRead) return;
  rec.agentRead = seq;
  rec.agentDelivered = Math.max(rec.agentDelivered, seq);
  hub.touch(conv);
  hub.after(() => hub.toVisitor(rec.id, { type: 'receipt', upTo: seq, state: 'read' }));
}
