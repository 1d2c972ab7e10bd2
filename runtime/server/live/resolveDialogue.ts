import { selectDialogue } from '../../../shared/targeting/selectDialogue.ts';
import type { Dialogue } from '../store/dialogues.ts';
import type { Store } from '../store/store.ts';

export interface Resolved {
  dialogue: Dialogue;
  /** The newest published version of its stream: what a conversation starting now is pinned to. */
  version: number;
}

/**
 * The dialogue a page shows a visitor (SPEC §1, §6): active, published, targeting the URL, highest priority first;
 * never one the visitor completed, and a show-once dialogue never again once triggered.
 */
export async function resolveDialogue(
  store: Store,
  url: string,
  visitorId: string | undefined,
): Promise<Resolved | undefined> {
  const history = visitorId ? await store.conversations.dialogueHistory(visitorId) : new Map();
  const active = (await store.dialogues.list()).filter((d) => d.active);
  const candidates = (
    await Promise.all(
      active.map(async (d) => ({
        d,
        id: d.id,
        version: (await store.streams.get(d.streamId))?.latestVersion ?? null,
        targeting: { include: d.include, exclude: d.exclude, priority: d.priority },
      })),
    )
  ).filter((c) => c.version !== null);
  const best = selectDialogue(candidates, url, (c) => {
    const seen = history.get(c.id);
    return !seen?.completed && !(c.d.showOnce && seen?.triggered);
  });
  return best && { dialogue: best.d, version: best.version! };
}
