import { getBezierPath, type ReactFlowState } from '@xyflow/react';
import { getEdgePosition } from '@xyflow/system';
import type { DraftStore } from '../collab/draftStore.ts';
import type { FlowEdge } from './flowTypes.ts';

interface Stroke {
  edge: FlowEdge;
  color: string;
  width: number;
  dash: number[];
}

interface Box {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

const union = (a: Box | null, b: Box): Box =>
  a ? { x0: Math.min(a.x0, b.x0), y0: Math.min(a.y0, b.y0), x1: Math.max(a.x1, b.x1), y1: Math.max(a.y1, b.y1) } : b;

interface FlowStoreApi {
  getState(): ReactFlowState;
  subscribe(fn: () => void): () => void;
}

/** A card's corner radius and handle size on the canvas (canvas.css: `--radius-lg`, `.handle`). */
const CARD_RADIUS = 12;
const HANDLE_RADIUS = 5;
/** The ring a selected card wears outside its border (canvas.css `.is-selected`). */
const RING = 2;

/**
 * The edges of the cards being dragged, drawn on a canvas above the flow for the duration of the drag, while React
 * Flow's own SVG for them is hidden. An SVG edge whose path changes makes Chromium lay out, repaint and re-layerize
 * the layer holding every card and edge, on every frame: on a 1,000-card stream that was most of a drag frame's
 * cost. A canvas redraw changes nothing Chromium has to lay out or layerize, and the dragged card itself moves as
 * its own compositor layer (canvas.css). Each edge keeps its look: the stroke, width and dash it has on the canvas
 * when the drag starts (lint colour, selection), and it still runs under the cards: the cards it crosses and the
 * handles it ends at are cut out of the canvas. (Under the cards in paint order, the canvas would make Chromium
 * give every card above it its own place in the layer tree: far dearer than the SVG.)
 */
export class DragEdges {
  private canvas: HTMLCanvasElement | null = null;
  private flow: FlowStoreApi | null = null;
  private strokes: Stroke[] = [];
  private unsubscribe: (() => void) | null = null;

  constructor(private readonly store: DraftStore) {}

  /** The canvas element and React Flow's store (from the layer component); null when it unmounts. */
  attach(canvas: HTMLCanvasElement | null, flow: FlowStoreApi | null): void {
    if (!canvas) this.stop();
    this.canvas = canvas;
    this.flow = flow;
  }

  /** A drag of these cards begins: their edges move from React Flow's SVG to the canvas. */
  start(cardIds: Iterable<string>): void {
    this.stop();
    const canvas = this.canvas;
    const flow = this.flow;
    if (!canvas || !flow) return;
    const ids = new Set(cardIds);
    const edges = this.store.getSnapshot().edges.filter((e) => ids.has(e.source) || ids.has(e.target));
    const root = flow.getState().domNode;
    if (!edges.length || !root) return;
    this.strokes = edges.map((edge) => {
      const path = root.querySelector(`.react-flow__edge[data-id="${CSS.escape(edge.id)}"] .react-flow__edge-path`);
      const style = path ? getComputedStyle(path) : null;
      const dash = style?.strokeDasharray && style.strokeDasharray !== 'none' ? style.strokeDasharray : '';
      return {
        edge,
        color: style?.stroke ?? '#98a2b3',
        width: parseFloat(style?.strokeWidth ?? '') || 1.6,
        dash: dash ? dash.split(/[\s,]+/).map((d) => parseFloat(d) || 0) : [],
      };
    });
    canvas.style.display = 'block';
    this.unsubscribe = flow.subscribe(() => this.draw());
    this.draw();
    this.store.updateEdges(new Map(edges.map((e) => [e.id, { hidden: true }])));
  }

  /** The drag ended (dropped, cancelled, unmounted): the edges are React Flow's again. */
  stop(): void {
    if (!this.unsubscribe) return;
    this.unsubscribe();
    this.unsubscribe = null;
    const shown = new Map(this.strokes.map((s) => [s.edge.id, { hidden: false }]));
    this.strokes = [];
    if (this.canvas) this.canvas.style.display = 'none';
    this.store.updateEdges(shown);
  }

  /** Draws the edges where React Flow would: same handle positions, same bezier, in the current viewport. */
  private draw(): void {
    const canvas = this.canvas;
    const state = this.flow?.getState();
    const ctx = canvas?.getContext('2d');
    if (!canvas || !state || !ctx) return;
    const dpr = window.devicePixelRatio || 1;
    const w = Math.round(state.width * dpr);
    const h = Math.round(state.height * dpr);
    if (canvas.width !== w || canvas.height !== h) {
      canvas.width = w;
      canvas.height = h;
      canvas.style.width = `${state.width}px`;
      canvas.style.height = `${state.height}px`;
    }
    const [tx, ty, zoom] = state.transform;
    ctx.setTransform(1, 0, 0, 1, 0, 0);
    ctx.clearRect(0, 0, w, h);
    ctx.setTransform(dpr * zoom, 0, 0, dpr * zoom, dpr * tx, dpr * ty);
    const cuts = new Path2D();
    let box: Box | null = null;
    for (const { edge, color, width, dash } of this.strokes) {
      const sourceNode = state.nodeLookup.get(edge.source);
      const targetNode = state.nodeLookup.get(edge.target);
      if (!sourceNode || !targetNode) continue;
      const at = getEdgePosition({
        id: edge.id,
        sourceNode,
        targetNode,
        sourceHandle: edge.sourceHandle ?? null,
        targetHandle: edge.targetHandle ?? null,
        connectionMode: state.connectionMode,
      });
      if (!at) continue;
      const [path] = getBezierPath(at);
      ctx.strokeStyle = color;
      ctx.lineWidth = width;
      ctx.setLineDash(dash);
      ctx.stroke(new Path2D(path));
      for (const [x, y] of [
        [at.sourceX, at.sourceY],
        [at.targetX, at.targetY],
      ]) {
        cuts.moveTo(x + HANDLE_RADIUS, y);
        cuts.arc(x, y, HANDLE_RADIUS, 0, 2 * Math.PI);
      }
      const [x0, x1] = at.sourceX < at.targetX ? [at.sourceX, at.targetX] : [at.targetX, at.sourceX];
      const [y0, y1] = at.sourceY < at.targetY ? [at.sourceY, at.targetY] : [at.targetY, at.sourceY];
      // A bezier stays inside the box of its ends and control points; React Flow's controls lie at most half the
      // vertical distance (or a curvature offset, when going back up) beyond the ends.
      const reach = Math.max(0.5 * (y1 - y0), 0.25 * 25 * Math.sqrt(y1 - y0), 40) + width;
      box = union(box, { x0: x0 - width, y0: y0 - reach, x1: x1 + width, y1: y1 + reach });
    }
    if (!box) return;
    // The cards the edges pass under, cut out of what was just drawn.
    for (const node of state.nodeLookup.values()) {
      const { x, y } = node.internals.positionAbsolute;
      const w = node.measured.width ?? 0;
      const h = node.measured.height ?? 0;
      if (x > box.x1 || y > box.y1 || x + w < box.x0 || y + h < box.y0) continue;
      const ring = node.selected ? RING : 0;
      cuts.roundRect(x - ring, y - ring, w + 2 * ring, h + 2 * ring, CARD_RADIUS + ring);
    }
    ctx.globalCompositeOperation = 'destination-out';
    ctx.fill(cuts);
    ctx.globalCompositeOperation = 'source-over';
  }
}
