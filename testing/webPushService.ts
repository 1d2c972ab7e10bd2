import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { Agent, createServer, type Server } from 'node:https';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const require = createRequire(import.meta.url);

/** A browser's subscription as the test push service hands it out. */
export interface TestSubscription {
  endpoint: string;
  keys: { p256dh: string; auth: string };
  clientHash: string;
}

/**
 * A push service on https://127.0.0.1 for tests: `web-push-testing` in this process, on a free port, with a
 * certificate made for the run (`agent` trusts it: hand it to the server's push options). It checks what a real
 * push service checks of a push — the VAPID JWT signed with the key the subscription was made with, and the
 * payload's aes128gcm encryption (it decrypts it) — answers 410 for a subscription marked expired, and keeps the
 * decrypted messages for the test to read. `down` makes it refuse every push for a while.
 */
export class TestPushService {
  /** While true the service is down: every push is answered 503 Service Unavailable (and counted). */
  down = false;

  private constructor(
    private readonly model: any,
    private readonly http: Server,
    readonly url: string,
    /** An https agent that trusts this service's certificate. */
    readonly agent: Agent,
    private readonly requests: Map<string, number>,
  ) {}

  /** How many pushes were sent to the subscription, taken or refused. */
  received(sub: TestSubscription): number {
    return this.requests.get(sub.clientHash) ?? 0;
  }

  static async start(): Promise<TestPushService> {
    const Server = require('web-push-testing/src/server.js');
    const { PushApiModel } = require('web-push-testing/src/PushApiModel.js');
    const model = new PushApiModel();
    // Port 0 here: the package's own start() listens on every interface at a port chosen beforehand.
    const app = new Server(model, 0);
    const requests = new Map<string, number>();
    let self: TestPushService | undefined;
    app._app.use('/notify/:clientHash', (req: any, res: any, next: () => void) => {
      requests.set(req.params.clientHash, (requests.get(req.params.clientHash) ?? 0) + 1);
      if (self?.down) res.status(503).send('down for the test');
      else next();
    });
    const { key, cert } = selfSigned();
    const http: Server = await new Promise((ok, fail) => {
      const s = createServer({ key, cert }, app._app).listen(0, '127.0.0.1', () => ok(s));
      s.once('error', fail);
    });
    app._server = http;
    app.setRequestHandlers();
    const { port } = http.address() as { port: number };
    const url = `https://127.0.0.1:${port}`;
    model.notifyUrl = `${url}/notify/`;
    self = new TestPushService(model, http, url, new Agent({ ca: cert }), requests);
    return self;
  }

  /** What `pushManager.subscribe({ userVisibleOnly: true, applicationServerKey })` gives a browser. */
  subscribe(applicationServerKey: string): Promise<TestSubscription> {
    return this.model.subscribe({ userVisibleOnly: 'true', applicationServerKey });
  }

  /** The decrypted payloads pushed to the subscription so far. */
  messages(sub: TestSubscription): string[] {
    return [...(this.model.messages[sub.clientHash] ?? [])];
  }

  /** The browser unsubscribed (or the subscription lapsed): pushes to it are answered 410 Gone. */
  expire(sub: TestSubscription): void {
    this.model.expireSubscription(sub.clientHash);
  }

  close(): Promise<void> {
    this.agent.destroy();
    return new Promise((ok) => {
      this.http.closeAllConnections?.();
      this.http.close(() => ok());
    });
  }
}

/** A throwaway certificate for 127.0.0.1 (Debian's openssl). */
function selfSigned(): { key: Buffer; cert: Buffer } {
  const dir = mkdtempSync(join(tmpdir(), 'tributary-push-'));
  try {
    execFileSync(
      'openssl',
      [
        'req',
        '-x509',
        '-newkey',
        'ec',
        '-pkeyopt',
        'ec_paramgen_curve:prime256v1',
        '-nodes',
        '-days',
        '1',
        '-subj',
        '/CN=127.0.0.1',
        '-addext',
        'subjectAltName=IP:127.0.0.1',
        '-keyout',
        join(dir, 'key.pem'),
        '-out',
        join(dir, 'cert.pem'),
      ],
      { stdio: 'ignore' },
    );
    return { key: readFileSync(join(dir, 'key.pem')), cert: readFileSync(join(dir, 'cert.pem')) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
