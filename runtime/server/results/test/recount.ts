import type { CompiledStream } from '../../../../shared/compile/format.ts';
import { startSession, stepSession, type SessionStep } from '../../../../shared/engine/index.ts';
import type { Store } from '../../store/store.ts';

/**
 * Counts a version's results the slow way, independently of the live layer's counting: every stored conversation
 * of the version is read back, its transcript's replies to the bot replayed through the engine (visitors start
 * with an empty profile), and its record and transcript entries classified. Keys are `kind|key`.
 */
export async function recount(
  store: Store,
  compiled: CompiledStream,
  streamId: string,
  version: number,
): Promise<Map<string, number>> {
  const out = new Map<string, number>();
  const add = (kind: string, key: string, n = 1) => out.set(`${kind}|${key}`, (out.get(`${kind}|${key}`) ?? 0) + n);
  const convs = (await store.conversations.query({ limit: 100_000 })).filter(
    (c) => c.streamId === streamId && c.version === version,
  );
  for (const c of convs) {
    const items = await store.conversations.items(c.id);
    const moved = (step: SessionStep) => {
      for (const t of step.trail ?? []) {
        add('edge', `${t.from}|${t.port}|${t.to ?? ''}`);
        if (t.to) add('card.reached', t.to);
      }
      for (const e of step.events)
        if (e.type === 'goal') (add('goal', e.name), e.score && add('goal.score', e.name, e.score));
    };
    add('conv', 'started');
    add('card.reached', compiled.start);
    let step = startSession(compiled, {});
    moved(step);
    for (const i of items) {
      if (i.type !== 'visitor' || !('cardId' in i) || !i.cardId) continue;
      const next = stepSession(compiled, step.state, i.text);
      if (next.trail?.length) {
        add('card.answered', i.cardId);
        moved(next);
      }
      step = next.trail?.length ? next : step;
    }
    if (step.state.status === 'waiting' && step.state.cardId) add('card.left', step.state.cardId);
    const has = (type: string) => items.some((i) => i.type === type);
    if (c.engaged) add('conv', 'engaged');
    if (c.endReason === 'completed') add('conv', 'completed');
    if (has('waiting')) (add('conv', 'handoff'), add('chat', 'requested'));
    if (has('fallback')) (add('conv', 'missed'), add('chat', 'missed'));
    if (c.endReason === 'abandoned') add('conv', 'dropped');
    for (const i of items) if (i.type === 'agentJoined') (add('chat', 'connected'), add('agent.connected', i.agent.id));
  }
  return out;
}
