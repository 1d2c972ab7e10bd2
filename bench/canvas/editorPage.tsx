import '@xyflow/react/dist/style.css';
import '../../editor/styles/index.css';
import { ReactFlowProvider, useReactFlow } from '@xyflow/react';
import { createRoot } from 'react-dom/client';
import { Awareness } from 'y-protocols/awareness';
import * as Y from 'yjs';
import { streamToDoc } from '../../shared/stream/ydoc.ts';
import { Canvas } from '../../editor/canvas/Canvas.tsx';
import { createEditorSession } from '../../editor/collab/editorSession.ts';
import { I18nProvider } from '../../editor/i18n/I18n.tsx';
import { startLiveLint } from '../../editor/lint/liveLint.ts';
import { bindAwareness } from '../../editor/presence/bindAwareness.ts';
import { loadStream } from './loadStream.ts';

/**
 * The editor's real canvas, bound to a Y.Doc with awareness (presence bound as in the editor) and live lint, without
 * the server: what a marketer's browser runs while dragging (the network send is the only part left out).
 */
const stream = await loadStream();
const doc = streamToDoc(stream, new Y.Doc());
const awareness = new Awareness(doc);
const session = createEditorSession({ streamId: 'bench', doc, awareness });
startLiveLint(session.binding.store, session.lint);
bindAwareness(awareness, session.presence, session.binding.store, { name: 'Bench', color: '#2563eb' });

/** Hands the React Flow instance to the benchmark driver (to set one viewport on both pages). */
function ExposeFlow() {
  (window as unknown as { __BENCH_FLOW__: unknown }).__BENCH_FLOW__ = useReactFlow();
  return null;
}

createRoot(document.getElementById('root')!).render(
  <I18nProvider lang="en">
    <ReactFlowProvider>
      <div style={{ position: 'fixed', inset: 0 }}>
        <Canvas session={session} minimap={new URLSearchParams(location.search).get('minimap') !== '0'} />
      </div>
      <ExposeFlow />
    </ReactFlowProvider>
  </I18nProvider>,
);
window.__BENCH_READY__ = true;
