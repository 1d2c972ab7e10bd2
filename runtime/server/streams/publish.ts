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
export function publishStream(
  store: Store,
  drafts: DraftIO,
  streamId: string,
  userId: string,
  dialogueId?: string,
): PublishResult {
  const stream = drafts.load(streamId);
  if (!stream) return { ok: false, missing: true };
  const result = compileLinted(stream, lintContextFor(store, streamId, true, dialogueId));
  if (!result.ok) return { ok: false, diagnostics: result.diagnostics };
  const latest = store.streams.get(streamId)?.latestVersion;
  const previous = latest ? store.streams.versionMeta(streamId, latest) : undefined;
  if (previous && previous.hash === result.compiled.hash) {
    return { ok: true, version: previous, unchanged: true, diagnostics: result.diagnostics };
  }
  const version = store.streams.addVersion({
    streamId,
    hash: result.compiled.hash,
    compiled: result.compiled,
    source: exportStream(stream),
    publishedBy: userId,
  });
  store.streams.touch(streamId);
  return { ok: true, version, unchanged: false, diagnostics: result.diagnostics };
}
