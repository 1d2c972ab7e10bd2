import { mkdirSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import pino from 'pino';
import { chromium, type Browser, type Page } from 'playwright-core';
import { build } from 'vite';
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
