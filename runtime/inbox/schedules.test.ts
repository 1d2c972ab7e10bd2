import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signIn, startInbox, type InboxHarness } from './testing/harness.ts';

const shots = process.env.TRIBUTARY_SHOTS;
const shot = async (p: Page, name: string) => {
  if (shots) await p.screenshot({ path: `${shots}/${name}.png`, fullPage: true });
};

/**
 * The Schedules screen in Chromium: an agent sets their weekly blocks in their time zone, an admin sets another
 * agent's and the workspace's business hours and away message (in Korean); the server's 400s show next to the
 * field they name, and nothing is saved until they are fixed.
 */
describe('the schedules screen', () => {
  let h: InboxHarness;
  beforeAll(async () => {
    h = await startInbox();
  });
  afterAll(async () => {
    await h?.close();
  });

  const userId = async (email: string) =>
    ((await h.server.api('GET', '/api/users', { token: h.adminToken })).body as { id: string; email: string }[]).find(
      (u) => u.email === email,
    )!.id;

  it('lets an agent set weekly blocks, showing an unknown time zone and an overlap next to their fields', async () => {
    const { page, context } = await signIn(h, 'agent@demo.test');
    await page.click('a.tab:has-text("Schedules")');
    const form = page.locator('[data-tributary=agent-schedule]');
    await form.locator('[data-tributary=schedule-on]').check();
    await form.locator('[data-tributary=schedule-timezone]').fill('Mars/Olympus');
    await form.locator('[data-tributary=schedule-add]').click();
    await form.locator('[data-tributary=schedule-add]').click();
    await form.locator('[data-tributary=save-schedule]').click();
    const tzError = form.locator('.schedule-editor > .field [data-tributary=field-error]');
    await expect.poll(() => tzError.innerText()).toBe('Unknown time zone: use a name such as Europe/Berlin.');

    await form.locator('[data-tributary=schedule-timezone]').fill('Europe/Berlin');
    // The second block on Monday too, overlapping the first.
    const second = form.locator('[data-tributary=schedule-block]').nth(1);
    await second.locator('select').selectOption('mon');
    await second.locator('input').first().fill('16:00');
    await second.locator('input').nth(1).fill('20:00');
    await form.locator('[data-tributary=save-schedule]').click();
    await expect.poll(() => second.locator('[data-tributary=field-error]').innerText()).toBe('Overlaps block 1.');
    expect(await tzError.count()).toBe(0);
    await shot(page, 'schedules-agent-error');
    const id = await userId('agent@demo.test');
    expect((await h.server.api('GET', `/api/users/${id}/schedule`, { token: h.adminToken })).body).toBeNull();

    await second.locator('input').first().fill('17:00');
    await form.locator('[data-tributary=save-schedule]').click();
    await form.locator('.chip-ok').waitFor();
    expect((await h.server.api('GET', `/api/users/${id}/schedule`, { token: h.adminToken })).body).toEqual({
      timeZone: 'Europe/Berlin',
      blocks: [
        { day: 'mon', from: '09:00', to: '17:00' },
        { day: 'mon', from: '17:00', to: '20:00' },
      ],
    });
    // An agent sees no business hours (an admin's).
    expect(await page.locator('[data-tributary=business-hours]').count()).toBe(0);
    await shot(page, 'schedules-agent');
    await context.close();
  });

  it("lets an admin set another agent's schedule and the business hours with the away message, in Korean", async () => {
    const { page, context } = await signIn(h, 'admin@demo.test', { locale: 'ko-KR' });
    await page.click('a.tab:has-text("근무 일정")');
    const agent2 = await userId('agent2@demo.test');
    await page.selectOption('[data-tributary=schedule-agent]', agent2);
    const form = page.locator('[data-tributary=agent-schedule]');
    await form.locator('[data-tributary=schedule-on]').check();
    await form.locator('[data-tributary=schedule-timezone]').fill('Asia/Seoul');
    await form.locator('[data-tributary=schedule-add]').click();
    await form.locator('[data-tributary=save-schedule]').click();
    await form.locator('.chip-ok').waitFor();
    expect((await h.server.api('GET', `/api/users/${agent2}/schedule`, { token: h.adminToken })).body).toEqual({
      timeZone: 'Asia/Seoul',
      blocks: [{ day: 'mon', from: '09:00', to: '17:00' }],
    });

    const hours = page.locator('[data-tributary=business-hours]');
    await hours.locator('[data-tributary=business-hours-on]').check();
    await hours.locator('[data-tributary=schedule-timezone]').fill('Asia/Seoul');
    await hours.locator('[data-tributary=schedule-add]').click();
    const block = hours.locator('[data-tributary=schedule-block]').first();
    await block.locator('input').first().fill('18:00');
    await block.locator('input').nth(1).fill('09:00');
    await hours.locator('[data-tributary=away-message]').fill('지금은 부재중입니다. 메시지를 남겨 주세요.');
    await hours.locator('[data-tributary=save-business-hours]').click();
    await expect
      .poll(() => block.locator('[data-tributary=field-error]').innerText())
      .toBe('종료: 시작보다 늦어야 합니다');
    await shot(page, 'schedules-admin-error');
    await block.locator('input').first().fill('09:00');
    await block.locator('input').nth(1).fill('18:00');
    await hours.locator('[data-tributary=save-business-hours]').click();
    await hours.locator('.chip-ok').waitFor();
    const settings = (await h.server.api('GET', '/api/settings', { token: h.adminToken })).body;
    expect(settings.businessHours).toEqual({
      timeZone: 'Asia/Seoul',
      blocks: [{ day: 'mon', from: '09:00', to: '18:00' }],
    });
    expect(settings.awayMessage).toBe('지금은 부재중입니다. 메시지를 남겨 주세요.');
    await shot(page, 'schedules-admin');
    // Business hours off again: the workspace takes requests at any time.
    await hours.locator('[data-tributary=business-hours-on]').uncheck();
    await hours.locator('[data-tributary=save-business-hours]').click();
    await expect
      .poll(async () => (await h.server.api('GET', '/api/settings', { token: h.adminToken })).body.businessHours)
      .toBeNull();
    await context.close();
  });
});
