import { useReactFlow } from '@xyflow/react';
import { useMemo } from 'react';
import type { EditorSession } from '../collab/editorSession.ts';
import { cardShape } from '../cards/cardPorts.ts';
import { autoLayout } from './autoLayout.ts';
import { clipboardContents, copyCards, instantiateClip, type Clip } from './clipboard.ts';
import type { CardFlowNode, FlowEdge } from './flowTypes.ts';
import { FIT_VIEW } from './fitView.ts';
import { cardBoxes, CARD_BOX, freeSpot } from './freeSpot.ts';
import { newCard } from './newCard.ts';

export interface CanvasActions {
  addCard(type: string): void;
  copy(): void;
  cut(): void;
  paste(clip?: Clip | null): void;
  duplicate(): void;
  selectAll(): void;
  deleteSelection(): void;
  arrange(): Promise<void>;
  fit(): void;
  zoomIn(): void;
  zoomOut(): void;
  focusCard(id: string): void;
  undo(): void;
  redo(): void;
}

const PASTE_OFFSET = 40;

/** The canvas commands shared by the toolbar, the keyboard shortcuts and the lint panel. */
export function useCanvasActions(session: EditorSession): CanvasActions {
  const flow = useReactFlow<CardFlowNode, FlowEdge>();
  return useMemo(() => {
    const { binding } = session;
    const store = binding.store;
    const taken = (id: string) => store.hasCard(id);
    const selection = () => {
      const ids = new Set(store.selectedCardIds());
      const stream = store.stream();
      return { cards: stream.cards.filter((c) => ids.has(c.id)), edges: stream.edges };
    };
    const paste = (clip: Clip | null | undefined = clipboardContents()) => {
      if (!clip || clip.cards.length === 0) return;
      // The copies keep their shape and land beside the originals, on no card.
      const ps = clip.cards.map((c) => c.position ?? { x: 0, y: 0 });
      const minX = Math.min(...ps.map((p) => p.x));
      const minY = Math.min(...ps.map((p) => p.y));
      const group = ps.map((p) => ({ x: p.x - minX, y: p.y - minY, ...CARD_BOX }));
      const boxes = cardBoxes(store.getSnapshot().nodes);
      const spot = freeSpot({ x: minX + PASTE_OFFSET, y: minY + PASTE_OFFSET }, boxes, group);
      const ready = instantiateClip(clip, { x: spot.x - minX, y: spot.y - minY }, taken);
      binding.addCards(ready.cards, ready.edges);
      store.select(ready.cards.map((c) => c.id));
    };
    const actions: CanvasActions = {
      addCard(type) {
        const el = document.querySelector('.react-flow');
        const rect = el?.getBoundingClientRect();
        const center = rect
          ? flow.screenToFlowPosition({ x: rect.left + rect.width / 2, y: rect.top + rect.height / 2 })
          : { x: 0, y: 0 };
        const at = freeSpot({ x: center.x - 130, y: center.y - 40 }, cardBoxes(store.getSnapshot().nodes));
        const card = newCard(type, at, taken);
        binding.addCards([card]);
        if (!store.getSnapshot().start) binding.setStart(card.id);
        store.select([card.id]);
      },
      copy() {
        const s = selection();
        if (s.cards.length) copyCards(s.cards, s.edges);
      },
      cut() {
        const s = selection();
        if (!s.cards.length) return;
        copyCards(s.cards, s.edges);
        binding.remove(
          s.cards.map((c) => c.id),
          [],
        );
      },
      paste,
      duplicate() {
        const s = selection();
        if (s.cards.length) paste(copyCards(s.cards, s.edges));
      },
      selectAll() {
        store.select(store.getSnapshot().nodes.map((n) => n.id));
      },
      deleteSelection() {
        binding.remove(store.selectedCardIds(), store.selectedEdgeIds());
      },
      async arrange() {
        const { nodes, edges } = store.getSnapshot();
        const positions = await autoLayout(
          nodes.map((n) => ({
            id: n.id,
            width: n.measured?.width ?? 260,
            height: n.measured?.height ?? 100,
            ports: cardShape(n.data.type, n.data.data).ports,
          })),
          edges.map((e) => ({ id: e.id, from: e.source, port: e.sourceHandle ?? 'next', to: e.target })),
        );
        binding.move(positions);
        requestAnimationFrame(() => void flow.fitView({ ...FIT_VIEW, duration: 300 }));
      },
      fit: () => void flow.fitView({ ...FIT_VIEW, duration: 250 }),
      zoomIn: () => void flow.zoomIn({ duration: 150 }),
      zoomOut: () => void flow.zoomOut({ duration: 150 }),
      focusCard(id) {
        const node = store.getSnapshot().nodes.find((n) => n.id === id);
        if (!node) return;
        store.select([id]);
        const w = node.measured?.width ?? 260;
        const h = node.measured?.height ?? 100;
        void flow.setCenter(node.position.x + w / 2, node.position.y + h / 2, {
          zoom: Math.max(flow.getZoom(), 0.9),
          duration: 300,
        });
      },
      undo: () => binding.undo(),
      redo: () => binding.redo(),
    };
    return actions;
  }, [session, flow]);
}
