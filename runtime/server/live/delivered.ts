import type { Conv } from './conv.ts';
import type { Hub } from './hub.ts';

/** Messages up to `seq` reached the other side's screen: remember it and tell the sender. */
export function delivered(hub: Hub, conv: Conv, to: 'agent' | 'visitor', seq: number): void {
  if (to === 'agent') {
    if (seq <= conv.rec.agentDelivered) return;
    conv.rec.agentDelivered = seq;
    for (const p of hub.visitors.get(conv.rec.id)) p.send({ type: 'receipt', upTo: seq, state: 'delivered' });
  } else {
    if (seq <= conv.rec.visitorDelivered) return;
    conv.rec.visitorDelivered = seq;
    if (conv.rec.agentId)
      for (const p of hub.agents.get(conv.rec.agentId))
        p.send({ type: 'receipt', conversationId: conv.rec.id, upTo: seq, state: 'delivered' });
  }
  hub.touch(conv);
}
