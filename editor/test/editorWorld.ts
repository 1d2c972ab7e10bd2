import { mkdirSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import pino from 'pino';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import react from '@vitejs/plugin-react';
import { build } from 'vite';
import { startServer, type RunningServer } from '../../runtime/server/startServer.ts';
import { launchChromium } from '../../testing/chromium.ts';

const repo = resolve(import.meta.dirname, '../..');

export interface EditorWorld {
  base: string;
  browser: Browser;
  server: RunningServer;
  /** A browser context signed in as `email` (demo password) through the API; its cookie signs the socket in too. */
  signedIn(email?: string): Promise<BrowserContext>;
  /** Imports an interchange document as a new stream; returns its id. */
  importStream(doc: unknown, email?: string): Promise<string>;
  api(path: string, init?: { method?: string; body?: unknown; email?: string }): Promise<{ status: number; body: any }>;
  close(): Promise<void>;
}

export const DEMO_PASSWORD = 'tributary-demo';

/**
 * The real runtime on port 0 with a temporary DATA_DIR (demo workspace), serving a fresh build of the editor, and
 * Debian's Chromium: what a marketer gets from `npm start`. `seed` writes into the data directory first.
 */
export async function editorWorld(opts: { seed?(dataDir: string): Promise<void> } = {}): Promise<EditorWorld> {
  const root = mkdtempSync(join(tmpdir(), 'tributary-editor-root-'));
  const dataDir = mkdtempSync(join(tmpdir(), 'tributary-editor-data-'));
  symlinkSync(join(repo, 'examples'), join(root, 'examples'));
  symlinkSync(join(repo, 'runtime'), join(root, 'runtime'));
  mkdirSync(join(root, 'dist'));
  // The editor page alone, laid out as the app build lays it out (dist/app/editor/index.html).
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
  // What the data directory holds before the runtime first starts (e.g. a draft stored by an older version).
  await opts.seed?.(dataDir);
  const server = await startServer({ port: 0, dataDir, root, logger: pino({ level: 'warn' }) });
  const browser = await launchChromium();
  const base = `http://127.0.0.1:${server.port}`;
  const tokens = new Map<string, string>();

  const token = async (email: string) => {
    const known = tokens.get(email);
    if (known) return known;
    const res = await fetch(`${base}/api/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email, password: DEMO_PASSWORD }),
    });
    if (!res.ok) throw new Error(`sign-in of ${email} failed: ${res.status}`);
    const { token: t } = (await res.json()) as { token: string };
    tokens.set(email, t);
    return t;
  };

  const world: EditorWorld = {
    base,
    browser,
    server,
    async signedIn(email = 'marketer@demo.test') {
      const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
      // The context's request shares its cookies: the session cookie signs the pages in, as a real sign-in would.
      const res = await context.request.post(`${base}/api/session`, { data: { email, password: DEMO_PASSWORD } });
      if (!res.ok()) throw new Error(`sign-in of ${email} failed: ${res.status()}`);
      return context;
    },
    async api(path, init = {}) {
      const res = await fetch(`${base}${path}`, {
        method: init.method ?? 'GET',
        headers: {
          authorization: `Bearer ${await token(init.email ?? 'marketer@demo.test')}`,
          'content-type': 'application/json',
        },
        body: init.body === undefined ? undefined : JSON.stringify(init.body),
      });
      const text = await res.text();
      return { status: res.status, body: text ? JSON.parse(text) : undefined };
    },
    async importStream(doc, email) {
      const r = await world.api('/api/streams', { method: 'POST', body: doc, email });
      if (r.status !== 201) throw new Error(`import failed: ${r.status} ${JSON.stringify(r.body)}`);
      return r.body.id as string;
    },
    async close() {
      await browser.close();
      await server.close();
      rmSync(root, { recursive: true, force: true });
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
  return world;
}

/** Opens a stream's canvas and waits until it is live (connected and synced). */
export async function openStream(context: BrowserContext, base: string, id: string): Promise<Page> {
  const page = await context.newPage();
  page.on('pageerror', (e) => console.error(`page error: ${e.message}`));
  await page.goto(`${base}/streams/${encodeURIComponent(id)}`);
  await page.waitForSelector('[data-tributary="connection"][data-state="live"]');
  await page.waitForSelector('.react-flow__node');
  return page;
}

/** A card's node on the canvas (SPEC §8.5: React Flow nodes carry the card id as data-id). */
export function node(page: Page, id: string) {
  return page.locator(`.react-flow__node[data-id="${id}"]`);
}

/** The flow-space position of a node, read from its transform. */
export async function nodePosition(page: Page, id: string): Promise<{ x: number; y: number } | null> {
  return node(page, id).evaluate((el) => {
    const m = /translate\(\s*(-?[\d.]+)px,\s*(-?[\d.]+)px\)/.exec((el as HTMLElement).style.transform);
    return m ? { x: Number(m[1]), y: Number(m[2]) } : null;
  });
}

/** Ids of all card nodes on the canvas, sorted. */
export async function nodeIds(page: Page): Promise<string[]> {
  const ids = await page
    .locator('.react-flow__node')
    .evaluateAll((els) => els.map((e) => e.getAttribute('data-id') ?? ''));
  return ids.sort();
}

/** Polls `fn` until it returns a value accepted by `ok` (tests assert behaviour, not timing). */
export async function until<T>(
  fn: () => Promise<T>,
  ok: (v: T) => boolean,
  what: string,
  timeoutMs = 30_000,
): Promise<T> {
  const end = Date.now() + timeoutMs;
  let last: T | undefined;
  while (Date.now() < end) {
    last = await fn();
    if (ok(last)) return last;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`timed out waiting for ${what}; last value: ${JSON.stringify(last)}`);
}

/**
 * Clicks an edge where a user can see it: at a point of its path that no card or panel covers (a point outside the
 * canvas lands on the lint panel below it instead), the middle first. When no such point is on screen, the view is
 * fitted first (F), as a user would bring the edge into view.
 */
export async function clickEdge(page: Page, id: string): Promise<void> {
  const find = () =>
    page.locator(`.react-flow__edge[data-id="${id}"] .react-flow__edge-path`).evaluate((el, edgeId) => {
      const path = el as SVGPathElement;
      const m = path.getScreenCTM();
      if (!m) return null;
      const len = path.getTotalLength();
      for (let i = 0; i <= 18; i++) {
        const f = 0.5 + (i % 2 ? 1 : -1) * Math.ceil(i / 2) * 0.025;
        const p = path.getPointAtLength(len * f);
        const x = m.a * p.x + m.c * p.y + m.e;
        const y = m.b * p.x + m.d * p.y + m.f;
        const hit = document.elementFromPoint(x, y)?.closest('.react-flow__edge');
        if (hit?.getAttribute('data-id') === edgeId) return { x: Math.round(x), y: Math.round(y) };
      }
      return null;
    }, id);
  // The same point twice in a row: the view is not moving (a fit animates).
  const steady = async () => {
    const first = await find();
    await new Promise((r) => setTimeout(r, 100));
    const second = await find();
    return first && second && first.x === second.x && first.y === second.y ? second : null;
  };
  let at = await steady();
  if (!at) {
    await page.keyboard.press('f');
    at = (await until(steady, (p) => !!p, `a visible point of edge ${id}`))!;
  }
  await page.mouse.click(at.x, at.y);
}
