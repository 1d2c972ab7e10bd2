import '@xyflow/react/dist/style.css';
import { ReactFlow, useEdgesState, useNodesState, type Edge, type Node } from '@xyflow/react';
import { createRoot } from 'react-dom/client';
import { loadStream } from './loadStream.ts';

/** The peer: a plain React Flow page with the same nodes and edges, default nodes, local state only, no Yjs. */
const stream = await loadStream();
const initialNodes: Node[] = stream.cards.map((c) => ({
  id: c.id,
  position: c.position ?? { x: 0, y: 0 },
  data: { label: label(c.data) },
}));
const initialEdges: Edge[] = stream.edges.map((e) => ({ id: e.id, source: e.from, target: e.to }));

function label(data: unknown): string {
  const d = (data ?? {}) as Record<string, unknown>;
  const text = d.text ?? d.prompt ?? d.name ?? d.attribute ?? '';
  return String(text).slice(0, 60);
}

function Plain() {
  const [nodes, , onNodesChange] = useNodesState(initialNodes);
  const [edges, , onEdgesChange] = useEdgesState(initialEdges);
  return (
    <div style={{ position: 'fixed', inset: 0 }}>
      <ReactFlow
        nodes={nodes}
        edges={edges}
        onNodesChange={onNodesChange}
        onEdgesChange={onEdgesChange}
        minZoom={0.05}
        onInit={(flow) => ((window as unknown as { __BENCH_FLOW__: unknown }).__BENCH_FLOW__ = flow)}
        fitView
      />
    </div>
  );
}

createRoot(document.getElementById('root')!).render(<Plain />);
window.__BENCH_READY__ = true;
