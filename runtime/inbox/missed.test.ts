import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { shot, signIn } from './testing/harness.ts';
import {
  startWidgetInbox,
  widgetHook as hook,
  widgetMessages as messages,
  type WidgetInbox,
} from './testing/withWidget.ts';

/**
 * A missed chat end to end: the real widget in Chromium asks for a person while nobody is available, leaves a
 * message after the fallback (giving an email first), and an agent claims it in the inbox's Missed list.
 */
describe('a missed chat, followed up', () => {
  let h: WidgetInbox;

  beforeAll(async () => {
    h = await startWidgetInbox();
  });
  afterAll(async () => {
    await h?.close();
  });

  it('keeps the widget open for a message after the fallback, and an agent claims it in the Missed list', async () => {
    const { server, adminToken: admin } = h;
    // Alex watches the Missed list before anything is missed: the row comes through the agent socket.
    const { page: alex } = await signIn(h, 'agent@demo.test');
    await alex.click('a.tab:has-text("Missed")');
    await alex.locator('.missed-empty').waitFor();
    // The demo stream captures the email before the hand-off: the widget asks for the message only.
    const visitor = await h.visitor();
    await h.askForAgent(visitor, { firstName: 'Ada', email: 'ada@northwind.example' });

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
