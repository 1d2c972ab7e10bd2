import { launchChromium } from '../../testing/chromium.ts';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { connect, createServer as createTcpServer, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import pino from 'pino';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import react from '@vitejs/plugin-react';
import { build } from 'vite';
import { expect } from 'vitest';
import WebSocket from 'ws';
import { startServer, type RunningServer } from '../server/startServer.ts';
import { ONE_ADDRESS_LOAD } from '../server/security/config.ts';

const repo = resolve(import.meta.dirname, '../..');

export interface WidgetWorld {
  server: RunningServer;
  base: string;
  /** A customer's website on another origin that embeds the widget from `base` (see `siteServer`). */
  site: string;
  browser: Browser;
  /** A temporary project root: the real examples/ and runtime/, and a fresh widget build in dist/widget. */
  root: string;
  dataDir: string;
  /** The runtime behind a TCP relay that can cut every connection, like a network drop (`?proxy` pages use it). */
  network: { cut(): void; restore(): void };
  close(): Promise<void>;
}

/**
 * Boots what the widget's browser tests need: the widget built into a temporary root (the checkout's dist/ is
 * left alone), the real runtime on port 0 with a fresh DATA_DIR (so the demo workspace is seeded), and
 * Debian's Chromium.
 */
export async function widgetWorld(opts: { editor?: boolean } = {}): Promise<WidgetWorld> {
  const root = mkdtempSync(join(tmpdir(), 'tributary-widget-root-'));
  const dataDir = mkdtempSync(join(tmpdir(), 'tributary-widget-data-'));
  symlinkSync(join(repo, 'examples'), join(root, 'examples'));
  symlinkSync(join(repo, 'runtime'), join(root, 'runtime'));
  mkdirSync(join(root, 'dist'));
  await build({
    configFile: join(repo, 'runtime/widget/vite.config.ts'),
    logLevel: 'silent',
    build: { outDir: join(root, 'dist/widget') },
  });
  // The editor page too, for tests of the product's widget pages (laid out as the app build lays it out).
  if (opts.editor)
    await build({
      configFile: false,
      root: repo,
      base: '/',
      plugins: [react()],
      logLevel: 'silent',
      build: {
        outDir: join(root, 'dist/app'),
        emptyOutDir: true,
        sourcemap: false,
        minify: false,
        rollupOptions: { input: { editor: join(repo, 'editor/index.html') } },
      },
    });
  const logger = pino({ level: 'warn' });
  const browser = await launchChromium();
  const world: WidgetWorld = {
    server: await startServer({ port: 0, dataDir, root, logger, security: ONE_ADDRESS_LOAD }),
    base: '',
    site: '',
    network: { cut() {}, restore() {} },
    browser,
    root,
    dataDir,
    async close() {
      await browser.close();
      await world.server.close();
      site.close();
      relay.close();
      rmSync(root, { recursive: true, force: true });
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
  world.base = `http://127.0.0.1:${world.server.port}`;
  const relay = await tcpRelay(world.server.port);
  world.network = relay;
  const site = await siteServer(world.base, `http://127.0.0.1:${relay.port}`);
  world.site = `http://localhost:${(site.address() as { port: number }).port}`;
  return world;
}

/**
 * A customer's website on its own origin (localhost, while the runtime is 127.0.0.1), so the widget runs
 * cross-origin as it does in production: `/demo` is the demo page with the snippet pointing at the runtime (the
 * demo dialogue targets `/demo` on any host), `/demo?hostile` adds a hostile stylesheet, `/demo?ko` makes the page
 * Korean, `?csp` serves it under `strictCsp`, `?probe` adds page elements named like the widget's parts,
 * `?nowidget` leaves the snippet out, `?proxy`
 * loads the widget through the relay of `tcpRelay`, `?nonce` serves it under a nonce-based script policy with the
 * nonce on the snippet, `/pricing` is a page no dialogue targets, and `/p/<name>` is a plain page of that path
 * (with `?ko`, in Korean).
 */
export async function siteServer(direct: string, relayed: string): Promise<Server> {
  const html = readFileSync(join(repo, 'runtime/widget/demo.html'), 'utf8');
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://site');
    const runtime = url.searchParams.has('proxy') ? relayed : direct;
    let body: string;
    if (url.pathname === '/demo') {
      body = html.replace('src="/widget.js"', `src="${runtime}/widget.js"`);
      if (url.searchParams.has('hostile')) body = body.replace('</head>', `${HOSTILE_PAGE}</head>`);
      if (url.searchParams.has('ko')) body = body.replace('<html lang="en">', '<html lang="ko">');
      if (url.searchParams.has('probe')) body = body.replace('<body>', `<body>${PROBES}`);
      if (url.searchParams.has('nowidget')) body = body.replace(/<script src="[^"]*widget\.js"[^>]*><\/script>/, '');
      if (url.searchParams.has('nonce')) body = body.replace('<script src=', `<script nonce="${NONCE}" src=`);
    } else if (url.pathname.startsWith('/p/')) {
      const lang = url.searchParams.has('ko') ? 'ko' : 'en';
      body = `<!doctype html><html lang="${lang}"><title>Page</title><h1>${url.pathname.slice(3).replace(/\W/g, '')}</h1><script src="${runtime}/widget.js" data-workspace="demo" async></script>`;
    } else if (url.pathname === '/pricing') {
      body = `<!doctype html><html lang="en"><title>Pricing</title><h1>Pricing</h1><script src="${runtime}/widget.js" data-workspace="demo" async></script>`;
    } else {
      res.writeHead(404).end();
      return;
    }
    const headers: Record<string, string> = { 'content-type': 'text/html; charset=utf-8' };
    if (url.searchParams.has('csp')) headers['content-security-policy'] = strictCsp(runtime);
    if (url.searchParams.has('nonce')) headers['content-security-policy'] = nonceCsp(runtime);
    res.writeHead(200, headers).end(body);
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  return server;
}

/**
 * The Content-Security-Policy docs/widget.md gives for the widget, and nothing else: no inline scripts or styles
 * at all (the demo page's own inline styles are blocked too, which is fine for the test).
 */
export function strictCsp(runtime: string): string {
  const ws = runtime.replace(/^http/, 'ws');
  return `default-src 'none'; script-src ${runtime}; connect-src ${runtime} ${ws}; img-src ${runtime}; style-src 'none'`;
}

export const NONCE = 'r4nd0m-n0nce';

/**
 * A strict policy of the nonce kind (what many sites use): only scripts with the nonce run, whatever their origin,
 * so the loader must pass the nonce on to the UI script (no 'strict-dynamic'); no inline styles at all.
 */
export function nonceCsp(runtime: string): string {
  const ws = runtime.replace(/^http/, 'ws');
  return `default-src 'none'; script-src 'nonce-${NONCE}'; connect-src ${runtime} ${ws}; img-src ${runtime}; style-src 'none'`;
}

/** Page elements with the class names the widget uses inside its shadow root: its styles must not reach them. */
export const PROBES = `<div id="probes"><button class="launcher">page button</button><div class="panel">page panel</div>
<div class="bubble">page bubble</div><p class="row">page row</p><input class="compose"></div>`;

/**
 * What a careless or hostile site may ship: rules for every element and for the classes the widget uses inside
 * its shadow root, plus page elements named like the widget's, to see that the widget's rules do not reach them.
 */
export const HOSTILE_PAGE = `<style>
  * { all: unset; color: red !important; font-family: serif !important; }
  button { display: none !important; }
  div, section, span, input { background: yellow !important; border: 3px dashed lime !important; }
  .launcher, .panel, .bubble, .answer, .tb { transform: rotate(45deg) !important; opacity: .2 !important; }
  tributary-widget { display: none !important; position: absolute !important; }
</style>`;

/** A locator inside the widget's open shadow root (Playwright's CSS engine pierces open shadow roots). */
export const hook = (page: Page, name: string) => page.locator(`tributary-widget [data-tributary="${name}"]`);

/** Texts of every message bubble, in order. */
export const messages = (page: Page) => hook(page, 'message').allInnerTexts();

/** Names of every page event the widget dispatches; `recordEvents` listens to all of them. */
export const EVENT_NAMES = [
  'ready',
  'triggered',
  'engaged',
  'completed',
  'closed',
  'emailCaptured',
  'phoneCaptured',
  'liveChatRequested',
  'liveChatInitiated',
  'liveChatEnded',
  'requestTimeout',
];

/** Records `tributary:*` events of every page of `context` into `window.__events` (before any page script runs). */
export async function recordEvents(context: BrowserContext): Promise<void> {
  await context.addInitScript((names: string[]) => {
    const log: Array<{ name: string; detail: Record<string, string> }> = [];
    (window as unknown as { __events: typeof log }).__events = log;
    for (const name of names)
      addEventListener(`tributary:${name}`, (e) => log.push({ name, detail: (e as CustomEvent).detail }));
  }, EVENT_NAMES);
}

export const eventsOf = (page: Page) =>
  page.evaluate(
    () => (window as unknown as { __events: Array<{ name: string; detail: Record<string, string> }> }).__events,
  );

/** A live agent on the real /ws/agent endpoint, signed in with a demo account. */
export async function agentClient(base: string, email = 'agent@demo.test') {
  const res = await fetch(`${base}/api/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password: 'tributary-demo' }),
  });
  const { token } = (await res.json()) as { token: string };
  const ws = new WebSocket(`${base.replace(/^http/, 'ws')}/ws/agent?token=${token}`);
  const inbox: Array<Record<string, any>> = [];
  const waiters: Array<() => void> = [];
  ws.on('message', (data) => {
    inbox.push(JSON.parse(String(data)));
    waiters.splice(0).forEach((w) => w());
  });
  await new Promise((ok, fail) => {
    ws.once('open', ok);
    ws.once('error', fail);
  });
  const next = async (type: string, where: (m: Record<string, any>) => boolean = () => true) => {
    for (;;) {
      const i = inbox.findIndex((m) => m.type === type && where(m));
      if (i >= 0) return inbox.splice(i, 1)[0];
      await new Promise<void>((ok) => waiters.push(ok));
    }
  };
  return {
    send: (msg: Record<string, unknown>) => ws.send(JSON.stringify(msg)),
    next,
    close: () => ws.close(),
  };
}

/** Polls until the value matches; waits long enough for the bot's typing pauses and a slow shared machine. */
export const eventually = <T>(fn: () => T | Promise<T>) => expect.poll(fn, { timeout: 20_000, interval: 100 });

/** A TCP relay to the runtime: `cut()` drops every connection and refuses new ones until `restore()`. */
export async function tcpRelay(target: number) {
  let up = true;
  const open = new Set<Socket>();
  const server = createTcpServer((client) => {
    if (!up) return void client.destroy();
    const upstream = connect(target, '127.0.0.1');
    const drop = () => {
      client.destroy();
      upstream.destroy();
      open.delete(client);
    };
    open.add(client);
    client.pipe(upstream).pipe(client);
    client.on('error', drop).on('close', drop);
    upstream.on('error', drop).on('close', drop);
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  return {
    port: (server.address() as { port: number }).port,
    cut() {
      up = false;
      for (const s of open) s.destroy();
    },
    restore() {
      up = true;
    },
    close() {
      server.close();
      for (const s of open) s.destroy();
    },
  };
}
