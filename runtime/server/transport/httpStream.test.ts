import { request } from 'node:http';
import uWS from 'uws';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { waitFor } from '../../../testing/waitFor.ts';
import { Router } from '../http/router.ts';
import type { Route } from '../http/types.ts';
import { BodyBudget } from '../security/bodyBudget.ts';
import { mountHttp } from './http.ts';

/** A streamed body over a real uws listener: chunks are produced only as the client takes them, and a client that
 * goes away stops the producer. */
const CHUNK = 'x'.repeat(64 * 1024 - 1) + '\n';
const CHUNKS = 2000; // 128 MiB if it were all produced
let produced = 0;
let stopped = false;
let port = 0;
let listen: uWS.us_listen_socket;

async function* chunks(): AsyncGenerator<string> {
  try {
    for (let i = 0; i < CHUNKS; i++) {
      produced++;
      yield CHUNK;
    }
  } finally {
    stopped = true;
  }
}

beforeAll(async () => {
  const app = uWS.App();
  const routes: Route[] = [
    {
      method: 'GET',
      path: '/api/big',
      handler: () => ({ status: 200, headers: { 'content-type': 'text/plain' }, stream: chunks() }),
    },
    {
      method: 'GET',
      path: '/api/small',
      handler: () => ({
        status: 200,
        stream: (async function* () {
          yield 'a,b\n';
          yield '1,2\n';
        })(),
      }),
    },
  ];
  mountHttp(app, {
    router: new Router(routes),
    fallback: () => ({ status: 404 }),
    onError: () => undefined,
    clientAddress: (peer) => peer,
    authenticated: () => true,
    budget: new BodyBudget(1 << 20, () => undefined),
  });
  listen = await new Promise((ok, fail) => app.listen('127.0.0.1', 0, (s) => (s ? ok(s) : fail(new Error('listen')))));
  port = uWS.us_socket_local_port(listen);
});
afterAll(() => {
  uWS.us_listen_socket_close(listen);
});

it('writes a streamed body whole, chunked', async () => {
  const res = await fetch(`http://127.0.0.1:${port}/api/small`);
  expect(res.status).toBe(200);
  expect(res.headers.get('transfer-encoding')).toBe('chunked');
  expect(await res.text()).toBe('a,b\n1,2\n');
});

it('produces only as fast as a slow client reads, and stops producing when the client goes away', async () => {
  const req = request({ host: '127.0.0.1', port, path: '/api/big' });
  const res = await new Promise<import('node:http').IncomingMessage>((ok) => req.on('response', ok).end());
  res.pause();
  // The client reads nothing: the socket buffers fill, then the server waits for them to drain.
  await waitFor('the first chunk', () => produced > 0);
  await new Promise((r) => setTimeout(r, 500));
  const whileStalled = produced;
  expect(whileStalled).toBeLessThan(CHUNKS / 10);
  // Reading lets the producer go on. How much must be read first depends on how much the kernel's socket buffers
  // took while the client stalled (their size is tuned to the machine and its load), so the client reads until it
  // does, then stalls again.
  let read = 0;
  res.on('data', (b: Buffer) => void (read += b.length));
  res.resume();
  await waitFor('the producer goes on', () => produced > whileStalled);
  res.pause();
  expect(read).toBeGreaterThan(0);
  await new Promise((r) => setTimeout(r, 300));
  // Stalled again: it produced about what was read plus what the buffers hold, far from everything.
  expect(produced).toBeLessThan(CHUNKS / 5);
  // The client goes away: the generator is returned (its finally ran) and produces nothing more.
  res.destroy();
  req.destroy();
  await waitFor('the producer stopped', () => stopped);
  const atStop = produced;
  await new Promise((r) => setTimeout(r, 300));
  expect(produced).toBe(atStop);
  expect(produced).toBeLessThan(CHUNKS);
});
