import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { walkDemo } from '../server/results/test/visitor.ts';
import { agentOnline, signIn, startInbox, type InboxHarness } from './testing/harness.ts';
import { ScriptedVisitor } from './testing/visitor.ts';

const SHOTS = process.env.TRIBUTARY_SHOTS;

/** The admin console's results pages in Chromium, on a real runtime with real conversations. */
describe('results in the admin console', () => {
  let h: InboxHarness;
  const visitors: ScriptedVisitor[] = [];

  beforeAll(async () => {
    h = await startInbox();
    const ws = h.server.base.replace(/^http/, 'ws');
    (await walkDemo(ws, ['no'], 'ended')).close();
    (await walkDemo(ws, ['no'], 'ended')).close();
    // Nobody online yet: a missed live chat.
    (await walkDemo(ws, ['yes', 'Cy', 'cy@example.com'], 'fallback')).close();
    // Alex is online and accepts Ada's chat in the inbox.
    const { context } = await agentOnline(h, 'agent@demo.test');
    const ada = await ScriptedVisitor.askForAgent(h.server.base, { firstName: 'Ada', email: 'ada@example.com' });
    visitors.push(ada);
    await context.pages()[0].click('[data-tributary=accept]');
    await ada.next((m) => m.type === 'agentJoined');
    await context.close();
  }, 240_000);
  afterAll(async () => {
    for (const v of visitors) v.close();
    await h?.close();
  });

  it('draws the dashboard charts from the counts: conversations and goals per stream, live chats per agent', async () => {
    const { page, context } = await signIn(h, 'admin@demo.test');
    await page.goto(`${h.server.base}/inbox/admin/dashboard`);
    await page.waitForSelector('[data-tributary=dashboard-streams] tbody tr td');
    await page.selectOption('[data-tributary=dashboard-range]', '7');
    // Three uPlot charts, each drawn on a canvas with a point per day and one legend entry per series.
    const charts = page.locator('[data-tributary=chart]');
    await expect.poll(() => charts.count()).toBe(3);
    for (let i = 0; i < 3; i++) {
      await expect.poll(() => charts.nth(i).getAttribute('data-points')).toBe('7');
      expect(await charts.nth(i).locator('.uplot canvas').count()).toBe(1);
      expect(await charts.nth(i).locator('.u-legend .u-series').count()).toBeGreaterThan(2);
    }
    // What the charts draw, as totals: 4 conversations of the demo, 2 goals, 2 requests of which Alex took 1.
    const demoRow = page.locator('[data-tributary=dashboard-streams] tbody tr', { hasText: 'Demo' });
    expect((await demoRow.locator('td').allInnerTexts()).slice(1)).toEqual(['4', '4', '2', '2', '50%', '2', '1']);
    const alexRow = page.locator('[data-tributary=dashboard-agents] tbody tr', { hasText: 'Alex Agent' });
    const alex = await alexRow.locator('td').allInnerTexts();
    expect(alex.slice(1, 4)).toEqual(['1', '1', '0']);
    expect(alex[4]).toMatch(/^≤ \d+ s$/);
    // Hovering today's point shows its values in the legend (the charts hold the numbers, not just axes).
    const plot = charts.nth(0).locator('.u-over');
    const box = (await plot.boundingBox())!;
    await page.mouse.move(box.x + box.width - 1, box.y + box.height / 2);
    await expect.poll(() => charts.nth(0).locator('.u-legend .u-series').nth(1).innerText()).toMatch(/Started\s*4/);
    if (SHOTS) await page.screenshot({ path: `${SHOTS}/dashboard.png`, fullPage: true });
    await context.close();
  }, 120_000);
});
