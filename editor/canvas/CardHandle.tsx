import { addEdge, ConnectionMode, Position, useStore, useStoreApi, type ReactFlowState } from '@xyflow/react';
import { getHostForElement, isMouseEvent, XYHandle, type Connection } from '@xyflow/system';
import { createContext, useContext, useMemo, type MouseEvent, type ReactNode, type TouchEvent } from 'react';

/**
 * What every handle on the canvas needs from React Flow's store: the flow's id and no-pan class, and the connection
 * being drawn (none most of the time). One subscription for the whole canvas, handed down by context.
 */
interface HandleState {
  rfId: string;
  noPanClassName: string;
  connectOnClick: boolean;
  connectionMode: ConnectionMode;
  from: HandleRef | null;
  to: HandleRef | null;
  click: HandleRef | null;
  isValid: boolean;
}

interface HandleRef {
  nodeId: string;
  id?: string | null;
  type: 'source' | 'target';
}

const HandleStateContext = createContext<HandleState>({
  rfId: '1',
  noPanClassName: 'nopan',
  connectOnClick: true,
  connectionMode: ConnectionMode.Strict,
  from: null,
  to: null,
  click: null,
  isValid: false,
});

const refKey = (h: HandleRef | null | undefined) => (h ? `${h.nodeId}\u0000${h.id ?? ''}\u0000${h.type}` : '');

/**
 * A primitive that changes only when what a handle shows can change: a connection starting, reaching another handle,
 * turning valid, ending. A drag frame (a node moving) leaves it as it was, so no handle does any work then.
 */
const stateKey = (s: ReactFlowState) =>
  [
    s.rfId,
    s.noPanClassName,
    s.connectOnClick,
    s.connectionMode,
    refKey(s.connection.fromHandle),
    refKey(s.connection.toHandle),
    refKey(s.connectionClickStartHandle),
    s.connection.isValid ? 1 : 0,
  ].join('\n');

/**
 * Provides the handles' state to every card. React Flow's own `Handle` subscribes to its store once per handle and
 * runs that selector on every store update: on a 1,000-card stream that is thousands of selector calls per drag
 * frame for state that only changes while a connection is being drawn.
 */
export function HandleStateProvider({ children }: { children: ReactNode }) {
  const key = useStore(stateKey);
  const api = useStoreApi();
  const value = useMemo<HandleState>(() => {
    const s = api.getState();
    return {
      rfId: s.rfId,
      noPanClassName: s.noPanClassName,
      connectOnClick: s.connectOnClick,
      connectionMode: s.connectionMode,
      from: s.connection.fromHandle ?? null,
      to: s.connection.toHandle ?? null,
      click: s.connectionClickStartHandle ?? null,
      isValid: !!s.connection.isValid,
    };
  }, [key, api]); // the key holds every field read here
  return <HandleStateContext.Provider value={value}>{children}</HandleStateContext.Provider>;
}

const same = (h: HandleRef | null, nodeId: string, id: string | null, type: string) =>
  !!h && h.nodeId === nodeId && h.id === id && h.type === type;

/**
 * A connection handle of a card: the same element, classes, connection gestures (drag or click to connect) and
 * measurement hooks as React Flow's `Handle` (12.x), reading the connection state from `HandleStateProvider` instead
 * of a store subscription of its own.
 */
export function CardHandle({
  nodeId,
  type,
  id,
  position,
  className,
  isConnectableStart = true,
}: {
  nodeId: string;
  type: 'source' | 'target';
  id?: string;
  position: Position;
  className?: string;
  isConnectableStart?: boolean;
}) {
  const state = useContext(HandleStateContext);
  const api = useStoreApi();
  const handleId = id ?? null;
  const isTarget = type === 'target';
  const isConnectable = true;
  const isConnectableEnd = true;
  const { from, to, click } = state;
  const inProcess = !!from;
  const clickInProcess = !!click;
  const connectingTo = (inProcess || clickInProcess) && same(to, nodeId, handleId, type);
  const connectingFrom = same(from, nodeId, handleId, type);
  const clickConnecting = same(click, nodeId, handleId, type);
  const isPossibleEndHandle =
    !inProcess && !clickInProcess
      ? true
      : state.connectionMode === ConnectionMode.Strict
        ? from?.type !== type
        : nodeId !== from?.nodeId || handleId !== from?.id;
  const valid = connectingTo && state.isValid;
  const indicator =
    isConnectable &&
    (!inProcess || isPossibleEndHandle) &&
    (inProcess || clickInProcess ? isConnectableEnd : isConnectableStart);

  const onConnect = (params: Connection) => {
    const {
      defaultEdgeOptions,
      onConnect: onConnectAction,
      hasDefaultEdges,
      edges,
      setEdges,
      onError,
    } = api.getState();
    const edgeParams = { ...defaultEdgeOptions, ...params };
    if (hasDefaultEdges) setEdges(addEdge(edgeParams, edges, { onError }));
    onConnectAction?.(edgeParams);
  };

  const onPointerDown = (event: MouseEvent | TouchEvent) => {
    const mouse = isMouseEvent(event.nativeEvent);
    if (!isConnectableStart || (mouse && (event as MouseEvent).button !== 0)) return;
    const s = api.getState();
    XYHandle.onPointerDown(event.nativeEvent, {
      handleDomNode: event.currentTarget as Element,
      autoPanOnConnect: s.autoPanOnConnect,
      connectionMode: s.connectionMode,
      connectionRadius: s.connectionRadius,
      domNode: s.domNode,
      nodeLookup: s.nodeLookup,
      lib: s.lib,
      isTarget,
      handleId,
      nodeId,
      flowId: s.rfId,
      panBy: s.panBy,
      cancelConnection: s.cancelConnection,
      onConnectStart: s.onConnectStart,
      onConnectEnd: (...args) => api.getState().onConnectEnd?.(...args),
      updateConnection: s.updateConnection,
      onConnect,
      isValidConnection: (...args) => api.getState().isValidConnection?.(...args) ?? true,
      getTransform: () => api.getState().transform,
      getFromHandle: () => api.getState().connection.fromHandle,
      autoPanSpeed: s.autoPanSpeed,
      dragThreshold: s.connectionDragThreshold,
    });
  };

  const onClick = (event: MouseEvent) => {
    const s = api.getState();
    const start = s.connectionClickStartHandle;
    if (!start && !isConnectableStart) return;
    if (!start) {
      s.onClickConnectStart?.(event.nativeEvent, { nodeId, handleId, handleType: type });
      api.setState({ connectionClickStartHandle: { nodeId, type, id: handleId } });
      return;
    }
    const { connection, isValid } = XYHandle.isValid(event.nativeEvent, {
      handle: { nodeId, id: handleId, type },
      connectionMode: s.connectionMode,
      fromNodeId: start.nodeId,
      fromHandleId: start.id || null,
      fromType: start.type,
      isValidConnection: s.isValidConnection,
      flowId: s.rfId,
      doc: getHostForElement(event.target),
      lib: s.lib,
      nodeLookup: s.nodeLookup,
    });
    if (isValid && connection) onConnect(connection);
    const clone = structuredClone(s.connection) as Record<string, unknown> & { toHandle?: { position: Position } };
    delete clone.inProgress;
    clone.toPosition = clone.toHandle ? clone.toHandle.position : null;
    s.onClickConnectEnd?.(event.nativeEvent, clone as never);
    api.setState({ connectionClickStartHandle: null });
  };

  const classes = [
    'react-flow__handle',
    `react-flow__handle-${position}`,
    'nodrag',
    state.noPanClassName,
    className,
    isTarget ? 'target' : 'source',
    isConnectable && 'connectable',
    isConnectableStart && 'connectablestart',
    isConnectableEnd && 'connectableend',
    clickConnecting && 'clickconnecting',
    connectingFrom && 'connectingfrom',
    connectingTo && 'connectingto',
    valid && 'valid',
    indicator && 'connectionindicator',
  ];
  return (
    <div
      data-handleid={handleId}
      data-nodeid={nodeId}
      data-handlepos={position}
      data-id={`${state.rfId}-${nodeId}-${handleId}-${type}`}
      className={classes.filter(Boolean).join(' ')}
      onMouseDown={onPointerDown}
      onTouchStart={onPointerDown}
      onClick={state.connectOnClick ? onClick : undefined}
    />
  );
}
