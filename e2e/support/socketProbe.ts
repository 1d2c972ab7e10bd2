import WebSocket from 'ws';

/**
 * Opens a socket and tells what happened: 'open' when the server spoke first or answered the first message
 * within the wait, else the close code it sent.
 */
export function socketOutcome(url: string, first?: unknown, wait = 2_000): Promise<'open' | number> {
  return new Promise((resolve) => {
    const ws = new WebSocket(url);
    let done = false;
    const finish = (v: 'open' | number) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      resolve(v);
      ws.terminate();
    };
    const timer = setTimeout(() => finish('open'), wait);
    ws.on('open', () => {
      if (first !== undefined) ws.send(Buffer.isBuffer(first) ? first : JSON.stringify(first));
    });
    ws.on('message', () => finish('open'));
    ws.on('close', (code) => finish(code));
    ws.on('error', () => finish(-1));
  });
}
