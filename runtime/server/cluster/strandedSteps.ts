import { recoverStep } from '../live/botStep.ts';
import type { Hub } from '../live/hub.ts';
import type { WorkLocks } from './workLocks.ts';

/** How many conversations one read of the look takes up: a dead node usually leaves a handful (its replies of
 * the last milliseconds before it died); the look reads page after page until none is left. */
const STRANDED_PAGE = 500;
/** The look's lock per dead node: held until it expires, so that the nodes that hear of the death later skip it. */
const LOOK_LOCK_MS = 60_000;

/**
 * A node found dead (its presence expired) may have died between storing a visitor's reply to the bot and storing
 * the bot's step: the visitor, connected to another node or not, would wait for an answer until it resumed or
 * resent. One surviving node (the one that takes the lock named after the dead node) looks for the conversations
 * whose last stored entry is such a reply without its step (`Conversations.repliesWithoutStep`: an indexed look
 * at the open conversations with the bot) and runs each step as a node taking the conversation up does
 * (`recoverStep`: under the conversation's lock, with the step's key), so that its answer reaches the visitor's
 * sockets wherever they are. Resolves with how many it looked at (0 when another node took the look).
 */
export async function stepStrandedReplies(
  hub: Hub,
  locks: WorkLocks,
  deadNode: string,
  page = STRANDED_PAGE,
): Promise<number> {
  if (!(await locks.take(`stranded:${deadNode}`, LOOK_LOCK_MS))) return 0;
  let looked = 0;
  let after = '';
  for (;;) {
    // In id order from where the page before ended: a step that could not run is not read again in this look.
    const ids = await hub.store.conversations.repliesWithoutStep(page, after);
    for (const id of ids) {
      const conv = await hub.conv(id);
      if (!conv) continue;
      await recoverStep(hub, conv);
      // Loaded for this alone: it leaves memory again unless a visitor is here or it is looked at again later.
      if (!conv.recheck) hub.release(id);
    }
    looked += ids.length;
    if (ids.length < page) return looked;
    after = ids[ids.length - 1];
  }
}
