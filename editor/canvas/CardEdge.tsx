import { BaseEdge, getBezierPath, type EdgeProps } from '@xyflow/react';
import { memo } from 'react';
import { useEdgeLint } from '../lint/lintStore.ts';
import { useCanvasServices } from './CanvasContext.ts';
import type { FlowEdge } from './flowTypes.ts';

/** An edge between a port and a card, red or amber when lint names it. */
export const CardEdge = memo(function CardEdge(props: EdgeProps<FlowEdge>) {
  const { lint } = useCanvasServices();
  const severity = useEdgeLint(lint, props.id);
  const [path] = getBezierPath(props);
  return (
    <BaseEdge
      id={props.id}
      path={path}
      markerEnd={props.markerEnd}
      interactionWidth={16}
      className={'card-edge' + (props.selected ? ' is-selected' : '') + (severity ? ` is-${severity}` : '')}
    />
  );
});
