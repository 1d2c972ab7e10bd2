import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../../testing/chromium.ts';
import { bootServer, type TestServer } from '../server/testkit.ts';
import { agentOnline, setSettings, type InboxHarness } from './testing/harness.ts';
import { ScriptedVisitor } from './testing/visitor.ts';
import { inboxWithWidget } from './testing/withWidget.ts';

const shots = process.env.TRIBUTARY_SHOTS;
const shot = async (p: Page, name: string) => {
  if (shots) await p.screenshot({ path: `${shots}/${name}.png` });
};
const hook = (page: Page, name: string) => page.locator(`tributary-widget [data-tributary="${name}"]`);
const messages = (page: Page) => hook(page, 'message').allInnerTexts();

/**
 * The waiting queue in Chromium: both agents full, a widget visitor waits in line with a live position, moves up
 * when the one ahead is served, and is offered the moment an agent ends a chat.
 */
describe('the waiting queue, seen by the visitor and the agents', () => {
  let root: Awaited<ReturnType<typeof inboxWithWidget>>;
  let server: TestServer;
  let browser: Browser;
  let h: InboxHarness;
  const visitors: ScriptedVisitor[] = [];

  beforeAll(async () => {
    root = await inboxWithWidget();
    server = await bootServer({ root: root.root });
    browser = await launchChromium();
    h = { server, browser, adminToken: await server.login('admin@demo.test'), close: async () => {} };
    await setSettings(h, { maxChatsPerAgent: 1, queue: { enabled: true, maxWaitSec: 600, maxLength: 50 } });
  });
  afterAll(async () => {
    for (const v of visitors) v.close();
    await browser?.close();
    await server?.close();
    root?.remove();
  });

  const ask = async (firstName: string) => {
    const v = await ScriptedVisitor.askForAgent(server.base, { firstName, email: `${firstName}@example.com` });
    visitors.push(v);
    return v;
  };

  it('queues a visitor with a live position while both agents are full and offers them when one ends a chat', async () => {
    const alex = (await agentOnline(h, 'agent@demo.test')).page;
    const bea = (await agentOnline(h, 'agent2@demo.test')).page;
    // Both agents take one chat each: with one chat per agent, both are full.
    for (const name of ['Ann', 'Bo']) {
      await ask(name);
      const page = await Promise.race([
        alex.waitForSelector(`[data-tributary=offer]:has-text("${name}")`).then(() => alex),
        bea.waitForSelector(`[data-tributary=offer]:has-text("${name}")`).then(() => bea),
      ]);
      await page.click('[data-tributary=accept]');
      await page.waitForSelector('[data-tributary=chat]');
    }

    // Cy asks first and waits at 1; the widget visitor asks next and waits at 2.
    const cy = await ask('Cy');
    expect((await cy.next((m) => m.type === 'queue' && m.position === 1)).position).toBe(1);
    const widget = await (await browser.newContext()).newPage();
    await widget.goto(`${server.base}/demo`);
    await hook(widget, 'launcher').click();
    await hook(widget, 'answer').filter({ hasText: 'Yes' }).click();
    await expect.poll(() => messages(widget), { timeout: 20_000 }).toContain("Great! What's your first name?");
    await hook(widget, 'input').fill('Dee');
    await hook(widget, 'input').press('Enter');
    await expect
      .poll(() => messages(widget), { timeout: 20_000 })
      .toContain('And your work email, so we can follow up?');
    await hook(widget, 'input').fill('dee@example.com');
    await hook(widget, 'input').press('Enter');
    await expect.poll(() => hook(widget, 'queue').innerText(), { timeout: 20_000 }).toContain('number 2');
    await shot(widget, 'queue-widget');

    // The agents see who waits, in order.
    await alex.click('a.tab:has-text("Queue")');
    const rows = alex.locator('[data-tributary=queued]');
    await expect
      .poll(() => rows.allInnerTexts(), { timeout: 20_000 })
      .toEqual([expect.stringContaining('Cy'), expect.stringContaining('Dee')]);
    await shot(alex, 'queue-page');

    // Alex ends a chat: Cy, first in line, is offered to Alex; Dee moves up to 1.
    await alex.click('a.tab:has-text("Inbox")');
    await alex.click('[data-tributary=end-chat]');
    await alex.click('[data-tributary=confirm-end]');
    await alex.waitForSelector('[data-tributary=offer]:has-text("Cy")');
    await expect.poll(() => hook(widget, 'queue').innerText(), { timeout: 20_000 }).toContain('number 1');
    await alex.click('[data-tributary=accept]');
    await cy.next((m) => m.type === 'agentJoined');

    // Bea ends hers: Dee is offered at once and, accepted, leaves the queue for the live chat.
    await bea.click('[data-tributary=end-chat]');
    await bea.click('[data-tributary=confirm-end]');
    await bea.waitForSelector('[data-tributary=offer]:has-text("Dee")');
    await bea.click('[data-tributary=accept]');
    await expect.poll(() => hook(widget, 'queue').count(), { timeout: 20_000 }).toBe(0);
    await expect
      .poll(async () => (await widget.locator('tributary-widget .system').allInnerTexts()).join('|'), {
        timeout: 20_000,
      })
      .toContain('Bea Agent joined the chat');
    const log = await server.api('GET', `/api/routing/decisions?conversation=${cy.conversationId}`, {
      token: h.adminToken,
    });
    expect(log.body.map((d: any) => d.event)).toEqual(expect.arrayContaining(['queued', 'offered', 'connected']));
  });
});
