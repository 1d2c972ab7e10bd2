import { useStoreApi } from '@xyflow/react';
import { useCallback } from 'react';
import type { DragEdges } from './dragEdges.ts';

/** The canvas the dragged cards' edges are drawn on during a drag (see dragEdges.ts); not displayed otherwise. */
export function DragEdgesLayer({ edges }: { edges: DragEdges }) {
  const api = useStoreApi();
  const ref = useCallback((el: HTMLCanvasElement | null) => edges.attach(el, el ? api : null), [edges, api]);
  return <canvas ref={ref} className="drag-edges" aria-hidden="true" />;
}
