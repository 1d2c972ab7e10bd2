import { monitorEventLoopDelay } from 'node:perf_hooks';
import WebSocket from 'ws';

/**
 * The load client of bench/visitors.ts (its own process): opens N visitor sockets, starts the bench dialogue on
 * each (a capture that keeps asking), then every visitor sends one reply every PERIOD seconds (evenly spread) and
 * times it to its ack. Prints `ready N` when all are in, waits for `go`, runs SECONDS, prints `result {json}`.
 *
 * Kept cheap, so that it measures the server and not itself: after set-up only acks and errors are parsed (the
 * entries that come with each step are recognised by their first bytes), one timer drives all sends, and the
 * client reports its own CPU and event-loop delay: a round trip includes the client's own loop delay, so when that
 * is high the figures describe the client (or the machine), not the server.
 *
 *   node --import tsx bench/visitorsClient.ts URL DIALOGUE N PERIOD SECONDS
 */
const [url, dialogue, nArg, periodArg, secondsArg] = process.argv.slice(2);
const n = Number(nArg);
const period = Number(periodArg) * 1000;
const seconds = Number(secondsArg);
const rtts: number[] = [];
let measuring = false;
let failures = 0;
let closed = 0;
let seq = 0;

interface V {
  ws: WebSocket;
  /** Send time of the reply in flight (one at a time per visitor), NaN when none. */
  sentAt: number;
  sentId: string;
}

const ACK = Buffer.from('{"type":"ack"');
const ERROR = Buffer.from('{"type":"error"');
const startsWith = (data: Buffer, prefix: Buffer) =>
  data.length >= prefix.length && data.compare(prefix, 0, prefix.length, 0, prefix.length) === 0;

function open(i: number): Promise<V> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, { perMessageDeflate: false });
    const v: V = { ws, sentAt: NaN, sentId: '' };
    let ready = false;
    ws.on('error', (e) => (ready ? failures++ : reject(e)));
    ws.on('close', () => closed++);
    ws.on('open', () =>
      ws.send(JSON.stringify({ type: 'hello', v: 1, workspace: 'demo', url: 'http://localhost/bench' })),
    );
    ws.on('message', (data: Buffer) => {
      if (ready) {
        if (startsWith(data, ACK)) {
          const at = performance.now();
          const m = JSON.parse(data.toString()) as { id: string };
          if (m.id === v.sentId && !Number.isNaN(v.sentAt)) {
            if (measuring) rtts.push(at - v.sentAt);
            v.sentAt = NaN;
          }
        } else if (startsWith(data, ERROR)) failures++;
        return;
      }
      const m = JSON.parse(data.toString());
      if (m.type === 'welcome')
        ws.send(JSON.stringify({ type: 'start', id: `s${i}`, dialogueId: dialogue, url: 'http://localhost/bench' }));
      else if (m.type === 'ask') {
        ready = true;
        resolve(v);
      } else if (m.type === 'error') failures++;
    });
  });
}

const visitors: V[] = [];
for (let i = 0; i < n; i += 250) {
  const batch = await Promise.all(Array.from({ length: Math.min(250, n - i) }, (_, k) => open(i + k)));
  visitors.push(...batch);
}
console.log(`ready ${visitors.length}`);

// One reply per visitor per period, visitor i at phase i/n of the period; one 1 ms timer sends whatever is due.
const send = (v: V) => {
  if (v.ws.readyState !== WebSocket.OPEN) return;
  v.sentId = `r${seq++}`;
  v.sentAt = performance.now();
  v.ws.send(`{"type":"reply","id":"${v.sentId}","cardId":"email","text":"not-an-email"}`);
};
const t0 = performance.now();
let next = 0; // sends done so far, over all periods
setInterval(() => {
  const due = Math.floor(((performance.now() - t0) / period) * visitors.length);
  for (; next < due; next++) send(visitors[next % visitors.length]);
}, 1);

const eld = monitorEventLoopDelay({ resolution: 1 });
process.stdin.once('data', () => {
  measuring = true;
  eld.enable();
  const cpu = process.cpuUsage();
  setTimeout(() => {
    measuring = false;
    const c = process.cpuUsage(cpu);
    rtts.sort((a, b) => a - b);
    const q = (p: number) => rtts[Math.min(rtts.length - 1, Math.floor(p * rtts.length))] ?? NaN;
    const result = {
      steps: rtts.length,
      p50: q(0.5),
      p99: q(0.99),
      max: rtts[rtts.length - 1] ?? NaN,
      failures,
      closed,
      clientCpu: (c.user + c.system) / (seconds * 1e6),
      clientEldP99: eld.percentile(99) / 1e6,
    };
    console.log(`result ${JSON.stringify(result)}`);
    process.exit(0);
  }, seconds * 1000);
});
