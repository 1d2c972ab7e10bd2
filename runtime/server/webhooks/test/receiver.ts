import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Received {
  headers: IncomingHttpHeaders;
  body: string;
  /** What the receiver answered. */
  status: number;
}

/** What the receiver does with the n-th request (0-based): answer a status (after `delayMs`), or never answer. */
export type Behaviour = (n: number) => { status: number; delayMs?: number; location?: string } | 'hang';

/** A real HTTP receiver on 127.0.0.1 (a free port) that records every request and answers as `behaviour` says. */
export class Receiver {
  readonly received: Received[] = [];
  private constructor(
    private readonly server: Server,
    readonly url: string,
  ) {}

  static async start(behaviour: Behaviour): Promise<Receiver> {
    let r: Receiver;
    let n = 0;
    const server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c) => chunks.push(c));
      req.on('end', () => {
        const b = behaviour(n++);
        if (b === 'hang') return;
        setTimeout(() => {
          r.received.push({ headers: req.headers, body: Buffer.concat(chunks).toString(), status: b.status });
          res.writeHead(b.status, b.location ? { location: b.location } : {});
          res.end();
        }, b.delayMs ?? 0);
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    r = new Receiver(server, `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`);
    return r;
  }

  /** Requests answered with 2xx. */
  get delivered(): Received[] {
    return this.received.filter((x) => x.status >= 200 && x.status < 300);
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}
