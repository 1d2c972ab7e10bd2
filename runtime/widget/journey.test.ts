import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hook, messages, widgetWorld, type WidgetWorld } from './testkit.ts';

let w: WidgetWorld;
beforeAll(async () => {
  w = await widgetWorld();
});
afterAll(() => w?.close());

describe('the demo journey', () => {
  it('runs the bot branch ("No thanks") to the end', async () => {
    const page = await w.browser.newPage();
    page.on('console', (m) => console.log('console:', m.text()));
    page.on('pageerror', (e) => console.log('pageerror:', e.message));
    await page.goto(`${w.base}/demo`);
    await hook(page, 'launcher').click();
    await hook(page, 'answer').filter({ hasText: 'No thanks' }).click();
    await expect.poll(() => messages(page), { timeout: 15_000 }).toContain('No problem. Have a look around!');
    console.log(await messages(page));
    await page.close();
  });
});
