import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventsOf, eventually, hook, messages, recordEvents, widgetWorld, type WidgetWorld } from './testkit.ts';

/**
 * A conversation outlives the page: reloads, navigations to pages no dialogue targets, network drops (SPEC §6).
 * The pages are a customer's site on another origin (`w.site`), embedding the widget from the runtime.
 */
let w: WidgetWorld;
beforeAll(async () => {
  w = await widgetWorld();
});
afterAll(() => w?.close());

async function freshVisitor(): Promise<{ context: BrowserContext; page: Page }> {
  const context = await w.browser.newContext();
  await recordEvents(context);
  const page = await context.newPage();
  return { context, page };
}

const names = async (page: Page) => (await eventsOf(page)).map((e) => e.name);
const START = [
  'Hi there! Welcome to the demo.',
  'Would you like to talk to someone from sales?',
  'Yes',
  "Great! What's your first name?",
];

describe('continuity', () => {
  it('a reload, then a navigation to another page, continue the conversation where it was', async () => {
    const { context, page } = await freshVisitor();
    await page.goto(`${w.site}/demo`);
    await hook(page, 'launcher').click();
    await hook(page, 'answer').filter({ hasText: 'Yes' }).click();
    await eventually(() => messages(page)).toEqual(START);

    await page.reload();
    await eventually(() => messages(page)).toEqual(START);
    expect(await hook(page, 'launcher').getAttribute('aria-expanded')).toBe('true');
    await hook(page, 'input').fill('Ada');
    await hook(page, 'input').press('Enter');
    await eventually(() => messages(page)).toContain('And your work email, so we can follow up?');
    // Nothing fires twice: the reload neither triggers nor engages again.
    expect(await names(page)).toEqual(['ready']);

    await page.goto(`${w.site}/pricing`);
    await eventually(() => messages(page)).toEqual([...START, 'Ada', 'And your work email, so we can follow up?']);
    await hook(page, 'input').fill('ada@northwind.example');
    await hook(page, 'input').press('Enter');
    await eventually(() => names(page)).toContain('emailCaptured');
    await context.close();
  });

  it('a closed panel stays closed on the next page, and the conversation is still there when reopened', async () => {
    const { context, page } = await freshVisitor();
    await page.goto(`${w.site}/demo`);
    await hook(page, 'launcher').click();
    await hook(page, 'answer').filter({ hasText: 'Yes' }).click();
    await eventually(() => messages(page)).toEqual(START);
    await page.keyboard.press('Escape');
    expect(await hook(page, 'launcher').getAttribute('aria-expanded')).toBe('false');
    expect(await names(page)).toEqual(['ready', 'triggered', 'engaged', 'closed']);
    await page.goto(`${w.site}/pricing`);
    await eventually(() => names(page)).toEqual(['ready']);
    await eventually(() => hook(page, 'launcher').isVisible()).toBe(true);
    expect(await hook(page, 'message').count()).toBe(0);
    await hook(page, 'launcher').click();
    await eventually(() => messages(page)).toEqual(START);
    await context.close();
  });

  it('a completed dialogue is not shown again on the next visit', async () => {
    const { context, page } = await freshVisitor();
    await page.goto(`${w.site}/demo`);
    await hook(page, 'launcher').click();
    await hook(page, 'answer').filter({ hasText: 'No thanks' }).click();
    await eventually(() => names(page)).toContain('completed');
    await page.reload();
    await eventually(() => names(page)).toEqual(['ready']);
    expect(await hook(page, 'launcher').isVisible()).toBe(false);
    expect(await hook(page, 'message').count()).toBe(0);
    // Not even when the browser forgot it: the runtime knows this visitor completed it.
    await page.evaluate(() => {
      const key = 'tributary:demo';
      const saved = JSON.parse(localStorage.getItem(key) ?? '{}');
      localStorage.setItem(key, JSON.stringify({ token: saved.token }));
    });
    await page.reload();
    await eventually(() => names(page)).toEqual(['ready']);
    expect(await hook(page, 'launcher').isVisible()).toBe(false);
    await context.close();
  });

  it('reconnects after the network drops, and sends what the visitor typed meanwhile, once', async () => {
    const { context, page } = await freshVisitor();
    await page.goto(`${w.site}/demo?proxy`);
    await hook(page, 'launcher').click();
    await hook(page, 'answer').filter({ hasText: 'Yes' }).click();
    await eventually(() => messages(page)).toEqual(START);
    const banner = page.locator('tributary-widget .banner');
    w.network.cut();
    await eventually(() => banner.count()).toBe(1);
    expect(await banner.innerText()).toBe('Connection lost. Reconnecting…');
    await hook(page, 'input').fill('Ada');
    await hook(page, 'input').press('Enter');
    expect(await messages(page)).toEqual([...START, 'Ada']);
    w.network.restore();
    await eventually(() => messages(page)).toContain('And your work email, so we can follow up?');
    expect(await banner.count()).toBe(0);
    // Stored once, although it may have been sent again after the reconnect.
    await page.reload();
    await eventually(() => messages(page)).toEqual([...START, 'Ada', 'And your work email, so we can follow up?']);
    await context.close();
  });
});
