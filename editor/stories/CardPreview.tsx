import { ReactFlow, ReactFlowProvider } from '@xyflow/react';
import { useMemo } from 'react';
import { CanvasContext, type CanvasServices } from '../canvas/CanvasContext.ts';
import { HandleStateProvider } from '../canvas/CardHandle.tsx';
import { edgeTypes, nodeTypes } from '../canvas/flowTypesRegistry.ts';
import type { CardFlowNode } from '../canvas/flowTypes.ts';
import { DraftStore } from '../collab/draftStore.ts';
import type { Diagnostic } from '../../shared/lint/diagnostic.ts';
import { LintStore } from '../lint/lintStore.ts';
import { PresenceStore, type Peer } from '../presence/presenceStore.ts';
import { ResultsStore } from '../results/resultsStore.ts';
import { storyWorkspace } from './storySession.ts';

/** One card view on a small canvas, as it looks in the editor: normal, selected, with lint findings or a colleague. */
export function CardPreview({
  type,
  data,
  selected = false,
  isStart = false,
  diagnostics = [],
  peers = [],
}: {
  type: string;
  data: unknown;
  selected?: boolean;
  isStart?: boolean;
  diagnostics?: Omit<Diagnostic, 'cardId'>[];
  peers?: Peer[];
}) {
  const services = useMemo<CanvasServices>(() => {
    const lint = new LintStore();
    lint.set(diagnostics.map((d) => ({ ...d, cardId: 'card' })));
    const presence = new PresenceStore();
    presence.set(peers);
    return {
      lint,
      presence,
      workspace: storyWorkspace,
      draft: new DraftStore(),
      results: ResultsStore.off(),
      resultsOn: false,
    };
  }, [diagnostics, peers]);
  const nodes = useMemo<CardFlowNode[]>(
    () => [{ id: 'card', type: 'card', position: { x: 0, y: 0 }, selected, data: { type, data, isStart } }],
    [type, data, selected, isStart],
  );
  return (
    <CanvasContext.Provider value={services}>
      <ReactFlowProvider>
        <HandleStateProvider>
          <div className="canvas" style={{ width: 340, height: 240 }} data-testid="card-preview">
            <ReactFlow
              nodes={nodes}
              edges={[]}
              nodeTypes={nodeTypes}
              edgeTypes={edgeTypes}
              fitView
              fitViewOptions={{ maxZoom: 1 }}
              proOptions={{ hideAttribution: true }}
            />
          </div>
        </HandleStateProvider>
      </ReactFlowProvider>
    </CanvasContext.Provider>
  );
}
