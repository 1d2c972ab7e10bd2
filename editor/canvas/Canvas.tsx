import {
  Background,
  BackgroundVariant,
  ConnectionLineType,
  Controls,
  ReactFlow,
  useReactFlow,
  type Connection,
  type Edge as RFEdge,
  type EdgeChange,
  type Node as RFNode,
  type NodeChange,
  type OnDelete,
} from '@xyflow/react';
import { useCallback, useEffect, useMemo, useRef, useSyncExternalStore, type DragEvent } from 'react';
import { isCardType } from '../../shared/cards/index.ts';
import type { Position } from '../../shared/stream/model.ts';
import type { EditorSession } from '../collab/editorSession.ts';
import { ResultsStore } from '../results/resultsStore.ts';
import { cardShape } from '../cards/cardPorts.ts';
import { HandleStateProvider } from './CardHandle.tsx';
import { CanvasContext, type CanvasServices } from './CanvasContext.ts';
import { CanvasMinimap } from './CanvasMinimap.tsx';
import { CursorLayer } from './CursorLayer.tsx';
import { DragEdges } from './dragEdges.ts';
import { DragEdgesLayer } from './DragEdgesLayer.tsx';
import type { CardFlowNode, FlowEdge } from './flowTypes.ts';
import { edgeTypes, nodeTypes } from './flowTypesRegistry.ts';
import { newCard } from './newCard.ts';
import { PALETTE_MIME } from './Palette.tsx';
import { useCanvasShortcuts } from './useCanvasShortcuts.ts';
import { FIT_VIEW } from './fitView.ts';
import { cardBoxes, freeSpot } from './freeSpot.ts';
import { useFlowLabels } from './flowLabels.ts';
import { useEdgeNames } from './useEdgeNames.ts';

const DRAG_BROADCAST_MS = 50;
const CURSOR_BROADCAST_MS = 40;
const proOptions = { hideAttribution: true };
// Module-level arrays: a new array on each render would make React Flow re-subscribe its key listeners every frame.
const DELETE_KEYS = ['Backspace', 'Delete'];
const MULTI_SELECT_KEYS = ['Meta', 'Control', 'Shift'];
const defaultEdgeOptions = { type: 'card' as const };
const NO_RESULTS = ResultsStore.off();

/**
 * The stream canvas: React Flow, controlled by the DraftStore. Drags move the node in local state every frame and
 * are shown to colleagues through awareness; the doc gets the final position once, on drop (one undo step).
 */
export function Canvas({
  session,
  readOnly = false,
  minimap = true,
  results = NO_RESULTS,
}: {
  session: EditorSession;
  readOnly?: boolean;
  minimap?: boolean;
  /** The results overlay; none by default (previews, stories). */
  results?: ResultsStore;
}) {
  const { binding, awareness } = session;
  const store = binding.store;
  const nodes = useSyncExternalStore(store.subscribe, () => store.getSnapshot().nodes);
  const edges = useSyncExternalStore(store.subscribe, () => store.getSnapshot().edges);
  const flow = useReactFlow<CardFlowNode, FlowEdge>();
  const lastDragSend = useRef(0);
  const lastCursorSend = useRef(0);
  /** Drag moves waiting for the next frame (see onNodesChange). */
  const pendingDrag = useRef<Map<string, Partial<CardFlowNode>> | null>(null);
  const flushDrag = useCallback(() => {
    const pending = pendingDrag.current;
    pendingDrag.current = null;
    if (pending) store.updateNodes(pending);
  }, [store]);

  const resultsOn = useSyncExternalStore(results.subscribe, () => results.getState().on);
  const services = useMemo<CanvasServices>(
    () => ({
      lint: session.lint,
      presence: session.presence,
      workspace: session.workspace,
      draft: store,
      results,
      resultsOn,
    }),
    [session, store, results, resultsOn],
  );

  const onNodesChange = useCallback(
    (changes: NodeChange<CardFlowNode>[]) => {
      const updates = new Map<string, Partial<CardFlowNode>>();
      const merge = (id: string, u: Partial<CardFlowNode>) => updates.set(id, { ...updates.get(id), ...u });
      let dragged: Record<string, Position> | null = null;
      for (const c of changes) {
        if (c.type === 'position' && c.position) {
          if (c.dragging) {
            store.dragging.add(c.id);
            (dragged ??= {})[c.id] = c.position;
          }
          merge(c.id, { position: c.position, dragging: c.dragging });
        } else if (c.type === 'dimensions' && c.dimensions) {
          merge(c.id, c.setAttributes ? { measured: c.dimensions, ...c.dimensions } : { measured: c.dimensions });
        } else if (c.type === 'select') {
          merge(c.id, { selected: c.selected });
        }
      }
      // A pointer sends moves faster than the screen shows frames (120 Hz and more): each one would re-run every
      // React Flow subscriber (a card's handles among them) for a position never painted. Moves of a drag are
      // applied once per frame, the latest winning; anything else applies at once, after the moves before it.
      const onlyMoves = changes.every((c) => c.type === 'position' && c.dragging);
      if (onlyMoves && updates.size) {
        const pending = pendingDrag.current ?? new Map<string, Partial<CardFlowNode>>();
        for (const [id, u] of updates) pending.set(id, { ...pending.get(id), ...u });
        if (!pendingDrag.current) {
          pendingDrag.current = pending;
          requestAnimationFrame(flushDrag);
        }
      } else {
        flushDrag();
        store.updateNodes(updates);
      }
      const now = performance.now();
      if (dragged && awareness && now - lastDragSend.current > DRAG_BROADCAST_MS) {
        lastDragSend.current = now;
        awareness.setLocalStateField('drag', dragged);
      }
    },
    [store, awareness, flushDrag],
  );

  // The dragged cards' edges are drawn on a canvas while they move (see dragEdges.ts); with results on they stay
  // SVG, so that their labels move with them.
  const dragEdges = useMemo(() => new DragEdges(store), [store]);
  const onNodeDragStart = useCallback(
    (_e: unknown, _node: RFNode, dragged: RFNode[]) => {
      if (!resultsOn) dragEdges.start(dragged.map((n) => n.id));
    },
    [dragEdges, resultsOn],
  );

  const onNodeDragStop = useCallback(
    (_e: unknown, _node: RFNode, dragged: RFNode[]) => {
      flushDrag();
      const positions = new Map(dragged.map((n) => [n.id, n.position] as const));
      for (const id of positions.keys()) store.dragging.delete(id);
      binding.move(positions);
      dragEdges.stop();
      awareness?.setLocalStateField('drag', null);
    },
    [binding, store, awareness, flushDrag, dragEdges],
  );

  const onEdgesChange = useCallback(
    (changes: EdgeChange<FlowEdge>[]) => {
      const updates = new Map<string, Partial<FlowEdge>>();
      for (const c of changes) if (c.type === 'select') updates.set(c.id, { selected: c.selected });
      store.updateEdges(updates);
    },
    [store],
  );

  const onConnect = useCallback(
    (c: Connection) => {
      if (!c.source || !c.target || c.source === c.target) return;
      binding.connect(c.source, c.sourceHandle ?? 'next', c.target);
    },
    [binding],
  );

  const onReconnect = useCallback(
    (old: RFEdge, c: Connection) => {
      if (!c.source || !c.target || c.source === c.target) return;
      binding.connect(c.source, c.sourceHandle ?? 'next', c.target, [old.id]);
    },
    [binding],
  );

  const onDelete: OnDelete<CardFlowNode, FlowEdge> = useCallback(
    ({ nodes: gone, edges: goneEdges }) =>
      binding.remove(
        gone.map((n) => n.id),
        goneEdges.map((e) => e.id),
      ),
    [binding],
  );

  const onDragOver = useCallback((e: DragEvent) => {
    if (!e.dataTransfer.types.includes(PALETTE_MIME)) return;
    e.preventDefault();
    e.dataTransfer.dropEffect = 'copy';
    // Shows the edge the card will be inserted into when dropped here.
    markDropEdge(edgeAt(e.clientX, e.clientY));
  }, []);
  const onDragLeave = useCallback(() => markDropEdge(undefined), []);

  const onDrop = useCallback(
    (e: DragEvent) => {
      const type = e.dataTransfer.getData(PALETTE_MIME);
      if (!type || !isCardType(type)) return;
      e.preventDefault();
      markDropEdge(undefined);
      const at = flow.screenToFlowPosition({ x: e.clientX, y: e.clientY });
      // Dropped on an edge: the card goes into that branch, between the edge's two cards; elsewhere it lands where
      // it was dropped, or beside the card it was dropped on.
      const onEdge = edgeAt(e.clientX, e.clientY);
      const want = { x: at.x - 130, y: at.y - 30 };
      const spot = onEdge ? want : freeSpot(want, cardBoxes(store.getSnapshot().nodes));
      const card = newCard(type, spot, (id) => store.hasCard(id));
      if (onEdge && store.edge(onEdge)) binding.insertOnEdge(card, onEdge, cardShape(card.type, card.data).ports[0]);
      else binding.addCards([card]);
      store.select([card.id]);
    },
    [binding, store, flow],
  );

  // The pointer for colleagues' cursors: native passive listeners (no React event plumbing on every move),
  // throttled; nothing at all without a connection.
  const wrapper = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const el = wrapper.current;
    if (!awareness || !el) return;
    const move = (e: PointerEvent) => {
      const now = performance.now();
      if (now - lastCursorSend.current < CURSOR_BROADCAST_MS) return;
      lastCursorSend.current = now;
      awareness.setLocalStateField('cursor', flow.screenToFlowPosition({ x: e.clientX, y: e.clientY }));
    };
    const leave = () => awareness.setLocalStateField('cursor', null);
    el.addEventListener('pointermove', move, { passive: true });
    el.addEventListener('pointerleave', leave, { passive: true });
    return () => {
      el.removeEventListener('pointermove', move);
      el.removeEventListener('pointerleave', leave);
    };
  }, [awareness, flow]);

  // Tell colleagues what this user has selected (awareness, never the doc).
  useEffect(() => {
    if (!awareness) return;
    let last = '';
    return store.subscribe(() => {
      const ids = store.selectedCardIds();
      const key = ids.join('\n');
      if (key === last) return;
      last = key;
      awareness.setLocalStateField('selection', ids);
    });
  }, [store, awareness]);

  useCanvasShortcuts(session, readOnly);
  useEdgeNames(store);
  const flowLabels = useFlowLabels();

  return (
    <CanvasContext.Provider value={services}>
      <div className="canvas" ref={wrapper}>
        <HandleStateProvider>
          <ReactFlow<CardFlowNode, FlowEdge>
            nodes={nodes}
            edges={edges}
            nodeTypes={nodeTypes}
            edgeTypes={edgeTypes}
            defaultEdgeOptions={defaultEdgeOptions}
            onNodesChange={onNodesChange}
            onEdgesChange={onEdgesChange}
            onNodeDragStart={onNodeDragStart}
            onNodeDragStop={onNodeDragStop}
            onConnect={onConnect}
            onReconnect={onReconnect}
            onDelete={onDelete}
            onDragOver={onDragOver}
            onDrop={onDrop}
            onDragLeave={onDragLeave}
            nodesDraggable={!readOnly}
            nodesConnectable={!readOnly}
            edgesReconnectable={!readOnly}
            deleteKeyCode={readOnly ? null : DELETE_KEYS}
            multiSelectionKeyCode={MULTI_SELECT_KEYS}
            selectionKeyCode="Shift"
            connectionLineType={ConnectionLineType.Bezier}
            minZoom={0.05}
            maxZoom={2}
            fitView
            fitViewOptions={FIT_VIEW}
            proOptions={proOptions}
            ariaLabelConfig={flowLabels}
          >
            <Background variant={BackgroundVariant.Dots} gap={20} size={1.2} color="var(--canvas-dots)" />
            {minimap ? <CanvasMinimap store={store} /> : null}
            {/* Fit view is the toolbar's button (and F); the canvas controls keep only zoom. */}
            <Controls showInteractive={false} showFitView={false} />
            <DragEdgesLayer edges={dragEdges} />
            <CursorLayer presence={session.presence} />
          </ReactFlow>
        </HandleStateProvider>
      </div>
    </CanvasContext.Provider>
  );
}

/** Highlights the edge a dragged palette card would be inserted into (DOM class: no React render per dragover). */
let dropEdge: Element | null = null;
function markDropEdge(id: string | undefined): void {
  const el = id ? document.querySelector(`.react-flow__edge[data-id="${CSS.escape(id)}"]`) : null;
  if (el === dropEdge) return;
  dropEdge?.classList.remove('react-flow__edge--drop-target');
  el?.classList.add('react-flow__edge--drop-target');
  dropEdge = el;
}

/** The edge under a screen point, if any (its wider interaction path counts). */
function edgeAt(x: number, y: number): string | undefined {
  for (const el of document.elementsFromPoint(x, y)) {
    const edge = el.closest('.react-flow__edge');
    const id = edge?.getAttribute('data-id');
    if (id) return id;
  }
  return undefined;
}
