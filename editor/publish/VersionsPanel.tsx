import { useCallback, useEffect, useState } from 'react';
import { streamsApi } from '../api/streams.ts';
import type { Me, VersionSummary } from '../api/types.ts';
import type { EditorSession } from '../collab/editorSession.ts';
import { useT } from '../i18n/I18n.tsx';
import { SidePanel } from '../ui/SidePanel.tsx';
import { diffStreams, type StreamDiff } from './diffStreams.ts';
import { DiffView } from './DiffView.tsx';
import { PUBLISHED_EVENT } from './publishDraft.ts';
import { versionStream } from './versionStream.ts';
import { VersionsList } from './VersionsList.tsx';

/** The versions side panel: list, compare two, restore one as the draft. */
export function VersionsPanel({
  session,
  canPublish,
  me,
  onClose,
}: {
  session: EditorSession;
  canPublish: boolean;
  me?: Me;
  onClose(): void;
}) {
  const t = useT();
  const [versions, setVersions] = useState<VersionSummary[] | null>(null);
  const [picked, setPicked] = useState<number[]>([]);
  const [diff, setDiff] = useState<{ diff: StreamDiff; from: number; to: number }>();
  const [error, setError] = useState<string>();
  const id = session.streamId;

  const load = useCallback(() => {
    streamsApi
      .versions(id)
      .then(setVersions)
      .catch((e: Error) => setError(e.message));
  }, [id]);

  useEffect(() => {
    load();
    window.addEventListener(PUBLISHED_EVENT, load);
    return () => window.removeEventListener(PUBLISHED_EVENT, load);
  }, [load]);

  useEffect(() => {
    setDiff(undefined);
    if (picked.length !== 2) return;
    const [from, to] = [...picked].sort((a, b) => a - b);
    let live = true;
    Promise.all([streamsApi.version(id, from), streamsApi.version(id, to)])
      .then(([a, b]) => {
        const sa = versionStream(a);
        const sb = versionStream(b);
        if (live && sa && sb) setDiff({ diff: diffStreams(sa, sb), from, to });
      })
      .catch((e: Error) => live && setError(e.message));
    return () => {
      live = false;
    };
  }, [id, picked]);

  // Someone the workspace does not list (not an agent, or since removed) is not shown by their raw id.
  const nameOf = (userId: string) =>
    userId === me?.id
      ? me.name || me.email
      : (session.workspace.agents.find((a) => a.id === userId)?.name ?? t('versions.colleague'));
  const pick = (v: number) => setPicked((p) => (p.includes(v) ? p.filter((x) => x !== v) : [...p.slice(-1), v]));
  const rollback = async (v: number) => {
    if (!confirm(t('versions.confirmRollback', { version: v }))) return;
    try {
      await streamsApi.rollback(id, v);
      load();
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    }
  };
  const restore = async (v: number) => {
    if (!confirm(t('versions.confirmRestore', { version: v }))) return;
    try {
      const stream = versionStream(await streamsApi.version(id, v));
      if (!stream) throw new Error(`version ${v} cannot be read`);
      session.binding.replaceAll({ ...stream, name: session.binding.store.getSnapshot().name || stream.name });
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    }
  };

  return (
    <SidePanel title={t('versions.title')} onClose={onClose}>
      {error ? <div className="error-banner">{error}</div> : null}
      {versions ? (
        <VersionsList
          versions={versions}
          picked={picked}
          onPick={pick}
          onRollback={canPublish ? (v) => void rollback(v) : undefined}
          onRestore={(v) => void restore(v)}
          nameOf={nameOf}
        />
      ) : (
        <p className="muted">{t('app.loading')}</p>
      )}
      {versions && versions.length > 1 && picked.length < 2 ? (
        <p className="field__hint">{t('versions.pickTwo')}</p>
      ) : null}
      {diff ? <DiffView {...diff} /> : null}
    </SidePanel>
  );
}
