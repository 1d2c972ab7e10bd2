import { Position, type NodeProps } from '@xyflow/react';
import { memo, useMemo, useSyncExternalStore } from 'react';
import { cardShape } from '../cards/cardPorts.ts';
import { cardTitle, viewOf } from '../cards/cardViews.ts';
import { useLocalText } from '../i18n/useLocalText.ts';
import { useI18n, useT } from '../i18n/I18n.tsx';
import { diagnosticText } from '../lint/diagnosticText.ts';
import { useCardLint } from '../lint/lintStore.ts';
import { useSelectedBy } from '../presence/presenceStore.ts';
import { CardResultsBadge } from '../results/CardResultsBadge.tsx';
import { ErrorBoundary } from '../ui/ErrorBoundary.tsx';
import { clip, iconUrl } from '../ui/iconUrl.ts';
import { icons } from '../ui/icons.ts';
import { CardHandle } from './CardHandle.tsx';
import { useCanvasServices } from './CanvasContext.ts';
import type { CardFlowNode } from './flowTypes.ts';

/**
 * One card on the canvas: header (type icon and colour, start badge, lint badge), the type's body view, and one
 * source handle per output port. Unknown types and broken data render a placeholder, never a crash. Memoised:
 * a move changes only the node's position, never its data object, so the view does not re-render.
 */
export const CardNode = memo(function CardNode({ id, data, selected }: NodeProps<CardFlowNode>) {
  // React Flow re-renders the dragged node on every frame (its position props change); the face below only
  // re-renders when what it shows changes.
  return <CardFace id={id} data={data} selected={!!selected} />;
});

const CardFace = memo(function CardFace({
  id,
  data,
  selected,
}: {
  id: string;
  data: CardFlowNode['data'];
  selected: boolean;
}) {
  const { t, lang } = useI18n();
  const local = useLocalText();
  const { lint, presence, workspace, draft, resultsOn } = useCanvasServices();
  const usedPorts = useSyncExternalStore(draft.subscribeEdges, () => draft.outPorts(id));
  const cardLint = useCardLint(lint, id);
  const peers = useSelectedBy(presence, id);
  const shape = useMemo(() => cardShape(data.type, data.data), [data.type, data.data]);
  const view = viewOf(data.type);
  const title = cardTitle(data.type);
  const color = view?.color ?? 'var(--card-unknown)';
  const parsedData = shape.parsed.ok ? shape.parsed.data : undefined;

  const labelled = view?.portLabel && parsedData !== undefined;
  // Ports an edge leaves from that the card does not define (broken data, a misplaced edge): shown, so the edge
  // is visible and can be deleted.
  const orphans = usedPorts ? usedPorts.split('\n').filter((p) => !shape.ports.includes(p)) : [];
  const className =
    'card-node' +
    (selected ? ' is-selected' : '') +
    (cardLint.errors ? ' has-errors' : cardLint.warnings ? ' has-warnings' : '') +
    (peers.length ? ' is-peer-selected' : '') +
    (!view || !shape.parsed.ok ? ' is-broken' : '');

  return (
    <div className={className} style={{ '--accent': color, '--peer': peers[0]?.color } as React.CSSProperties}>
      <CardHandle nodeId={id} type="target" position={Position.Top} className="handle handle--in" />
      <div className="card-node__header">
        <span className="card-node__icon">
          <img
            src={iconUrl(view?.icon ?? icons.unknown, view?.hex ?? '#64748b')}
            width={14}
            height={14}
            alt=""
            draggable={false}
          />
        </span>
        <span className="card-node__type">{title ? local(title) : t('card.unknown')}</span>
        {data.isStart ? <span className="badge badge--start">{t('card.start')}</span> : null}
        <span className="card-node__spacer" />
        {resultsOn ? <CardResultsBadge id={id} /> : null}
        {cardLint.errors ? (
          <span
            className="badge badge--error"
            title={cardLint.diagnostics.map((d) => diagnosticText(d, lang)).join('\n')}
          >
            <img src={iconUrl(icons.error, '#dc2626')} width={12} height={12} alt="" draggable={false} />{' '}
            {cardLint.errors}
          </span>
        ) : null}
        {cardLint.warnings ? (
          <span
            className="badge badge--warning"
            title={cardLint.diagnostics.map((d) => diagnosticText(d, lang)).join('\n')}
          >
            <img src={iconUrl(icons.warning, '#d97706')} width={12} height={12} alt="" draggable={false} />{' '}
            {cardLint.warnings}
          </span>
        ) : null}
      </div>
      <div className="card-node__body">
        <ErrorBoundary fallback={<Placeholder text={t('card.broken')} />} resetKey={data.data}>
          {!view ? (
            <Placeholder text={t('card.unknownType', { type: data.type || '?' })} />
          ) : parsedData === undefined ? (
            <Placeholder text={t('card.broken')} />
          ) : (
            <view.Body data={parsedData as never} t={t} workspace={workspace} />
          )}
        </ErrorBoundary>
      </div>
      {peers.length ? (
        <div className="card-node__peers">
          {peers.map((p) => (
            <span
              key={p.clientId}
              className="peer-tag"
              style={{ background: p.color }}
              title={t('card.selectedBy', { name: p.name })}
            >
              {p.name}
            </span>
          ))}
        </div>
      ) : null}
      {shape.ports.length === 1 && !labelled && orphans.length === 0 ? (
        <CardHandle
          nodeId={id}
          type="source"
          id={shape.ports[0]}
          position={Position.Bottom}
          className={'handle handle--out' + portClass(cardLint.ports[shape.ports[0]])}
        />
      ) : shape.ports.length || orphans.length ? (
        <div className="card-node__ports">
          {shape.ports.map((port) => (
            <div key={port} className={'port-chip' + portClass(cardLint.ports[port])} title={port}>
              <span className="port-chip__label">
                {clip((labelled ? view!.portLabel!(parsedData as never, port, t) : undefined) ?? port, 22)}
              </span>
              <CardHandle
                nodeId={id}
                type="source"
                id={port}
                position={Position.Bottom}
                className="handle handle--out"
              />
            </div>
          ))}
          {orphans.map((port) => (
            <div key={port} className="port-chip port-chip--orphan is-error" title={port}>
              <span className="port-chip__label">{clip(port, 22)}</span>
              <CardHandle
                nodeId={id}
                type="source"
                id={port}
                position={Position.Bottom}
                className="handle handle--out"
                isConnectableStart={false}
              />
            </div>
          ))}
        </div>
      ) : null}
    </div>
  );
});

function portClass(severity: 'error' | 'warning' | undefined): string {
  return severity ? ` is-${severity}` : '';
}

function Placeholder({ text }: { text: string }) {
  return (
    <div className="card-placeholder" role="note">
      <img src={iconUrl(icons.unknown, '#64748b')} width={14} height={14} alt="" draggable={false} /> {text}
    </div>
  );
}
