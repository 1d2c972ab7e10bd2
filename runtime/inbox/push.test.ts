import type { BrowserContext, Page, Worker } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { payloadOf } from '../server/push/pushTexts.ts';
import { agentOnline, startInbox, waitFor, type InboxHarness } from './testing/harness.ts';
import { ScriptedVisitor } from './testing/visitor.ts';

/**
 * Web Push, browser side, in Chromium. Headless Chromium cannot subscribe to a push service here, so the push is
 * delivered to the inbox's service worker through CDP (`ServiceWorker.deliverPushMessage`) with the payload the
 * runtime encrypts for a real push service (the server side, runtime/server/push/push.test.ts, checks that part
 * against a push service). Headless Chromium has no notification to click either: the click is the worker's own
 * `notificationclick` event.
 */
describe('the inbox service worker', () => {
  let h: InboxHarness;
  const visitors: ScriptedVisitor[] = [];
  beforeAll(async () => {
    h = await startInbox();
  });
  afterAll(async () => {
    for (const v of visitors) v.close();
    await h?.close();
  });

  const worker = async (context: BrowserContext): Promise<Worker> => {
    await waitFor(() => context.serviceWorkers().some((w) => w.url().endsWith('/inbox-sw.js')));
    return context.serviceWorkers().find((w) => w.url().endsWith('/inbox-sw.js'))!;
  };

  /** A CDP session on a page of the origin that is no inbox page, and the worker's registration id. */
  const pushChannel = async (context: BrowserContext) => {
    const other = await context.newPage();
    await other.goto(`${h.server.base}/healthz`);
    const cdp = await context.newCDPSession(other);
    let registrationId: string | undefined;
    cdp.on('ServiceWorker.workerRegistrationUpdated', (e: any) => {
      for (const r of e.registrations)
        if (r.scopeURL.endsWith('/inbox') && !r.isDeleted) registrationId = r.registrationId;
    });
    await cdp.send('ServiceWorker.enable');
    await waitFor(() => registrationId !== undefined);
    return {
      other,
      deliver: (data: unknown) =>
        cdp.send('ServiceWorker.deliverPushMessage', {
          origin: h.server.base,
          registrationId: registrationId!,
          data: JSON.stringify(data),
        }),
    };
  };

  /** How many inbox windows the worker sees (a closed page may linger a moment on a busy machine). */
  const inboxWindowCount = (sw: Worker) =>
    sw.evaluate(
      async () =>
        (await (self as any).clients.matchAll({ type: 'window', includeUncontrolled: true })).filter((c: any) =>
          new URL(c.url).pathname.startsWith('/inbox'),
        ).length,
    );

  const notifications = (sw: Worker) =>
    sw.evaluate(async () =>
      (await (self as any).registration.getNotifications()).map((n: Notification) => ({
        title: n.title,
        body: n.body,
        tag: n.tag,
        url: n.data?.url,
      })),
    );

  const click = (sw: Worker, tag: string) =>
    sw.evaluate(async (tag) => {
      const s = self as any;
      const [n] = await s.registration.getNotifications({ tag });
      s.dispatchEvent(new (s.NotificationEvent as any)('notificationclick', { notification: n }));
    }, tag);

  it('shows a pushed offer while no inbox page is open; its click opens the inbox on the offer', async () => {
    const context = await h.browser.newContext({ viewport: { width: 1280, height: 800 } });
    await context.grantPermissions(['notifications'], { origin: h.server.base });
    const { page } = await agentOnline(h, 'agent@demo.test', { context });
    const sw = await worker(context);
    const push = await pushChannel(context);
    // No inbox page: the agent closed it and stays available (and the worker no longer counts it as a window).
    await page.close();
    await waitFor(() => inboxWindowCount(sw).then((n) => n === 0));
    const ada = await ScriptedVisitor.askForAgent(h.server.base, { firstName: 'Ada', email: 'ada@example.com' });
    visitors.push(ada);
    const id = ada.conversationId;
    const payload = payloadOf(
      {
        kind: 'offer',
        conversationId: id,
        visitorId: 'v_1',
        profile: { firstName: 'Ada' },
        expiresAt: Date.now() + 60_000,
      },
      'en',
    );
    await push.deliver(payload);
    await expect
      .poll(() => notifications(sw))
      .toEqual([
        {
          title: 'New live chat',
          body: 'Ada is waiting. Click to answer.',
          tag: `offer:${id}`,
          url: `/inbox?offer=${id}`,
        },
      ]);

    // The click: with no inbox page open, the worker opens one on the offer. (A script's click lacks the user
    // gesture a browser window needs, so the test opens the address the worker asked for.)
    await sw.evaluate(() => {
      const s = self as any;
      Object.defineProperty(s.clients, 'openWindow', { value: async (url: string) => void (s.__opened = url) });
    });
    await click(sw, `offer:${id}`);
    await expect.poll(() => sw.evaluate(() => (self as any).__opened)).toBe(`/inbox?offer=${id}`);
    expect(await notifications(sw)).toEqual([]);
    const inbox = await context.newPage();
    await inbox.goto(h.server.base + `/inbox?offer=${id}`);
    await inbox.waitForSelector('[data-tributary=accept]');
    // Opened on the offer: Accept has the keyboard focus (Enter accepts); the address is the inbox's again.
    await expect
      .poll(() => inbox.evaluate(() => document.activeElement?.getAttribute('data-tributary')))
      .toBe('accept');
    expect(new URL(inbox.url()).search).toBe('');
    await inbox.screenshot({ path: '/tmp/push-offer-opened.png' });
    await inbox.keyboard.press('Enter');
    await inbox.waitForSelector('[data-tributary=composer]');
    await inbox.selectOption('[data-tributary=availability]', 'offline');
    await push.other.close();
    await context.close();
  });

  it('leaves a push to an inbox page in front; a click on a notification brings its chat forward in the open page', async () => {
    const context = await h.browser.newContext({ viewport: { width: 1280, height: 800 } });
    await context.grantPermissions(['notifications'], { origin: h.server.base });
    const { page } = await agentOnline(h, 'agent2@demo.test', { context });
    const sw = await worker(context);
    const push = await pushChannel(context);
    const bea = await ScriptedVisitor.askForAgent(h.server.base, { firstName: 'Bea', email: 'bea@example.com' });
    visitors.push(bea);
    const id = bea.conversationId;
    await page.click('[data-tributary=accept]');
    await page.waitForSelector('[data-tributary=composer]');
    const payload = payloadOf(
      {
        kind: 'message',
        conversationId: id,
        visitorId: 'v_1',
        profile: { firstName: 'Bea' },
        text: 'Hello?',
        expiresAt: Date.now() + 60_000,
      },
      'en',
    );
    // The inbox page is visible and focused: it alerts the agent itself, the worker shows nothing.
    await push.deliver(payload);
    await page.waitForTimeout(500);
    expect(await notifications(sw)).toEqual([]);

    // The agent moved to another page of the inbox; a click on the message's notification brings the chat back.
    await page.click('a[href="/inbox/conversations"]');
    await page.waitForURL('**/inbox/conversations');
    await sw.evaluate(
      (p) => (self as any).registration.showNotification(p.title, { body: p.body, tag: p.tag, data: p }),
      payload,
    );
    await click(sw, `chat:${id}`);
    await page.waitForURL((u) => u.pathname === '/inbox');
    await page.waitForSelector('[data-tributary=composer]');
    expect(await notifications(sw)).toEqual([]);
    await page.selectOption('[data-tributary=availability]', 'offline');
    await push.other.close();
    await context.close();
  });
});
