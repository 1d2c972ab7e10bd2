import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { CLOSE } from '../../shared/protocol/closeCodes.ts';
import { LAYOUT_VERSION } from '../../shared/stream/ydoc.ts';

export type ConnectionState = 'connecting' | 'connected' | 'offline' | 'denied';

/** Close codes after which reconnecting cannot help. */
const FINAL_CODES = new Set<number>([
  CLOSE.unauthorized,
  CLOSE.forbidden,
  CLOSE.notFound,
  CLOSE.sessionEnded,
  CLOSE.layoutOutdated,
]);
/** The server refused a frame of ours: reconnecting would send it again. */
const PROTOCOL_ERROR: number = CLOSE.protocolError;

export interface StreamConnection {
  doc: Y.Doc;
  provider: WebsocketProvider;
  /** Current state, and a listener for changes. */
  state(): ConnectionState;
  synced(): boolean;
  onChange(fn: () => void): () => void;
  /** The close code that made the connection give up (denied). */
  deniedCode(): number | undefined;
  destroy(): void;
}

/** The co-editing socket URL base for this page (`ws://host/collab`). */
export function collabBase(loc: Location = location): string {
  return `${loc.protocol === 'https:' ? 'wss' : 'ws'}://${loc.host}/collab`;
}

/**
 * Opens the stream's draft through the stock y-websocket provider (SPEC §8.4). Edits made while offline stay in the
 * local doc and merge when the provider reconnects; a refusal (signed out, no access) stops the retries.
 */
export function connectStream(streamId: string, token: string | null, base = collabBase()): StreamConnection {
  const doc = new Y.Doc();
  const provider = new WebsocketProvider(base, streamId, doc, {
    // The layout this editor reads: a draft on a newer one closes the socket (layoutOutdated) instead of being misread.
    params: { ...(token ? { token } : {}), layout: String(LAYOUT_VERSION) },
    maxBackoffTime: 5000,
    // The provider's default gives up on every 44xx code; after slowConsumer reconnecting resyncs the draft.
    shouldReconnect: (event) => !FINAL_CODES.has(event.code) && event.code !== PROTOCOL_ERROR,
  });
  let state: ConnectionState = 'connecting';
  let denied: number | undefined;
  const listeners = new Set<() => void>();
  const emit = () => listeners.forEach((fn) => fn());
  provider.on('status', ({ status }: { status: string }) => {
    if (denied !== undefined) return;
    state =
      status === 'connected'
        ? 'connected'
        : status === 'connecting'
          ? state === 'offline'
            ? 'offline'
            : 'connecting'
          : 'offline';
    emit();
  });
  provider.on('sync', () => emit());
  provider.on('connection-close', (event: CloseEvent | null) => {
    if (event && FINAL_CODES.has(event.code)) {
      denied = event.code;
      state = 'denied';
      provider.shouldConnect = false;
      emit();
    }
  });
  return {
    doc,
    provider,
    state: () => state,
    synced: () => provider.synced,
    onChange(fn) {
      listeners.add(fn);
      return () => listeners.delete(fn);
    },
    deniedCode: () => denied,
    destroy() {
      provider.destroy();
      doc.destroy();
    },
  };
}
