import { mkdirSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { BrowserContextOptions, Locator, Page } from 'playwright-core';
import { build } from 'vite';
import { expect } from 'vitest';
import type { ServerOptions } from '../../server/startServer.ts';
import { buildInbox } from './buildInbox.ts';
import { startInbox, type InboxHarness } from './harness.ts';

const REPO = resolve(import.meta.dirname, '../../..');

/** A hook (SPEC §8.5) inside the widget on a visitor's page. */
export const widgetHook = (page: Page, name: string): Locator =>
  page.locator(`tributary-widget [data-tributary="${name}"]`);

/** The texts of the widget's messages so far. */
export const widgetMessages = (page: Page): Promise<string[]> => widgetHook(page, 'message').allInnerTexts();

/**
 * Browser tests where a real widget visitor meets agents in their inboxes: a runtime (port 0, temporary data,
 * demo workspace, `opts` as given) whose project root serves the inbox (the cached build of `buildInbox`) and a
 * fresh widget build, and Chromium. `close` stops both and deletes the root.
 */
export interface WidgetInbox extends InboxHarness {
  /** A new visitor (their own browser context) on the demo page. */
  visitor(opts?: BrowserContextOptions): Promise<Page>;
  /** Opens the widget and walks the demo stream to its live-chat hand-off, answering "Yes", the name and email. */
  askForAgent(page: Page, profile: { firstName: string; email: string }): Promise<void>;
}

export async function startWidgetInbox(opts: Partial<ServerOptions> = {}): Promise<WidgetInbox> {
  const root = mkdtempSync(join(tmpdir(), 'tributary-inbox-widget-'));
  symlinkSync(join(REPO, 'examples'), join(root, 'examples'));
  symlinkSync(join(REPO, 'runtime'), join(root, 'runtime'));
  mkdirSync(join(root, 'dist'));
  symlinkSync(join(await buildInbox(), 'dist', 'app'), join(root, 'dist', 'app'));
  await build({
    configFile: join(REPO, 'runtime/widget/vite.config.ts'),
    logLevel: 'silent',
    build: { outDir: join(root, 'dist/widget') },
  });
  const h = await startInbox({ ...opts, root });
  const { server, browser } = h;
  return {
    ...h,
    async visitor(context) {
      const page = await (await browser.newContext(context)).newPage();
      await page.goto(`${server.base}/demo`);
      return page;
    },
    async askForAgent(page, profile) {
      await widgetHook(page, 'launcher').click();
      await widgetHook(page, 'answer').filter({ hasText: 'Yes' }).click();
      await expect.poll(() => widgetMessages(page), { timeout: 20_000 }).toContain("Great! What's your first name?");
      await widgetHook(page, 'input').fill(profile.firstName);
      await widgetHook(page, 'input').press('Enter');
      await expect
        .poll(() => widgetMessages(page), { timeout: 20_000 })
        .toContain('And your work email, so we can follow up?');
      await widgetHook(page, 'input').fill(profile.email);
      await widgetHook(page, 'input').press('Enter');
    },
    async close() {
      await h.close();
      rmSync(root, { recursive: true, force: true });
    },
  };
}
