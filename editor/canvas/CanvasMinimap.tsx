import { Panel, useReactFlow, useStore, type ReactFlowState } from '@xyflow/react';
import { useEffect, useRef } from 'react';
import { viewOf } from '../cards/cardViews.ts';
import type { DraftStore } from '../collab/draftStore.ts';
import { useT } from '../i18n/I18n.tsx';
import type { CardFlowNode, FlowEdge } from './flowTypes.ts';

// Small enough to leave the cards of a laptop-sized canvas visible.
const W = 150;
const H = 100;
const PAD = 8;

const viewportOf = (s: ReactFlowState) =>
  `${s.transform[0]},${s.transform[1]},${s.transform[2]},${s.width},${s.height}`;

/**
 * The minimap, drawn on a canvas: one rectangle per card in its type's colour, and the visible area. React Flow's
 * own minimap is an SVG element per node that re-renders on every drag frame; with a thousand cards that alone cost
 * more than the rest of the canvas. This one redraws at most once per animation frame, without React. Click or drag
 * in it to move the view there.
 */
export function CanvasMinimap({ store }: { store: DraftStore }) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const flow = useReactFlow<CardFlowNode, FlowEdge>();
  const t = useT();
  const viewport = useStore(viewportOf);
  const geometry = useRef({ scale: 1, ox: 0, oy: 0 });

  useEffect(() => {
    let frame = 0;
    const draw = () => {
      frame = 0;
      const el = canvas.current;
      const ctx = el?.getContext('2d');
      if (!el || !ctx) return;
      const [tx, ty, zoom, vw, vh] = viewport.split(',').map(Number);
      const view = { x: -tx / zoom, y: -ty / zoom, w: vw / zoom, h: vh / zoom };
      const nodes = store.getSnapshot().nodes;
      let minX = view.x;
      let minY = view.y;
      let maxX = view.x + view.w;
      let maxY = view.y + view.h;
      for (const n of nodes) {
        minX = Math.min(minX, n.position.x);
        minY = Math.min(minY, n.position.y);
        maxX = Math.max(maxX, n.position.x + (n.measured?.width ?? 260));
        maxY = Math.max(maxY, n.position.y + (n.measured?.height ?? 90));
      }
      const scale = Math.min((W - 2 * PAD) / (maxX - minX || 1), (H - 2 * PAD) / (maxY - minY || 1));
      const ox = PAD - minX * scale + (W - 2 * PAD - (maxX - minX) * scale) / 2;
      const oy = PAD - minY * scale + (H - 2 * PAD - (maxY - minY) * scale) / 2;
      geometry.current = { scale, ox, oy };
      const dpr = window.devicePixelRatio || 1;
      if (el.width !== W * dpr) {
        el.width = W * dpr;
        el.height = H * dpr;
      }
      ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
      ctx.clearRect(0, 0, W, H);
      for (const n of nodes) {
        const type = n.data.type;
        ctx.fillStyle = viewOf(type)?.hex ?? '#94a3b8';
        ctx.fillRect(
          ox + n.position.x * scale,
          oy + n.position.y * scale,
          Math.max(2, (n.measured?.width ?? 260) * scale),
          Math.max(1.5, (n.measured?.height ?? 90) * scale),
        );
      }
      // The area outside the view, dimmed: four bands around the view rectangle (one pass over the cards).
      const vx = ox + view.x * scale;
      const vy = oy + view.y * scale;
      const vw2 = view.w * scale;
      const vh2 = view.h * scale;
      ctx.fillStyle = 'rgba(15, 23, 42, 0.07)';
      ctx.fillRect(0, 0, W, Math.max(0, vy));
      ctx.fillRect(0, vy + vh2, W, H);
      ctx.fillRect(0, vy, Math.max(0, vx), vh2);
      ctx.fillRect(vx + vw2, vy, W, vh2);
      ctx.strokeStyle = '#4f46e5';
      ctx.lineWidth = 1.5;
      ctx.strokeRect(ox + view.x * scale, oy + view.y * scale, view.w * scale, view.h * scale);
    };
    // At most ten redraws a second: the minimap is small, and a drag frame must not pay for it.
    let last = 0;
    let timer = 0;
    const schedule = () => {
      if (frame || timer) return;
      const wait = last + 100 - performance.now();
      const go = () => {
        timer = 0;
        frame = requestAnimationFrame((t) => {
          last = t;
          draw();
        });
      };
      if (wait > 0) timer = window.setTimeout(go, wait);
      else go();
    };
    schedule();
    const off = store.subscribe(schedule);
    return () => {
      off();
      cancelAnimationFrame(frame);
      clearTimeout(timer);
    };
  }, [store, viewport]);

  const moveTo = (e: React.PointerEvent<HTMLCanvasElement>) => {
    const r = e.currentTarget.getBoundingClientRect();
    const { scale, ox, oy } = geometry.current;
    void flow.setCenter((e.clientX - r.left - ox) / scale, (e.clientY - r.top - oy) / scale, { zoom: flow.getZoom() });
  };

  return (
    <Panel position="bottom-right" className="minimap">
      <canvas
        ref={canvas}
        style={{ width: W, height: H }}
        aria-label={t('flow.minimap')}
        onPointerDown={(e) => {
          e.currentTarget.setPointerCapture(e.pointerId);
          moveTo(e);
        }}
        onPointerMove={(e) => e.buttons === 1 && moveTo(e)}
      />
    </Panel>
  );
}
