import { useEffect, useState, useSyncExternalStore } from 'react';
import { streamsApi } from '../api/streams.ts';
import type { Me } from '../api/types.ts';
import { navigate } from '../app/router.ts';
import { Logo } from '../../web/brand/Logo.tsx';
import type { CanvasActions } from '../canvas/useCanvasActions.ts';
import type { StreamConnection } from '../collab/connectStream.ts';
import type { EditorSession } from '../collab/editorSession.ts';
import { LanguageSwitch, useT } from '../i18n/I18n.tsx';
import { Avatars } from '../presence/Avatars.tsx';
import { usePeers } from '../presence/presenceStore.ts';
import { PublishButton } from '../publish/PublishButton.tsx';
import { useResultsState, type ResultsStore } from '../results/resultsStore.ts';
import { Icon } from '../ui/Icon.tsx';
import { icons } from '../ui/icons.ts';
import { ConnectionPill } from './ConnectionPill.tsx';
import { ShortcutsButton } from './ShortcutsButton.tsx';
import { useUndoState } from './useUndoState.ts';
import { mayPublish } from '../../shared/api/permissions.ts';

export type SideMode = 'inspector' | 'preview' | 'versions' | 'targeting';

/** The editor's top bar: back, stream name, connection, colleagues, undo/redo, layout, side panels, publish. */
export function EditorToolbar({
  session,
  conn,
  me,
  side,
  onSide,
  actions,
  results,
}: {
  session: EditorSession;
  conn: StreamConnection;
  me: Me;
  side: SideMode;
  onSide(mode: SideMode): void;
  actions: CanvasActions;
  /** The canvas's results overlay, switched by the Results button (SPEC §8.5 `results`). */
  results: ResultsStore;
}) {
  const t = useT();
  const store = session.binding.store;
  const name = useSyncExternalStore(store.subscribe, () => store.getSnapshot().name);
  const peers = usePeers(session.presence);
  const undo = useUndoState(session.binding.undoManager);
  const toggle = (mode: SideMode) => onSide(side === mode ? 'inspector' : mode);
  const resultsOn = useResultsState(results).on;
  return (
    <header className="toolbar">
      <button
        type="button"
        className="icon-btn"
        title={t('toolbar.back')}
        aria-label={t('toolbar.back')}
        onClick={() => navigate('/')}
      >
        <Icon path={icons.back} size={18} />
      </button>
      <Logo size={24} />
      <StreamName
        name={name}
        onRename={(n) => {
          // The draft carries the name for colleagues; the stream list reads it from the server's record.
          session.binding.rename(n);
          void streamsApi.rename(session.streamId, n).catch(() => {});
        }}
      />
      <ConnectionPill conn={conn} />
      <span className="toolbar__spacer" />
      {peers.length ? <Avatars people={peers} /> : null}
      <div className="toolbar__group">
        <button
          type="button"
          className="icon-btn"
          title={t('toolbar.undo')}
          aria-label={t('toolbar.undo')}
          disabled={!undo.canUndo}
          onClick={actions.undo}
        >
          <Icon path={icons.undo} />
        </button>
        <button
          type="button"
          className="icon-btn"
          title={t('toolbar.redo')}
          aria-label={t('toolbar.redo')}
          disabled={!undo.canRedo}
          onClick={actions.redo}
        >
          <Icon path={icons.redo} />
        </button>
        <button
          type="button"
          className="icon-btn"
          title={t('toolbar.arrange')}
          aria-label={t('toolbar.arrange')}
          onClick={() => void actions.arrange()}
        >
          <Icon path={icons.arrange} />
        </button>
        <button
          type="button"
          className="icon-btn"
          title={t('toolbar.fit')}
          aria-label={t('toolbar.fit')}
          onClick={actions.fit}
        >
          <Icon path={icons.fit} />
        </button>
        <ShortcutsButton />
      </div>
      <div className="toolbar__group">
        <button
          type="button"
          data-tributary="results"
          aria-pressed={resultsOn}
          className={'btn btn--ghost' + (resultsOn ? ' is-active' : '')}
          onClick={() => results.setOn(!resultsOn)}
        >
          <Icon path={icons.chart} size={15} /> {t('toolbar.results')}
        </button>
        <button
          type="button"
          className={'btn btn--ghost' + (side === 'preview' ? ' is-active' : '')}
          onClick={() => toggle('preview')}
        >
          <Icon path={icons.play} size={15} /> {t('toolbar.preview')}
        </button>
        <button
          type="button"
          className={'btn btn--ghost' + (side === 'versions' ? ' is-active' : '')}
          onClick={() => toggle('versions')}
        >
          <Icon path={icons.history} size={15} /> {t('toolbar.versions')}
        </button>
        <button
          type="button"
          className={'btn btn--ghost' + (side === 'targeting' ? ' is-active' : '')}
          onClick={() => toggle('targeting')}
        >
          <Icon path={icons.target} size={15} /> {t('toolbar.targeting')}
        </button>
      </div>
      <LanguageSwitch />
      <PublishButton session={session} canPublish={mayPublish(me)} />
    </header>
  );
}

/** The stream's name, edited in place; written to the draft (and so shown to colleagues) on blur or Enter. */
function StreamName({ name, onRename }: { name: string; onRename(name: string): void }) {
  const t = useT();
  const [value, setValue] = useState(name);
  useEffect(() => {
    setValue(name);
  }, [name]);
  const commit = () => {
    const next = value.trim();
    if (next && next !== name) onRename(next);
    else setValue(name);
  };
  return (
    <input
      className="toolbar__name"
      aria-label={t('toolbar.rename')}
      value={value}
      onChange={(e) => setValue(e.target.value)}
      onBlur={commit}
      onKeyDown={(e) => {
        if (e.key === 'Enter') (e.target as HTMLInputElement).blur();
        if (e.key === 'Escape') setValue(name);
      }}
    />
  );
}
