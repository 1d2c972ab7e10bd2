import type { EdgeTypes, NodeTypes } from '@xyflow/react';
import { CardEdge } from './CardEdge.tsx';
import { CardNode } from './CardNode.tsx';

/** Module-level (never re-created on render), as React Flow's performance guide asks. */
export const nodeTypes: NodeTypes = { card: CardNode };
export const edgeTypes: EdgeTypes = { card: CardEdge };
