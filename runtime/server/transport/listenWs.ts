import uWS from 'uws';
import type { Endpoint, Frame } from '../live/socket.ts';
import { mountWs, SocketRegistry, type WsOptions } from './ws.ts';

export interface WsMount {
  pattern: string;
  endpoint: Endpoint<Frame>;
  options: WsOptions;
}

export interface WsListener {
  port: number;
  /** Stops listening and closes every open socket with `code`. */
  close(code: number, reason: string): void;
}

/**
 * A uws app serving only WebSocket endpoints on `host`, on a free port: for servers that are one endpoint and
 * nothing else (the co-editing test server and its benchmark). The runtime mounts its endpoints beside HTTP in
 * its composition root instead.
 */
export async function listenWs(host: string, mounts: WsMount[]): Promise<WsListener> {
  const app = uWS.App();
  const registry = new SocketRegistry();
  for (const m of mounts) mountWs(app, m.pattern, m.endpoint, registry, m.options);
  const listenSocket = await new Promise<uWS.us_listen_socket>((resolve, reject) =>
    app.listen(host, 0, (ls) => (ls ? resolve(ls) : reject(new Error(`cannot listen on ${host}`)))),
  );
  return {
    port: uWS.us_socket_local_port(listenSocket),
    close(code, reason) {
      uWS.us_listen_socket_close(listenSocket);
      registry.closeAll(code, reason);
    },
  };
}
