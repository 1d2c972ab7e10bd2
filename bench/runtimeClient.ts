import WebSocket from 'ws';

/**
 * The load client of bench/runtime.ts, in its own process so that its CPU is not the server's. One client for both
 * servers: `echo` sends a frame and counts the echo; `visitor` drives the demo stream to its email capture and then
 * sends replies that fail validation, so that every round trip is one full engine step stored before its ack
 * (reply stored → engine → `invalid` + `ask` stored → ack). Prints `ready`, waits for `go` on stdin, runs, prints
 * `done <round trips>`.
 *
 *   node --import tsx bench/runtimeClient.ts echo|visitor URL SOCKETS IN_FLIGHT SECONDS
 */
const [mode, url, socketsArg, inflightArg, secondsArg] = process.argv.slice(2);
const sockets = Number(socketsArg);
const inflight = Number(inflightArg);
const seconds = Number(secondsArg);
let counting = false;
let count = 0;
let n = 0;

async function echoSocket(): Promise<() => void> {
  const ws = new WebSocket(url);
  await new Promise((r) => ws.once('open', r));
  const payload = JSON.stringify({ type: 'reply', id: 'x', cardId: 'email', text: 'not-an-email' });
  ws.on('message', () => {
    if (counting) count++;
    ws.send(payload);
  });
  return () => {
    for (let i = 0; i < inflight; i++) ws.send(payload);
  };
}

const ACK = Buffer.from('{"type":"ack"');

async function visitorSocket(): Promise<() => void> {
  const ws = new WebSocket(url);
  await new Promise((r) => ws.once('open', r));
  const queue: ((m: any) => void)[] = [];
  let running = false;
  const reply = () => ws.send(JSON.stringify({ type: 'reply', id: `r${n++}`, cardId: 'email', text: 'not-an-email' }));
  ws.on('message', (data: Buffer) => {
    if (running) {
      // Cheap on purpose: once running, only acks matter, recognised by their first bytes (no JSON.parse).
      if (data.length > ACK.length && data.compare(ACK, 0, ACK.length, 0, ACK.length) === 0) {
        if (counting) count++;
        reply();
      }
      return;
    }
    queue.shift()?.(JSON.parse(String(data)));
  });
  const until = (pred: (m: any) => boolean) =>
    new Promise<any>((resolve) => {
      const check = (m: any) => (pred(m) ? resolve(m) : queue.unshift(check));
      queue.push(check);
    });
  const send = (m: unknown) => ws.send(JSON.stringify(m));
  send({ type: 'hello', v: 1, workspace: 'demo', url: 'http://localhost/demo' });
  await until((m) => m.type === 'welcome');
  send({ type: 'start', id: `s${n++}`, dialogueId: 'd_demo', url: 'http://localhost/demo' });
  await until((m) => m.type === 'ask');
  send({ type: 'reply', id: `r${n++}`, cardId: 'ask', answerId: 'yes' });
  await until((m) => m.type === 'ask' && m.attribute === 'firstName');
  send({ type: 'reply', id: `r${n++}`, cardId: 'name', text: 'Bench' });
  await until((m) => m.type === 'ask' && m.attribute === 'email');
  running = true;
  return () => {
    for (let i = 0; i < inflight; i++) reply();
  };
}

const starts: (() => void)[] = [];
for (let i = 0; i < sockets; i++) starts.push(await (mode === 'echo' ? echoSocket() : visitorSocket()));
for (const s of starts) s();
console.log('ready');
process.stdin.once('data', () => {
  counting = true;
  setTimeout(() => {
    counting = false;
    console.log(`done ${count}`);
    process.exit(0);
  }, seconds * 1000);
});
