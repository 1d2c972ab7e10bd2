import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../../testing/chromium.ts';
import { bootServer, type TestServer } from '../server/testkit.ts';
import { signIn, type InboxHarness } from './testing/harness.ts';
import { inboxWithWidget } from './testing/withWidget.ts';

const shots = process.env.TRIBUTARY_SHOTS;
const shot = async (p: Page, name: string) => {
  if (shots) await p.screenshot({ path: `${shots}/${name}.png` });
};
const hook = (page: Page, name: string) => page.locator(`tributary-widget [data-tributary="${name}"]`);
const messages = (page: Page) => hook(page, 'message').allInnerTexts();

/**
 * A missed chat end to end: the real widget in Chromium asks for a person while nobody is available, leaves a
 * message after the fallback (giving an email first), and an agent claims it in the inbox's Missed list.
 */
describe('a missed chat, followed up', () => {
  let root: Awaited<ReturnType<typeof inboxWithWidget>>;
  let server: TestServer;
  let browser: Browser;

  beforeAll(async () => {
    root = await inboxWithWidget();
    server = await bootServer({ root: root.root });
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
    root?.remove();
  });

  it('keeps the widget open for a message after the fallback, and an agent claims it in the Missed list', async () => {
    const admin = await server.login('admin@demo.test');
    // Alex watches the Missed list before anything is missed: the row comes through the agent socket.
    const { page: alex } = await signIn({ server, browser } as InboxHarness, 'agent@demo.test');
    await alex.click('a.tab:has-text("Missed")');
    await alex.locator('.missed-empty').waitFor();
    // The demo stream captures the email before the hand-off: the widget asks for the message only.
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
    await hook(visitor, 'input').fill('ada@northwind.example');
    await hook(visitor, 'input').press('Enter');

    // Nobody is available (the demo's agents start offline): the fallback, and the box stays open.
    const fallback =
      'Sorry, nobody is available to chat right now. Leave us a message here and we will get back to you by email.';
    await expect.poll(() => messages(visitor), { timeout: 20_000 }).toContain(fallback);
    await expect.poll(() => hook(visitor, 'input').isEnabled()).toBe(true);
    expect(await hook(visitor, 'input').getAttribute('placeholder')).toBe('Leave us a message…');
    // A reload before the message keeps the conversation and the box.
    await visitor.reload();
    await expect.poll(() => messages(visitor), { timeout: 20_000 }).toContain(fallback);
    await expect.poll(() => hook(visitor, 'input').isEnabled(), { timeout: 20_000 }).toBe(true);
    expect(await hook(visitor, 'input').getAttribute('placeholder')).toBe('Leave us a message…');
    await hook(visitor, 'input').fill('Please call me back about pricing for 40 seats.');
    await hook(visitor, 'input').press('Enter');
    await expect
      .poll(() => visitor.locator('tributary-widget [data-tributary="missed-message"]').innerText(), {
        timeout: 20_000,
      })
      .toContain('Thanks! We got your message and will reply by email.');
    await shot(visitor, 'missed-widget');

    // The missed chat is a routing decision with its why.
    const missed = (await server.api('GET', '/api/missed', { token: admin })).body;
    expect(missed).toHaveLength(1);
    expect(missed[0]).toMatchObject({
      visitorName: 'Ada',
      email: 'ada@northwind.example',
      reason: 'no-eligible-agent',
      message: 'Please call me back about pricing for 40 seats.',
      claimedBy: null,
    });
    expect(missed[0].why).toMatch(/no eligible agent|offline/);

    // The row and the message reached Alex's open list (its own look comes every 60 s only); Alex claims it, and Bea
    // then cannot.
    const row = alex.locator('[data-tributary=missed]');
    await expect
      .poll(() => row.textContent(), { timeout: 30_000 })
      .toContain('Please call me back about pricing for 40 seats.');
    expect(await row.textContent()).toContain('no eligible agent');
    await shot(alex, 'missed-list');
    await row.locator('[data-tributary=claim]').click();
    await row.locator('[data-tributary=claimed-by]:has-text("Claimed by you")').waitFor();
    const reply = await row.locator('[data-tributary=reply-email]').getAttribute('href');
    expect(reply).toMatch(/^mailto:ada%40northwind\.example\?subject=/);
    expect(decodeURIComponent(reply!)).toContain('> Please call me back about pricing for 40 seats.');
    await row.locator('[data-tributary=missed-reply]').fill('Hi Ada, 40 seats come to 1,600 EUR a month.');
    await row.locator('[data-tributary=missed-send]').click();
    await row.locator('[data-tributary=missed-sent]:has-text("ada@northwind.example")').waitFor();
    await row.locator('[data-tributary=missed-answered]:has-text("Answered by you")').waitFor();
    await shot(alex, 'missed-replied');
    await alex.click('[data-tributary=missed] a:has-text("Transcript")');
    await alex.waitForSelector('text=Please call me back about pricing', { state: 'detached' }).catch(() => {});
    await expect
      .poll(() => alex.locator('body').innerText())
      .toContain('Would you like to talk to someone from sales?');
    await alex.goBack();
    await alex.click('[role=tab]:has-text("All")');
    await row.waitFor();
    // The reply is recorded: the list says who answered, after a reload too.
    await row.locator('[data-tributary=missed-answered]:has-text("Answered by you")').waitFor();
    await shot(alex, 'missed-claimed');

    const bea = await server.login('agent2@demo.test');
    const id = missed[0].conversationId;
    const taken = await server.api('POST', `/api/missed/${id}/claim`, { token: bea });
    expect(taken.status).toBe(409);
    expect(taken.body.error.message).toMatch(/Alex Agent follows this missed chat up already/);
    expect((await server.api('POST', '/api/missed/c_nope/claim', { token: bea })).status).toBe(404);
    // Only the claimer replies.
    const notMine = await server.api('POST', `/api/missed/${id}/reply`, { token: bea, body: { text: 'hi' } });
    expect(notMine.status).toBe(409);
    const [answered] = (await server.api('GET', '/api/missed', { token: bea })).body;
    expect(answered).toMatchObject({ conversationId: id, answeredBy: { name: 'Alex Agent' } });
    expect(answered.answeredAt).toBeGreaterThan(0);
  });
});
