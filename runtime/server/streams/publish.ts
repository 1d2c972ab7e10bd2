import { compileLinted } from '../../../shared/compile/compileLinted.ts';
import type { Diagnostic } from '../../../shared/lint/diagnostic.ts';
import { exportStream } from '../../../shared/stream/exportStream.ts';
import type { Store } from '../store/store.ts';
import type { VersionMeta } from '../store/streams.ts';
import type { DraftIO } from './draftIO.ts';
import { lintContextFor } from './lintContext.ts';

export type PublishResult =
  | { ok: true; version: VersionMeta; unchanged: boolean; diagnostics: Diagnostic[] }
  | { ok: false; diagnostics: Diagnostic[] }
  | { ok: false; missing: true };

/**
 * Draft → lint (with the workspace context, `publishing`) → compile → a new immutable version (DESIGN: data
 * flows one way). Publishing content identical to the newest version (same hash) makes no new version.
 */
export async function publishStream(
  store: Store,
  drafts: DraftIO,
  streamId: string,
  userId: string,
  dialogueId?: string,
): Promise<PublishResult> {
  const stream = await drafts.load(streamId);
  if (!stream) return { ok: false, missing: true };
  const result = compileLinted(stream, await lintContextFor(store, streamId, true, dialogueId));
  if (!result.ok) return { ok: false, diagnostics: result.diagnostics };
  const latest = (await store.streams.get(streamId))?.latestVersion;
  const previous = latest ? await store.streams.versionMeta(streamId, latest) : undefined;
  if (previous && previous.hash === result.compiled.hash) {
    return { ok: true, version: previous, unchanged: true, diagnostics: result.diagnostics };
  }
  // One group: the version and the stream's new modification time commit together.
  const added = await store.commit.atomically(() => {
    const v = store.streams.addVersion({
      streamId,
      hash: result.compiled.hash,
      compiled: result.compiled,
      source: exportStream(stream),
      publishedBy: userId,
    });
    void store.streams.touch(streamId);
    return v;
  });
  const version = await added;
  return { ok: true, version, unchanged: false, diagnostics: result.diagnostics };
}
