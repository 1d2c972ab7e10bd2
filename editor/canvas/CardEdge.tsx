import { BaseEdge, EdgeLabelRenderer, getBezierPath, type EdgeProps } from '@xyflow/react';
import { memo } from 'react';
import { useEdgeLint } from '../lint/lintStore.ts';
import { formatShare } from '../results/formatShare.ts';
import { useEdgeResults, type EdgeResults } from '../results/resultsStore.ts';
import { useCanvasServices } from './CanvasContext.ts';
import type { FlowEdge } from './flowTypes.ts';

/**
 * An edge between a port and a card, red or amber when lint names it; while results are on, labelled with how many
 * went this way and their share of the card's visitors, and drawn as thick as that share. The results view (and its
 * subscription to the counts) is mounted only while results are on.
 */
export const CardEdge = memo(function CardEdge(props: EdgeProps<FlowEdge>) {
  const { resultsOn } = useCanvasServices();
  return resultsOn ? <CountedEdge {...props} /> : <EdgeView {...props} />;
});

function CountedEdge(props: EdgeProps<FlowEdge>) {
  const { results } = useCanvasServices();
  return <EdgeView {...props} counted={useEdgeResults(results, props.id)} />;
}

function EdgeView(props: EdgeProps<FlowEdge> & { counted?: EdgeResults }) {
  const { lint } = useCanvasServices();
  const severity = useEdgeLint(lint, props.id);
  const { counted } = props;
  const [path, labelX, labelY] = getBezierPath(props);
  const edge = (
    <BaseEdge
      id={props.id}
      path={path}
      markerEnd={props.markerEnd}
      interactionWidth={16}
      className={'card-edge' + (props.selected ? ' is-selected' : '') + (severity ? ` is-${severity}` : '')}
      style={counted ? { strokeWidth: 1.5 + 4 * (counted.share ?? 0) } : undefined}
    />
  );
  if (!counted) return edge;
  return (
    <>
      {edge}
      <EdgeLabelRenderer>
        <div
          className={'edge-results' + (counted.count ? '' : ' is-zero')}
          data-tributary="edge-results"
          data-edge={props.id}
          style={{ transform: `translate(-50%, -50%) translate(${labelX}px, ${labelY}px)` }}
        >
          {counted.count}
          {counted.share !== null ? <span className="edge-results__share">{formatShare(counted.share)}</span> : null}
        </div>
      </EdgeLabelRenderer>
    </>
  );
}
