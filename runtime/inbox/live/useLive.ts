import { useEffect, useState, useSyncExternalStore } from 'react';
import { LiveConnection } from './LiveConnection.ts';
import { initialLiveState, type LiveState } from './types.ts';

/** One agent connection for the whole app (kept while the agent moves between pages), when they do live chat. */
export function useLiveConnection(enabled: boolean): LiveConnection | undefined {
  const [conn, setConn] = useState<LiveConnection | undefined>(undefined);
  useEffect(() => {
    if (!enabled) return;
    const c = new LiveConnection(agentSocketUrl());
    c.start();
    setConn(c);
    return () => {
      c.stop();
      setConn(undefined);
    };
  }, [enabled]);
  return conn;
}

const noop = () => () => {};
const initial = () => initialLiveState;

export function useLiveState(conn: LiveConnection | undefined): LiveState {
  return useSyncExternalStore(conn ? conn.subscribe : noop, conn ? conn.getState : initial);
}

export function agentSocketUrl(): string {
  const proto = window.location.protocol === 'https:' ? 'wss' : 'ws';
  // The session cookie signs the handshake in (same origin); no token in the URL.
  return `${proto}://${window.location.host}/ws/agent`;
}
