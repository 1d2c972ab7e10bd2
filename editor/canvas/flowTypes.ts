import type { Edge as FlowEdgeBase, Node } from '@xyflow/react';

/**
 * What a card node carries for its view. Kept apart from the position so that moving a card keeps this object (and
 * the memoised view) as it is: only content changes make a new one.
 */
export interface CardNodeData extends Record<string, unknown> {
  type: string;
  data: unknown;
  isStart: boolean;
}

export type CardFlowNode = Node<CardNodeData, 'card'>;

export type FlowEdge = FlowEdgeBase<Record<string, unknown>, 'card'>;
