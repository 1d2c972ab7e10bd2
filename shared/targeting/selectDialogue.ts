import { matchUrl } from './matchUrl.ts';

/** Where and how urgently a dialogue shows (SPEC §1). */
export interface Targeting {
  /** URL patterns the page must match (at least one); see `matchUrl`. An empty list targets no page. */
  include: readonly string[];
  /** URL patterns that rule a page out, whatever `include` says. */
  exclude?: readonly string[];
  /** 1 is the highest priority. */
  priority: number;
}

export interface Targetable {
  id: string;
  targeting: Targeting;
}

/** Whether a dialogue's targeting covers `url` (excludes win over includes). */
export function targetsUrl(t: Targeting, url: string): boolean {
  if (t.exclude?.some((p) => matchUrl(p, url))) return false;
  return t.include.some((p) => matchUrl(p, url));
}

/**
 * The one dialogue a page shows: among those that target `url` and that `eligible` allows (e.g. not yet completed
 * by this visitor, the show-once rule), the one with the highest priority (lowest number). Ties go to the smaller
 * id, so the choice never depends on storage order. Undefined when none applies.
 */
export function selectDialogue<T extends Targetable>(
  dialogues: readonly T[],
  url: string,
  eligible: (d: T) => boolean = () => true,
): T | undefined {
  let best: T | undefined;
  for (const d of dialogues) {
    if (!targetsUrl(d.targeting, url) || !eligible(d)) continue;
    if (
      best === undefined ||
      d.targeting.priority < best.targeting.priority ||
      (d.targeting.priority === best.targeting.priority && d.id < best.id)
    ) {
      best = d;
    }
  }
  return best;
}
