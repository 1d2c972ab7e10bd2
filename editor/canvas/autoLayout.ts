import type ELK from 'elkjs/lib/elk.bundled.js';
import type { Position } from '../../shared/stream/model.ts';

export interface LayoutNode {
  id: string;
  width: number;
  height: number;
  /** Output ports in display order (left to right). */
  ports: string[];
}

export interface LayoutEdge {
  id: string;
  from: string;
  port: string;
  to: string;
}

let elk: InstanceType<typeof ELK> | null = null;

/**
 * Arranges the stream top-down with ELK's layered algorithm: branches fan out under their question or condition in
 * the order of its answers, and edges cross as little as possible. Returns the new top-left corner of each card.
 */
export async function autoLayout(nodes: LayoutNode[], edges: LayoutEdge[]): Promise<Map<string, Position>> {
  // ELK is about half of the editor's script: loaded on the first arrange, not with the page.
  elk ??= new (await import('elkjs/lib/elk.bundled.js')).default();
  const ids = new Set(nodes.map((n) => n.id));
  const graph = {
    id: 'root',
    layoutOptions: {
      'elk.algorithm': 'layered',
      'elk.direction': 'DOWN',
      'elk.layered.spacing.nodeNodeBetweenLayers': '70',
      'elk.spacing.nodeNode': '50',
      'elk.layered.nodePlacement.strategy': 'BRANDES_KOEPF',
      'elk.layered.considerModelOrder.strategy': 'NODES_AND_EDGES',
      'elk.separateConnectedComponents': 'true',
      'elk.spacing.componentComponent': '80',
    },
    children: nodes.map((n) => ({
      id: n.id,
      width: n.width,
      height: n.height,
      layoutOptions: { 'elk.portConstraints': 'FIXED_ORDER' },
      ports: [
        { id: `${n.id}::in`, layoutOptions: { 'elk.port.side': 'NORTH' } },
        ...n.ports.map((p, i) => ({
          id: `${n.id}::out::${p}`,
          layoutOptions: { 'elk.port.side': 'SOUTH', 'elk.port.index': String(n.ports.length - i) },
        })),
      ],
    })),
    edges: edges
      .filter((e) => ids.has(e.from) && ids.has(e.to) && e.from !== e.to)
      .map((e) => {
        const node = nodes.find((n) => n.id === e.from);
        const source = node?.ports.includes(e.port) ? `${e.from}::out::${e.port}` : e.from;
        return { id: e.id, sources: [source], targets: [`${e.to}::in`] };
      }),
  };
  const out = await elk.layout(graph);
  const positions = new Map<string, Position>();
  for (const c of out.children ?? []) positions.set(c.id, { x: Math.round(c.x ?? 0), y: Math.round(c.y ?? 0) });
  return positions;
}
