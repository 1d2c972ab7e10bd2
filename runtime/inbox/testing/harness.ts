import { launchChromium } from '../../../testing/chromium.ts';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { ServerOptions } from '../../server/startServer.ts';
import { bootServer, type TestServer } from '../../server/testkit.ts';
import { buildInbox } from './buildInbox.ts';

export const DEMO_PASSWORD = 'tributary-demo';

export interface InboxHarness {
  server: TestServer;
  browser: Browser;
  /** Admin token, for setting the stage through the HTTP API. */
  adminToken: string;
  close(): Promise<void>;
}

/**
 * A real runtime (port 0, temporary data directory, demo workspace, `opts` as given) serving the freshly built inbox,
 * and Chromium.
 */
export async function startInbox(opts: Partial<ServerOptions> = {}): Promise<InboxHarness> {
  // A root given (one that also serves the widget: withWidget.ts) is served as it is.
  const server = await bootServer({ ...opts, root: opts.root ?? (await buildInbox()) });
  const browser = await launchChromium();
  const adminToken = await server.login('admin@demo.test');
  return {
    server,
    browser,
    adminToken,
    async close() {
      await browser.close();
      await server.close();
    },
  };
}

/** A browser context (its own cookies and storage: one person) signed in to the inbox. */
export async function signIn(
  h: InboxHarness,
  email: string,
  opts: { context?: BrowserContext; locale?: string } = {},
): Promise<{ context: BrowserContext; page: Page }> {
  const context =
    opts.context ??
    (await h.browser.newContext({ viewport: { width: 1280, height: 800 }, locale: opts.locale ?? 'en-US' }));
  const page = await context.newPage();
  await page.goto(`${h.server.base}/inbox`);
  await page.fill('input[name=email]', email);
  await page.fill('input[name=password]', DEMO_PASSWORD);
  await page.click('button[type=submit]');
  await page.waitForSelector('.topbar');
  return { context, page };
}

/** Signs an agent in and makes them available. */
export async function agentOnline(h: InboxHarness, email: string, opts: { context?: BrowserContext } = {}) {
  const s = await signIn(h, email, opts);
  await s.page.waitForSelector('[data-tributary=availability]:not([disabled])');
  await s.page.selectOption('[data-tributary=availability]', 'online');
  // The server echoes the status: wait until the agent is really eligible before a visitor asks.
  await waitFor(async () =>
    (await h.server.api('GET', '/api/agents', { token: h.adminToken })).body.some(
      (a: any) => a.email === email && a.status === 'online',
    ),
  );
  return s;
}

export async function setSettings(h: InboxHarness, patch: Record<string, unknown>): Promise<void> {
  const r = await h.server.api('PATCH', '/api/settings', { token: h.adminToken, body: patch });
  if (r.status !== 200) throw new Error(`settings: ${r.status} ${JSON.stringify(r.body)}`);
}

/** Polls until `check` holds (for state that only the server can tell). */
export async function waitFor(check: () => Promise<boolean> | boolean, ms = 10_000): Promise<void> {
  const until = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > until) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Keeps a screenshot of `page` as `name`.png when asked (`TRIBUTARY_SHOTS=dir`). */
export async function shot(page: Page, name: string): Promise<void> {
  const dir = process.env.TRIBUTARY_SHOTS;
  if (dir) await page.screenshot({ path: `${dir}/${name}.png` });
}
