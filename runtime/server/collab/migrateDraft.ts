import * as Y from 'yjs';
import { layoutOf, migrateCardVersions, migrateLayout } from '../../../shared/stream/ydoc.ts';
import type { Drafts } from './drafts.ts';

/**
 * Brings a stored draft to the current Y.Doc layout and its cards' data to their types' current versions when it
 * is opened (shared/stream/ydoc.ts knows the layouts). The migration rewrites the stored draft in one conditional
 * write (Drafts.rewrite): when two nodes open an old draft at the same instant, the second one's write finds the
 * rows taken, reads the migrated draft and has nothing left to do, so the migration is stored once (the endpoint
 * also runs it under the stream's lock across nodes, so that the second node usually does not even compute it).
 * Nothing is lost: the migration is a Yjs update on top of what was stored, merged with it; updates appended
 * meanwhile stay beside it. A draft already on the current layout costs one load the first time this process
 * sees it, nothing afterwards. Answers whether this call stored a migration.
 */
export function createDraftMigrator(drafts: Drafts) {
  const current = new Set<string>();
  return async function migrateDraft(streamId: string): Promise<boolean> {
    if (current.has(streamId)) return false;
    const changed = await drafts.rewrite(streamId, migrated);
    current.add(streamId);
    // Bounded: a long-running node forgets streams it has not opened for a while and checks them again.
    if (current.size > 10_000) current.clear();
    return changed;
  };
}

/** The whole draft migrated, or null when it is current. */
function migrated(whole: Uint8Array): Uint8Array | null {
  const doc = new Y.Doc();
  try {
    Y.applyUpdate(doc, whole);
    const layout = layoutOf(doc) < 2 && migrateLayout(doc);
    // Card data written at an older version of its card type is migrated once, here, like the layout.
    const changed = migrateCardVersions(doc) || layout;
    return changed ? Y.encodeStateAsUpdate(doc) : null;
  } finally {
    doc.destroy();
  }
}
