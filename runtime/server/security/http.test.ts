import { Writable } from 'node:stream';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bootServer, type TestServer } from '../testkit.ts';
import { rawRequest } from './rawHttp.ts';

/** The HTTP layer under attack: framing, methods, bodies before authentication, headers, exposure, sign-in. */
describe('HTTP protections', () => {
  let t: TestServer;
  const logLines: any[] = [];
  beforeAll(async () => {
    const sink = new Writable({
      write(chunk, _enc, cb) {
        for (const line of String(chunk).split('\n')) if (line) logLines.push(JSON.parse(line));
        cb();
      },
    });
    t = await bootServer({
      logger: pino({ level: 'info' }, sink),
      security: { trustedProxies: ['127.0.0.1'], bodyBudgetBytes: 3 * 1024 * 1024, metricsToken: 'scrape-me' },
    });
  });
  afterAll(() => t.close());

  it('answers two different Content-Length headers with 400 and closes the connection', async () => {
    const r = await rawRequest(
      t.server.port,
      'POST /api/session HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 2\r\nContent-Length: 40\r\n\r\n{}',
    ).response();
    expect(r.status).toBe(400);
    expect(r.closed).toBe(true);
  });

  it('closes on Content-Length beside chunked framing (uWS drops it before the app; the app answers 400)', async () => {
    const r = await rawRequest(
      t.server.port,
      'POST /api/session HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n',
    ).response();
    expect([0, 400]).toContain(r.status);
    expect(r.closed).toBe(true);
  });

  it('answers methods a path does not take with 405 and Allow', async () => {
    const page = await rawRequest(t.server.port, 'DELETE /inbox HTTP/1.1\r\nHost: x\r\n\r\n').response(1000);
    expect(page.status).toBe(405);
    expect(page.text).toMatch(/\r\nallow: GET, HEAD\r\n/i);
    const api = await t.api('PUT', '/api/streams');
    expect(api.status).toBe(405);
    expect(api.headers.get('allow')).toContain('POST');
    const trace = await rawRequest(t.server.port, 'TRACE /api/streams HTTP/1.1\r\nHost: x\r\n\r\n').response(1000);
    expect(trace.status).toBe(405);
    // A method uWS's parser does not know never reaches the app: the connection is closed, nothing is kept.
    const odd = await rawRequest(t.server.port, 'BREW /api/streams HTTP/1.1\r\nHost: x\r\n\r\n').response(1000);
    expect(odd.closed).toBe(true);
    expect((await t.api('GET', '/healthz')).status).toBe(200);
  });

  it('refuses an unauthenticated upload before its body is sent, and closes', async () => {
    // Headers only: the 8 MiB body never comes, and the answer must not wait for it.
    const ex = rawRequest(
      t.server.port,
      'POST /api/streams HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 8000000\r\n\r\n',
    );
    const r = await ex.response();
    expect(r.status).toBe(401);
    expect(r.closed).toBe(true);
  });

  it('holds authenticated slow uploads to the body budget: past it 503 with Retry-After', async () => {
    const token = await t.login('marketer@demo.test');
    const head = `POST /api/streams HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${token}\r\nContent-Type: application/json\r\nContent-Length: 1000000\r\n\r\n`;
    // Three slow uploads of 1 MB fit the 3 MiB budget; the fourth does not.
    const slow = [0, 1, 2].map(() => rawRequest(t.server.port, head, '{"a":'));
    await new Promise((r) => setTimeout(r, 200));
    const metrics = await t.api('GET', '/metrics', { headers: { authorization: 'Bearer scrape-me' } });
    expect(metrics.body).toMatch(/tributary_body_bytes_in_flight 3000000/);
    const refused = await rawRequest(t.server.port, head, '{').response();
    expect(refused.status).toBe(503);
    expect(refused.text).toMatch(/\r\nretry-after: \d+\r\n/i);
    // A sign-in (small, public) is refused too while the budget is full, and served once an upload goes away.
    slow[0].socket.destroy();
    await new Promise((r) => setTimeout(r, 100));
    expect(
      (await t.api('POST', '/api/session', { body: { email: 'agent@demo.test', password: 'tributary-demo' } })).status,
    ).toBe(200);
    for (const s of slow) s.socket.destroy();
    await new Promise((r) => setTimeout(r, 100));
    const after = await t.api('GET', '/metrics', { headers: { authorization: 'Bearer scrape-me' } });
    expect(after.body).toMatch(/tributary_body_bytes_in_flight 0/);
    expect(after.body).toMatch(/tributary_limit_refusals_total\{limit="body-budget"\} [1-9]/);
  });

  it('sends CSP, frame-ancestors, nosniff and Referrer-Policy on every response', async () => {
    for (const path of ['/', '/inbox', '/demo', '/api/me', '/nope.txt', '/healthz']) {
      const r = await fetch(t.base + path);
      const csp = r.headers.get('content-security-policy') ?? '';
      expect(csp, path).toContain("script-src 'self'");
      expect(csp, path).not.toContain("'unsafe-inline' 'self'; script");
      expect(csp, path).toContain("frame-ancestors 'none'");
      expect(r.headers.get('x-content-type-options'), path).toBe('nosniff');
      expect(r.headers.get('referrer-policy'), path).toBeTruthy();
      await r.arrayBuffer();
    }
  });

  it('does not serve source maps by default', async () => {
    const r = await fetch(`${t.base}/assets/index.js.map`);
    expect(r.status).toBe(404);
    await r.arrayBuffer();
  });

  it('serves /metrics only with the metrics token or to an admin', async () => {
    expect((await t.api('GET', '/metrics')).status).toBe(401);
    const agent = await t.login('agent@demo.test');
    expect((await t.api('GET', '/metrics', { token: agent })).status).toBe(403);
    expect((await t.api('GET', '/metrics', { token: await t.login('admin@demo.test') })).status).toBe(200);
    expect((await t.api('GET', '/metrics', { headers: { authorization: 'Bearer wrong' } })).status).toBe(401);
    expect((await t.api('GET', '/metrics', { headers: { authorization: 'Bearer scrape-me' } })).status).toBe(200);
  });

  it('takes sign-in as JSON only, from this site or from scripts', async () => {
    const form = await t.api('POST', '/api/session', {
      raw: JSON.stringify({ email: 'admin@demo.test', password: 'tributary-demo' }),
      headers: { 'content-type': 'text/plain', origin: t.base },
    });
    expect(form.status).toBe(415);
    const script = await t.api('POST', '/api/session', {
      raw: JSON.stringify({ email: 'admin@demo.test', password: 'tributary-demo' }),
      headers: { 'content-type': 'text/plain' },
    });
    expect(script.status).toBe(200);
    const foreign = await t.api('POST', '/api/session', {
      body: { email: 'admin@demo.test', password: 'tributary-demo' },
      headers: { origin: 'https://evil.example' },
    });
    expect(foreign.status).toBe(403);
    const own = await t.api('POST', '/api/session', {
      body: { email: 'admin@demo.test', password: 'tributary-demo' },
      headers: { origin: t.base },
    });
    expect(own.status).toBe(200);
  });

  it('logs a failed sign-in with the account and address, never the password', async () => {
    const r = await t.api('POST', '/api/session', {
      body: { email: 'admin@demo.test', password: 'hunter2-secret' },
      headers: { 'x-forwarded-for': '198.51.100.7' },
    });
    expect(r.status).toBe(401);
    const line = logLines.find((l) => l.msg === 'sign-in failed' && l.address === '198.51.100.7');
    expect(line).toMatchObject({ email: 'admin@demo.test', reason: 'wrong-password' });
    expect(JSON.stringify(logLines)).not.toContain('hunter2-secret');
  });
});
