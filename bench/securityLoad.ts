import { connect } from 'node:net';

/**
 * The attackers of bench/security.ts, in their own process so that their CPU is not the server's.
 *
 *   node --import tsx bench/securityLoad.ts signin PORT CONCURRENCY
 *     CONCURRENCY loops of `POST /api/session` with a wrong password, each from its own address
 *     (X-Forwarded-For: the server trusts 127.0.0.1 as a proxy) and for its own unknown email, so that no
 *     per-account or per-address limit stops them: every attempt that gets in line costs a password hash.
 *   node --import tsx bench/securityLoad.ts uploads PORT CONNECTIONS [TOKEN]
 *     CONNECTIONS slow uploads to `POST /api/streams` declaring 8,000,000 bytes and sending 1 kB a second,
 *     unauthenticated (or with TOKEN); each connection is opened again when the server closes it.
 *
 * Prints `ready` once running and counts answers by status; on SIGTERM prints `done {status: count}`.
 */
const [mode, portArg, nArg, token] = process.argv.slice(2);
const port = Number(portArg);
const n = Number(nArg);
const statuses: Record<string, number> = {};
const count = (s: number | string) => (statuses[s] = (statuses[s] ?? 0) + 1);
let stop = false;
process.on('SIGTERM', () => {
  stop = true;
  console.log(`done ${JSON.stringify(statuses)}`);
  process.exit(0);
});

if (mode === 'signin') {
  let seq = 0;
  const loop = async (i: number) => {
    while (!stop) {
      const k = seq++;
      try {
        const r = await fetch(`http://127.0.0.1:${port}/api/session`, {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            'x-forwarded-for': `10.${(k >> 16) & 255}.${(k >> 8) & 255}.${k & 255}`,
          },
          body: JSON.stringify({ email: `nobody-${i}-${k}@flood.test`, password: 'guess' }),
        });
        await r.arrayBuffer();
        count(r.status);
      } catch {
        count('error');
      }
    }
  };
  for (let i = 0; i < n; i++) void loop(i);
  console.log('ready');
} else {
  const head =
    `POST /api/streams HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: 8000000\r\n` +
    (token ? `Authorization: Bearer ${token}\r\n` : '') +
    '\r\n';
  const chunk = Buffer.alloc(1024, 0x20);
  const open = () => {
    if (stop) return;
    const s = connect(port, '127.0.0.1');
    let timer: NodeJS.Timeout | undefined;
    s.on('connect', () => {
      s.write(head);
      timer = setInterval(() => s.write(chunk), 1000);
    });
    s.on('data', (d) => count(Number(/^HTTP\/1\.1 (\d{3})/.exec(d.toString('latin1'))?.[1] ?? 0)));
    s.on('error', () => {});
    s.on('close', () => {
      clearInterval(timer);
      setTimeout(open, 200);
    });
  };
  for (let i = 0; i < n; i++) open();
  console.log('ready');
}
