import WebSocket from 'ws';

/**
 * The load client of bench/visitors.ts (its own process): opens N visitor sockets, starts the bench dialogue on
 * each (a capture that keeps asking), then every visitor sends one reply every PERIOD seconds (random phase) and
 * times it to its ack. Prints `ready N` when all are in, waits for `go`, runs SECONDS, prints `result {json}`.
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
  sent: Map<string, number>;
}

function open(i: number): Promise<V> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, { perMessageDeflate: false });
    const v: V = { ws, sent: new Map() };
    let ready = false;
    ws.on('error', (e) => (ready ? failures++ : reject(e)));
    ws.on('close', () => closed++);
    ws.on('open', () => ws.send(JSON.stringify({ type: 'hello', v: 1, workspace: 'demo', url: 'http://localhost/bench' })));
    ws.on('message', (data) => {
      const m = JSON.parse(String(data));
      if (m.type === 'welcome') ws.send(JSON.stringify({ type: 'start', id: `s${i}`, dialogueId: dialogue, url: 'http://localhost/bench' }));
      else if (m.type === 'ask' && !ready) {
        ready = true;
        resolve(v);
      } else if (m.type === 'ack') {
        const t = v.sent.get(m.id);
        if (t !== undefined) {
          v.sent.delete(m.id);
          if (measuring) rtts.push(performance.now() - t);
        }
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

// One reply per visitor per period, spread evenly over the period.
const send = (v: V) => {
  if (v.ws.readyState !== WebSocket.OPEN) return;
  const id = `r${seq++}`;
  v.sent.set(id, performance.now());
  v.ws.send(JSON.stringify({ type: 'reply', id, cardId: 'email', text: 'not-an-email' }));
};
visitors.forEach((v, i) => setTimeout(() => {
  send(v);
  setInterval(() => send(v), period);
}, (i / visitors.length) * period));

process.stdin.once('data', () => {
  measuring = true;
  setTimeout(() => {
    measuring = false;
    rtts.sort((a, b) => a - b);
    const q = (p: number) => rtts[Math.min(rtts.length - 1, Math.floor(p * rtts.length))] ?? NaN;
    console.log(`result ${JSON.stringify({ steps: rtts.length, p50: q(0.5), p99: q(0.99), max: rtts[rtts.length - 1], failures, closed })}`);
    process.exit(0);
  }, seconds * 1000);
});
