import * as Y from 'yjs';
import { layoutOf, migrateCardVersions, migrateLayout } from '../../../shared/stream/ydoc.ts';
import type { Drafts } from './drafts.ts';

/**
 * Brings a stored draft to the current Y.Doc layout and its cards' data to their types' current versions when it is opened (shared/stream/ydoc.ts knows the layouts):
 * the migration is appended as one more update, like an editor's edit, so the editors that open the draft get it
 * with their first sync and nothing already stored is rewritten or lost. A draft already on the current layout costs
 * one load the first time this process sees it, nothing afterwards. Answers whether it appended a migration.
 */
export function createDraftMigrator(drafts: Drafts) {
  const current = new Set<string>();
  return async function migrateDraft(streamId: string): Promise<boolean> {
    if (current.has(streamId)) return false;
    const update = await drafts.load(streamId);
    if (!update) return false;
    const doc = new Y.Doc();
    Y.applyUpdate(doc, update);
    const before = Y.encodeStateVector(doc);
    const layout = layoutOf(doc) < 2 && migrateLayout(doc);
    // Card data written at an older version of its card type is migrated once, here, like the layout.
    const changed = migrateCardVersions(doc) || layout;
    if (changed) drafts.append(streamId, Y.encodeStateAsUpdate(doc, before));
    current.add(streamId);
    // Bounded: a long-running node forgets streams it has not opened for a while and checks them again.
    if (current.size > 10_000) current.clear();
    doc.destroy();
    return changed;
  };
}
