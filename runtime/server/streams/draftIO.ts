import * as Y from 'yjs';
import { docToStream, rename, streamToDoc } from '../../../shared/stream/ydoc.ts';
import type { Stream } from '../../../shared/stream/model.ts';
import type { Drafts } from '../collab/drafts.ts';

/**
 * Reading and writing a stream's draft, which IS its Y.Doc stored as updates by the co-editing store. Only
 * shared/stream/ydoc.ts knows the layout; this file only moves whole documents in and out.
 */
export function createDraftIO(drafts: Drafts) {
  const loadDoc = async (streamId: string): Promise<Y.Doc | undefined> => {
    const update = await drafts.load(streamId);
    if (!update) return undefined;
    const doc = new Y.Doc();
    Y.applyUpdate(doc, update);
    return doc;
  };
  return {
    /** Stores a new stream's draft (queued in this turn's unit of work: inside the caller's `atomically` group). */
    create(streamId: string, stream: Stream): Promise<void> {
      return drafts.create(streamId, Y.encodeStateAsUpdate(streamToDoc(stream)));
    },
    /** The current draft, or undefined when the stream has none. */
    async load(streamId: string): Promise<Stream | undefined> {
      const doc = await loadDoc(streamId);
      return doc && docToStream(doc);
    },
    /** Renames the draft: appends the change as one more update, like an editor would. Resolves once durable. */
    async rename(streamId: string, name: string): Promise<void> {
      const doc = await loadDoc(streamId);
      if (!doc) return;
      const before = Y.encodeStateVector(doc);
      rename(doc, name);
      await new Promise<void>((resolve) => drafts.append(streamId, Y.encodeStateAsUpdate(doc, before), resolve));
    },
    remove(streamId: string): Promise<void> {
      return drafts.remove(streamId);
    },
  };
}

export type DraftIO = ReturnType<typeof createDraftIO>;
