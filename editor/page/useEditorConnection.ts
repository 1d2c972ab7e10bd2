import { useEffect, useState, useSyncExternalStore } from 'react';
import { connectStream, type ConnectionState, type StreamConnection } from '../collab/connectStream.ts';
import { createEditorSession, type EditorSession } from '../collab/editorSession.ts';
import { bindAwareness } from '../presence/bindAwareness.ts';
import { personColor } from '../../shared/brand.ts';

/** Opens the stream's co-editing connection and builds its editor session; closes both on leave. */
export function useEditorConnection(streamId: string, user: { name: string; email: string }) {
  const [state, setState] = useState<{ conn: StreamConnection; session: EditorSession } | null>(null);
  useEffect(() => {
    const conn = connectStream(streamId, null);
    const session = createEditorSession({ streamId, doc: conn.doc, awareness: conn.provider.awareness });
    const unbind = bindAwareness(conn.provider.awareness, session.presence, session.binding.store, {
      name: user.name || user.email,
      color: personColor(user.name || user.email),
    });
    setState({ conn, session });
    return () => {
      unbind();
      session.binding.destroy();
      conn.destroy();
    };
  }, [streamId, user.name, user.email]);
  return state;
}

/** The connection state and whether the first sync is done, re-rendering on change. */
export function useConnectionState(conn: StreamConnection): { state: ConnectionState; synced: boolean } {
  const state = useSyncExternalStore(conn.onChange, conn.state);
  const synced = useSyncExternalStore(conn.onChange, conn.synced);
  return { state, synced };
}
