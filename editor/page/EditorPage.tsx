import { ReactFlowProvider } from '@xyflow/react';
import { useEffect, useMemo, useState } from 'react';
import type { Me } from '../api/types.ts';
import { Canvas } from '../canvas/Canvas.tsx';
import { Palette } from '../canvas/Palette.tsx';
import { useArrangeUnplaced } from '../canvas/useArrangeUnplaced.ts';
import { useCanvasActions } from '../canvas/useCanvasActions.ts';
import type { StreamConnection } from '../collab/connectStream.ts';
import type { EditorSession } from '../collab/editorSession.ts';
import { useT } from '../i18n/I18n.tsx';
import { Inspector } from '../inspector/Inspector.tsx';
import { LintPanel } from '../lint/LintPanel.tsx';
import { WebhookNotice } from '../list/WebhookNotice.tsx';
import { PreviewPanel } from '../preview/PreviewPanel.tsx';
import { ResultsBar } from '../results/ResultsBar.tsx';
import { ResultsStore } from '../results/resultsStore.ts';
import { TargetingPanel } from '../publish/TargetingPanel.tsx';
import { VersionsPanel } from '../publish/VersionsPanel.tsx';
import { EditorToolbar, type SideMode } from './EditorToolbar.tsx';
import { useEditorConnection } from './useEditorConnection.ts';
import { useLiveLint } from './useLiveLint.ts';
import { useWorkspace } from './useWorkspace.ts';
import { mayPublish } from '../../shared/api/permissions.ts';

/** One stream open for co-editing: toolbar, palette, canvas with the lint panel, and the side panel. */
export function EditorPage({ streamId, me }: { streamId: string; me: Me }) {
  const t = useT();
  const opened = useEditorConnection(streamId, me);
  const workspace = useWorkspace();
  // The session with the workspace as loaded (agents and teams by name in views and pickers).
  const session = useMemo(() => (opened ? { ...opened.session, workspace } : undefined), [opened, workspace]);
  useLiveLint(session, workspace);
  if (!opened || !session) return <div className="page-loading">{t('app.loading')}</div>;
  return (
    <ReactFlowProvider>
      <EditorLayout session={session} conn={opened.conn} me={me} />
    </ReactFlowProvider>
  );
}

function EditorLayout({ session, conn, me }: { session: EditorSession; conn: StreamConnection; me: Me }) {
  const [side, setSide] = useState<SideMode>('inspector');
  const actions = useCanvasActions(session);
  useArrangeUnplaced(session, actions);
  const results = useMemo(() => new ResultsStore(session.streamId, session.binding.store), [session]);
  useEffect(() => () => results.setOn(false), [results]);
  const readOnly = false;
  return (
    <div className="editor">
      <EditorToolbar
        session={session}
        conn={conn}
        me={me}
        side={side}
        onSide={setSide}
        actions={actions}
        results={results}
      />
      <WebhookNotice me={me} />
      <div className="editor__body">
        <div className="editor__left">
          <Palette onAdd={actions.addCard} disabled={readOnly} />
        </div>
        <div className="editor__center">
          <ResultsBar store={results} />
          <div className="editor__canvas">
            <Canvas session={session} readOnly={readOnly} results={results} />
          </div>
          <div className="editor__lint">
            <LintPanel lint={session.lint} onFocusCard={actions.focusCard} refOf={session.binding.store.cardRef} />
          </div>
        </div>
        <div className="editor__right">
          {side === 'inspector' ? <Inspector session={session} readOnly={readOnly} /> : null}
          {side === 'preview' ? <PreviewPanel session={session} onClose={() => setSide('inspector')} /> : null}
          {side === 'versions' ? (
            <VersionsPanel session={session} canPublish={mayPublish(me)} me={me} onClose={() => setSide('inspector')} />
          ) : null}
          {side === 'targeting' ? (
            <TargetingPanel session={session} canPublish={mayPublish(me)} onClose={() => setSide('inspector')} />
          ) : null}
        </div>
      </div>
    </div>
  );
}
