import * as Y from 'yjs';
import { docToStream, rename, streamToDoc } from '../../../shared/stream/ydoc.ts';
import type { Stream } from '../../../shared/stream/model.ts';
import type { Drafts } from '../collab/drafts.ts';

/**
 * Reading and writing a stream's draft, which IS its Y.Doc stored as updates by the co-editing store. Only
 * shared/stream/ydoc.ts knows the layout; this file only moves whole documents in and out.
 */
export function createDraftIO(drafts: Drafts) {
  const loadDoc = (streamId: string): Y.Doc | undefined => {
    const update = drafts.load(streamId);
    if (!update) return undefined;
    const doc = new Y.Doc();
    Y.applyUpdate(doc, update);
    return doc;
  };
  return {
    /** Stores a new stream's draft (synchronously, inside the caller's transaction). */
    create(streamId: string, stream: Stream): void {
      drafts.create(streamId, Y.encodeStateAsUpdate(streamToDoc(stream)));
    },
    /** The current draft, or undefined when the stream has none. */
    load(streamId: string): Stream | undefined {
      const doc = loadDoc(streamId);
      return doc && docToStream(doc);
    },
    /** Renames the draft: appends the change as one more update, like an editor would. */
    rename(streamId: string, name: string): void {
      const doc = loadDoc(streamId);
      if (!doc) return;
      const before = Y.encodeStateVector(doc);
      rename(doc, name);
      drafts.append(streamId, Y.encodeStateAsUpdate(doc, before));
    },
    remove(streamId: string): void {
      drafts.remove(streamId);
    },
  };
}

export type DraftIO = ReturnType<typeof createDraftIO>;
