import { connect, type Socket } from 'node:net';

/**
 * A raw HTTP/1.1 client for the security tests: sends exactly the bytes given (duplicate headers, a body
 * that never arrives), and reports the response text and whether the server closed the connection.
 */
export interface RawExchange {
  socket: Socket;
  /** Resolves with everything received once the server closes the connection or `ms` pass. */
  response(ms?: number): Promise<{ text: string; closed: boolean; status: number }>;
}

export function rawRequest(port: number, head: string, body: string | Buffer = ''): RawExchange {
  const socket = connect(port, '127.0.0.1');
  socket.write(head);
  if (body.length) socket.write(body);
  const chunks: Buffer[] = [];
  let closed = false;
  const ended = new Promise<void>((resolve) => {
    socket.on('data', (c) => chunks.push(c));
    socket.on('close', () => {
      closed = true;
      resolve();
    });
    socket.on('error', () => resolve());
  });
  return {
    socket,
    async response(ms = 3000) {
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([ended, new Promise<void>((r) => (timer = setTimeout(r, ms)))]);
      clearTimeout(timer);
      const text = Buffer.concat(chunks).toString('latin1');
      const status = Number(/^HTTP\/1\.1 (\d{3})/.exec(text)?.[1] ?? 0);
      return { text, closed, status };
    },
  };
}
