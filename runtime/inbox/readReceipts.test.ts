import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { agentOnline, shot } from './testing/harness.ts';
import {
  startWidgetInbox,
  widgetHook as hook,
  widgetMessages as messages,
  type WidgetInbox,
} from './testing/withWidget.ts';

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
  let h: WidgetInbox;

  beforeAll(async () => {
    h = await startWidgetInbox();
  });
  afterAll(async () => {
    await h?.close();
  });

  it('marks agent messages read while the panel is open and the page visible', async () => {
    const { page: agent } = await agentOnline(h, 'agent@demo.test');
    const visitor = await h.visitor();
    await h.askForAgent(visitor, { firstName: 'Ada', email: 'ada@example.com' });

    await agent.click('[data-tributary=accept]', { timeout: 20_000 });
    await agent.click('[data-tributary=composer]');
    await agent.keyboard.type('Hi Ada, how can I help?');
    await agent.keyboard.press('Enter');
    await expect.poll(() => messages(visitor), { timeout: 20_000 }).toContain('Hi Ada, how can I help?');
    await expect
      .poll(() => agent.locator('[data-tributary=receipt]').getAttribute('data-state'), { timeout: 20_000 })
      .toBe('read');
    await shot(agent, 'inbox-receipt-read');

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
