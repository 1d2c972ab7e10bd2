import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import WebSocket from 'ws';
import { CLOSE } from '../../../shared/protocol/closeCodes.ts';
import { DEFAULT_APPEARANCE } from '../../../shared/widget/appearance.ts';
import { bootServer, type TestServer } from '../testkit.ts';

/** The widget's appearance, pictures, allowed origins and installation check, on the real server. */
let t: TestServer;
let marketer: string;
let agent: string;
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
  'base64',
);
/** The loader's resolve call: JSON in a text/plain body (no preflight), the credential never in the URL. */
const resolve = (url: string, headers: Record<string, string> = {}, visitorToken?: string) =>
  t.api('POST', '/api/widget/resolve', {
    raw: JSON.stringify({ workspace: 'demo', url, visitorToken }),
    headers: { 'content-type': 'text/plain;charset=UTF-8', ...headers },
  });

/** Opens /ws/visitor as a page of `origin` would: 'welcome' when it is served, else the close code. */
const socket = (origin: string) =>
  new Promise<string | number>((done) => {
    const ws = new WebSocket(`${t.ws}/ws/visitor`, { origin });
    ws.on('open', () => ws.send(JSON.stringify({ type: 'hello', v: 1, workspace: 'demo', url: `${origin}/demo` })));
    ws.on('message', (m) => {
      if (JSON.parse(String(m)).type === 'welcome') done('welcome');
      ws.close();
    });
    ws.on('close', (code) => done(code));
    ws.on('error', () => done(-1));
  });

beforeAll(async () => {
  t = await bootServer();
  marketer = await t.login('marketer@demo.test');
  agent = await t.login('agent@demo.test');
});
afterAll(() => t?.close());

describe('widget appearance', () => {
  it('starts from the defaults and is for marketers and admins only', async () => {
    const r = await t.api('GET', '/api/widget/appearance', { token: marketer });
    expect(r.body).toEqual({ appearance: DEFAULT_APPEARANCE, warnings: [] });
    expect((await t.api('GET', '/api/widget/appearance', { token: agent })).status).toBe(403);
    expect((await t.api('GET', '/api/widget/appearance')).status).toBe(401);
  });

  it('saves some fields, keeps the rest, and warns (without refusing) about a contrast below WCAG AA', async () => {
    const r = await t.api('PUT', '/api/widget/appearance', {
      token: marketer,
      body: { brandColor: '#FFD', textColor: '#ffffff', title: '  Northwind help  ' },
    });
    expect(r.status).toBe(200);
    expect(r.body.appearance).toMatchObject({ brandColor: '#ffffdd', title: 'Northwind help', position: 'right' });
    expect(r.body.warnings).toEqual([expect.objectContaining({ field: 'textColor', code: 'low-contrast' })]);
    const ok = await t.api('PUT', '/api/widget/appearance', {
      token: marketer,
      body: { brandColor: '#0f766e', position: 'left', offsetX: 32 },
    });
    expect(ok.body.warnings).toEqual([]);
    expect(ok.body.appearance).toMatchObject({ title: 'Northwind help', position: 'left', offsetX: 32 });
  });

  it('refuses a colour that is not a colour, an unknown field and an out-of-range number, naming the field', async () => {
    for (const [body, field] of [
      [{ brandColor: 'red' }, 'brandColor'],
      [{ textColor: '#12345' }, 'textColor'],
      [{ radius: 99 }, 'radius'],
      [{ position: 'top' }, 'position'],
      [{ botAvatarUrl: 'https://tracker.example/pixel.gif' }, 'botAvatarUrl'],
    ] as const) {
      const r = await t.api('PUT', '/api/widget/appearance', { token: marketer, body });
      expect(r.status, field).toBe(400);
      expect(r.body.error.message.startsWith(`${field}:`), r.body.error.message).toBe(true);
    }
    expect((await t.api('GET', '/api/widget/appearance', { token: marketer })).body.appearance.brandColor).toBe(
      '#0f766e',
    );
  });

  it('overrides fields per dialogue and sends the merged appearance with the resolved dialogue', async () => {
    const put = await t.api('PUT', '/api/dialogues/d_demo/appearance', {
      token: marketer,
      body: { title: 'Demo desk', mode: 'dark' },
    });
    expect(put.status).toBe(200);
    expect(put.body.override).toEqual({ title: 'Demo desk', mode: 'dark' });
    expect(put.body.appearance).toMatchObject({ title: 'Demo desk', mode: 'dark', brandColor: '#0f766e' });
    const r = await resolve('https://shop.example/demo');
    expect(r.body.dialogue.id).toBe('d_demo');
    expect(r.body.appearance).toMatchObject({ title: 'Demo desk', mode: 'dark', brandColor: '#0f766e' });
    expect(r.body.visitorToken).toMatch(/^v_[A-Za-z0-9_-]{12}\.[A-Za-z0-9_-]{32}$/);
    // A page no dialogue targets still gets the workspace's look (a conversation may resume there).
    expect((await resolve('https://shop.example/nowhere')).body.appearance.title).toBe('Northwind help');
    await t.api('PUT', '/api/dialogues/d_demo/appearance', { token: marketer, body: {} });
    expect((await resolve('https://shop.example/demo')).body.appearance.title).toBe('Northwind help');
    expect((await t.api('PUT', '/api/dialogues/nope/appearance', { token: marketer, body: {} })).status).toBe(404);
  });
});

describe('widget pictures', () => {
  it('stores an image and serves it publicly; refuses what is not an image or too large, naming the field', async () => {
    const up = await t.api('POST', '/api/widget/images', {
      token: marketer,
      raw: PNG,
      headers: { 'content-type': 'image/png' },
    });
    expect(up.status).toBe(201);
    const img = await fetch(t.base + up.body.url);
    expect(img.headers.get('content-type')).toBe('image/png');
    expect(Buffer.from(await img.arrayBuffer()).equals(PNG)).toBe(true);
    const set = await t.api('PUT', '/api/widget/appearance', { token: marketer, body: { botAvatarUrl: up.body.url } });
    expect(set.body.appearance.botAvatarUrl).toBe(up.body.url);

    const html = await t.api('POST', '/api/widget/images', {
      token: marketer,
      raw: '<svg onload="alert(1)"/>',
      headers: { 'content-type': 'image/png' },
    });
    expect(html.status).toBe(400);
    expect(html.body.error.message).toMatch(/^avatar: /);
    const svg = await t.api('POST', '/api/widget/images', {
      token: marketer,
      raw: '<svg/>',
      headers: { 'content-type': 'image/svg+xml' },
    });
    expect(svg.status).toBe(400);
    expect(svg.body.error.message).toMatch(/^avatar: /);
    const big = Buffer.concat([PNG, Buffer.alloc(300 * 1024)]);
    const large = await t.api('POST', '/api/widget/images', {
      token: marketer,
      raw: big,
      headers: { 'content-type': 'image/png' },
    });
    expect(large.status).toBe(400);
    expect(large.body.error.message).toMatch(/^avatar: the image is larger than 256 kB/);
    expect((await fetch(`${t.base}/api/widget/images/img_nothing`)).status).toBe(404);
  });
});

describe('allowed origins and the installation check', () => {
  it('lists where the widget was seen loading, with the time and whether it was allowed', async () => {
    const before = Date.now();
    await resolve('https://seen.example/pricing?email=ada@example.com');
    // Written without holding the page view up: listed once that write is stored.
    const site = await vi.waitFor(async () => {
      const r = await t.api('GET', '/api/widget/install', { token: marketer });
      expect(r.body.workspace).toBe('demo');
      const seen = r.body.sites.find((s: { origin: string }) => s.origin === 'https://seen.example');
      expect(seen).toMatchObject({ lastPage: '/pricing', allowed: true });
      return seen;
    });
    expect(site.lastSeen).toBeGreaterThanOrEqual(before);
  });

  it('refuses an origin that is not an origin, naming the field', async () => {
    for (const bad of ['shop.example.com', 'https://shop.example.com/path', 'https://*.example.com', 'ftp://x.example'])
      expect(
        (await t.api('PUT', '/api/widget/allowed-origins', { token: marketer, body: { allowedOrigins: [bad] } })).body
          .error.message,
        bad,
      ).toMatch(/^allowedOrigins\.0: not an origin/);
  });

  it('lets only listed origins resolve the widget (by the Origin header, else the page URL); empty allows any', async () => {
    const put = await t.api('PUT', '/api/widget/allowed-origins', {
      token: marketer,
      body: { allowedOrigins: ['https://Shop.example/', 'https://shop.example'] },
    });
    expect(put.body.allowedOrigins).toEqual(['https://shop.example']);
    expect((await resolve('https://shop.example/demo')).status).toBe(200);
    const refused = await resolve('https://evil.example/demo');
    expect(refused.status).toBe(403);
    expect(refused.body.error.code).toBe('origin-not-allowed');
    expect(refused.headers.get('access-control-allow-origin')).toBe('*');
    // A browser's Origin header wins over what the page URL claims.
    expect((await resolve('https://shop.example/demo', { origin: 'https://evil.example' })).status).toBe(403);
    await vi.waitFor(async () => {
      const install = await t.api('GET', '/api/widget/install', { token: marketer });
      expect(install.body.sites.find((s: { origin: string }) => s.origin === 'https://evil.example')).toMatchObject({
        allowed: false,
      });
    });
    // The widget's socket too: a page of another origin cannot open it.
    expect(await socket('https://evil.example')).toBe(CLOSE.forbidden);
    expect(await socket('https://shop.example')).toBe('welcome');
    await t.api('PUT', '/api/widget/allowed-origins', { token: marketer, body: { allowedOrigins: [] } });
    expect((await resolve('https://evil.example/demo')).status).toBe(200);
  });
});

describe('the triggered beacon', () => {
  it('records a show-once dialogue as triggered before any conversation, so it does not show again', async () => {
    await t.api('PATCH', '/api/dialogues/d_demo', { token: marketer, body: { showOnce: true } });
    const first = await resolve('https://shop.example/demo');
    const visitor = first.body.visitorToken;
    expect(first.body.dialogue.id).toBe('d_demo');
    const beacon = await t.api('POST', '/api/widget/track', {
      raw: JSON.stringify({
        workspace: 'demo',
        visitorToken: visitor,
        dialogue: 'd_demo',
        name: 'triggered',
        url: 'https://shop.example/demo',
      }),
      headers: { 'content-type': 'text/plain;charset=UTF-8' },
    });
    expect(beacon.status).toBe(204);
    expect((await resolve('https://shop.example/demo', {}, visitor)).body).toMatchObject({
      dialogue: null,
      visitorToken: visitor,
    });
    // Another visitor still gets it.
    expect((await resolve('https://shop.example/demo')).body.dialogue.id).toBe('d_demo');
    const bad = await t.api('POST', '/api/widget/track', {
      raw: JSON.stringify({
        workspace: 'demo',
        visitorToken: 'v_chosenByMe1.x',
        dialogue: 'd_demo',
        name: 'triggered',
        url: 'x',
      }),
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toMatch(/^visitorToken: /);
    await t.api('PATCH', '/api/dialogues/d_demo', { token: marketer, body: { showOnce: false } });
  });
});
