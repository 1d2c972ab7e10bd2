import { mkdirSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { build } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../../testing/chromium.ts';
import { bootServer, type TestServer } from '../server/testkit.ts';
import { buildInbox } from './testing/buildInbox.ts';
import { agentOnline } from './testing/harness.ts';

const repo = resolve(import.meta.dirname, '../..');
const shots = process.env.TRIBUTARY_SHOTS;
const hook = (page: Page, name: string) => page.locator(`tributary-widget [data-tributary="${name}"]`);
const messages = (page: Page) => hook(page, 'message').allInnerTexts();
/** Pretends the visitor's tab went to the background (or came back): what the browser says and the event. */
const visible = (page: Page, on: boolean) =>
  page.evaluate((on) => {
    Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => (on ? 'visible' : 'hidden') });
    document.dispatchEvent(new Event('visibilitychange'));
  }, on);

/**
 * Read receipts with the real widget in Chromium: an agent's message is "Read" once the visitor's panel is open
 * and the page visible, and stays "Delivered" while the tab is in the background.
 */
describe('read receipts', () => {
  let root: string;
  let server: TestServer;
  let browser: Browser;

  beforeAll(async () => {
    root = mkdtempSync(join(tmpdir(), 'tributary-receipts-root-'));
    symlinkSync(join(repo, 'examples'), join(root, 'examples'));
    symlinkSync(join(repo, 'runtime'), join(root, 'runtime'));
    mkdirSync(join(root, 'dist'));
    symlinkSync(join(await buildInbox(), 'dist', 'app'), join(root, 'dist', 'app'));
    await build({
      configFile: join(repo, 'runtime/widget/vite.config.ts'),
      logLevel: 'silent',
      build: { outDir: join(root, 'dist/widget') },
    });
    server = await bootServer({ root });
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
    rmSync(root, { recursive: true, force: true });
  });

  it('marks agent messages read while the panel is open and the page visible', async () => {
    const adminToken = await server.login('admin@demo.test');
    const { page: agent } = await agentOnline(
      { server, browser, adminToken, close: async () => {} },
      'agent@demo.test',
    );
    const visitor = await (await browser.newContext()).newPage();
    await visitor.goto(`${server.base}/demo`);
    await hook(visitor, 'launcher').click();
    await hook(visitor, 'answer').filter({ hasText: 'Yes' }).click();
    await expect.poll(() => messages(visitor), { timeout: 20_000 }).toContain("Great! What's your first name?");
    await hook(visitor, 'input').fill('Ada');
    await hook(visitor, 'input').press('Enter');
    await expect
      .poll(() => messages(visitor), { timeout: 20_000 })
      .toContain('And your work email, so we can follow up?');
    await hook(visitor, 'input').fill('ada@example.com');
    await hook(visitor, 'input').press('Enter');

    await agent.click('[data-tributary=accept]', { timeout: 20_000 });
    await agent.click('[data-tributary=composer]');
    await agent.keyboard.type('Hi Ada, how can I help?');
    await agent.keyboard.press('Enter');
    await expect.poll(() => messages(visitor), { timeout: 20_000 }).toContain('Hi Ada, how can I help?');
    await expect
      .poll(() => agent.locator('[data-tributary=receipt]').getAttribute('data-state'), { timeout: 20_000 })
      .toBe('read');
    if (shots) await agent.screenshot({ path: `${shots}/inbox-receipt-read.png` });

    // In a background tab the message reaches the page but is not read, even once the visitor's next message
    // (sent after it arrived) has reached the agent.
    await visible(visitor, false);
    await agent.keyboard.type('Are you still there?');
    await agent.keyboard.press('Enter');
    await expect.poll(() => messages(visitor), { timeout: 20_000 }).toContain('Are you still there?');
    await expect
      .poll(() => agent.locator('[data-tributary=receipt]').getAttribute('data-state'), { timeout: 20_000 })
      .toBe('delivered');
    await hook(visitor, 'input').fill('One moment');
    await hook(visitor, 'input').press('Enter');
    await agent.waitForSelector('[data-tributary=message]:has-text("One moment")');
    expect(await agent.locator('[data-tributary=receipt]').getAttribute('data-state')).toBe('delivered');

    // Back to the tab: read.
    await visible(visitor, true);
    await expect
      .poll(() => agent.locator('[data-tributary=receipt]').getAttribute('data-state'), { timeout: 20_000 })
      .toBe('read');
  });
});
