import type { SessionStep } from '../../../shared/engine/session.ts';
import type { Conv } from './conv.ts';
import { engineOutcome } from './engineOutcome.ts';
import type { Hub } from './hub.ts';
import type { VisitorPeer } from './peers.ts';
import { recordContext } from './visitorContext.ts';

/** Stores and shows what one engine step produced; hands off to routing or completes the conversation. `origin` is
 * the socket whose message caused the step (its address counts against the live-chat request limits). */
export function carryOut(hub: Hub, conv: Conv, step: SessionStep, origin?: VisitorPeer): void {
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
