import { mkdirSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import pino from 'pino';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { build } from 'vite';
import { expect } from 'vitest';
import WebSocket from 'ws';
import { startServer, type RunningServer } from '../server/startServer.ts';

const repo = resolve(import.meta.dirname, '../..');

export interface WidgetWorld {
  server: RunningServer;
  base: string;
  browser: Browser;
  /** A temporary project root: the real examples/ and runtime/, and a fresh widget build in dist/widget. */
  root: string;
  dataDir: string;
  close(): Promise<void>;
}

/**
 * Boots what the widget's browser tests need: the widget built into a temporary root (the checkout's dist/ is
 * left alone), the real runtime on port 0 with a fresh DATA_DIR (so the demo workspace is seeded), and
 * Debian's Chromium.
 */
export async function widgetWorld(): Promise<WidgetWorld> {
  const root = mkdtempSync(join(tmpdir(), 'tributary-widget-root-'));
  const dataDir = mkdtempSync(join(tmpdir(), 'tributary-widget-data-'));
  symlinkSync(join(repo, 'examples'), join(root, 'examples'));
  symlinkSync(join(repo, 'runtime'), join(root, 'runtime'));
  mkdirSync(join(root, 'dist'));
  await build({ configFile: join(repo, 'runtime/widget/vite.config.ts'), logLevel: 'silent', build: { outDir: join(root, 'dist/widget') } });
  const server = await startServer({ port: 0, dataDir, root, logger: pino({ level: 'warn' }) });
  const browser = await launchChromium();
  return {
    server,
    base: `http://127.0.0.1:${server.port}`,
    browser,
    root,
    dataDir,
    async close() {
      await browser.close();
      await server.close();
      rmSync(root, { recursive: true, force: true });
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-quic', '--no-first-run'],
  });
}

/** A locator inside the widget's open shadow root (Playwright's CSS engine pierces open shadow roots). */
export const hook = (page: Page, name: string) => page.locator(`tributary-widget [data-tributary="${name}"]`);

/** Texts of every message bubble, in order. */
export const messages = (page: Page) => hook(page, 'message').allInnerTexts();

/** Names of every page event the widget dispatches; `recordEvents` listens to all of them. */
export const EVENT_NAMES = ['ready', 'triggered', 'engaged', 'completed', 'closed', 'emailCaptured', 'phoneCaptured', 'liveChatRequested', 'liveChatInitiated', 'liveChatEnded', 'requestTimeout'];

/** Records `tributary:*` events of every page of `context` into `window.__events` (before any page script runs). */
export async function recordEvents(context: BrowserContext): Promise<void> {
  await context.addInitScript((names: string[]) => {
    const log: Array<{ name: string; detail: Record<string, string> }> = [];
    (window as unknown as { __events: typeof log }).__events = log;
    for (const name of names) addEventListener(`tributary:${name}`, (e) => log.push({ name, detail: (e as CustomEvent).detail }));
  }, EVENT_NAMES);
}

export const eventsOf = (page: Page) =>
  page.evaluate(() => (window as unknown as { __events: Array<{ name: string; detail: Record<string, string> }> }).__events);

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
