import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { agentOnline, setSettings, startInbox, type InboxHarness } from './testing/harness.ts';
import { ScriptedVisitor } from './testing/visitor.ts';

/** Screenshots land in SHOTS_DIR when set (to look at), else nowhere. */
const shotPath = (name: string) => (process.env.SHOTS_DIR ? `${process.env.SHOTS_DIR}/${name}` : undefined);

/**
 * Two agents in Chromium, visitors speaking the real visitor protocol: round robin offers, accept, chat both ways
 * with typing and delivery state, capacity, and offers that lapse or are declined.
 */
describe('live chat in the inbox', () => {
  let h: InboxHarness;
  let alex: Page;
  let bea: Page;
  const visitors: ScriptedVisitor[] = [];
  const ask = async (firstName: string) => {
    const v = await ScriptedVisitor.askForAgent(h.server.base, {
      firstName,
      email: `${firstName.toLowerCase()}@example.com`,
    });
    visitors.push(v);
    return v;
  };
  const offers = (p: Page) => p.locator('[data-tributary=offer]');

  beforeAll(async () => {
    h = await startInbox();
    alex = (await agentOnline(h, 'agent@demo.test')).page;
    bea = (await agentOnline(h, 'agent2@demo.test')).page;
  });
  afterAll(async () => {
    for (const v of visitors) v.close();
    await h?.close();
  });

  it('offers visitors round robin, and an accepted chat runs both ways with typing and delivery state', async () => {
    const ada = await ask('Ada');
    const first = await Promise.race([
      alex.waitForSelector('[data-tributary=offer]').then(() => alex),
      bea.waitForSelector('[data-tributary=offer]').then(() => bea),
    ]);
    const second = first === alex ? bea : alex;
    await expect.poll(() => offers(first).textContent()).toContain('Ada wants to chat');
    expect(await offers(second).count()).toBe(0);

    const bo = await ask('Bo');
    await second.waitForSelector('[data-tributary=offer]:has-text("Bo wants to chat")');
    expect(await offers(first).count()).toBe(1);

    await first.click('[data-tributary=accept]');
    const joined = await ada.next((m) => m.type === 'agentJoined');
    expect(['Alex Agent', 'Bea Agent']).toContain(joined.agent.name);
    await second.click('[data-tributary=accept]');
    await bo.next((m) => m.type === 'agentJoined');
    await first.waitForSelector('[data-tributary=chat]');
    expect(await offers(first).count()).toBe(0);

    // The bot part of the conversation and the captured profile are there before anyone writes.
    await first.waitForSelector(
      '[data-tributary=transcript] [data-tributary=message]:has-text("Would you like to talk to someone from sales?")',
    );
    expect(await first.locator('[data-tributary=profile]').textContent()).toContain('ada@example.com');

    // Visitor → agent, rendered as text.
    ada.say('Hi! <img src=x onerror=alert(1)> Do you ship to Norway?');
    const incoming = first.locator('[data-tributary=message]', { hasText: 'Do you ship to Norway?' });
    await incoming.waitFor();
    expect(await incoming.textContent()).toBe('Hi! <img src=x onerror=alert(1)> Do you ship to Norway?');
    expect(await first.locator('.bubble img').count()).toBe(0);

    // Agent → visitor: typing, then Enter sends; the visitor sees both.
    await first.click('[data-tributary=composer]');
    await first.keyboard.type('We do!');
    expect((await ada.next((m) => m.type === 'typing' && m.on === true)).on).toBe(true);
    await first.keyboard.press('Enter');
    const reply = await ada.next((m) => m.type === 'agent');
    expect(reply.text).toBe('We do!');
    await expect
      .poll(() => first.locator('[data-tributary=delivery]').last().getAttribute('data-state'))
      .toMatch(/^(sent|delivered|read)$/);

    // Visitor typing shows in the chat and in the list, and goes away with the message.
    ada.typing(true);
    await first.waitForSelector('[data-tributary=typing]');
    ada.say('Great, thanks');
    await first.waitForSelector('[data-tributary=message]:has-text("Great, thanks")');
    await first.waitForSelector('[data-tributary=typing]', { state: 'detached' });

    // An internal note: shown to the agent as a note, never sent to the visitor.
    await first.click('[data-tributary=note]');
    await first.click('[data-tributary=composer]');
    await first.keyboard.type('Ships to Norway: check the Oslo warehouse');
    await first.keyboard.press('Enter');
    await first.waitForSelector('[data-tributary=message][data-note]:has-text("Oslo warehouse")');
    await first.click('[data-tributary=note]');
    await first.click('[data-tributary=composer]');
    await first.keyboard.type('Anything else?');
    await first.keyboard.press('Enter');
    await ada.next((m) => m.type === 'agent' && m.text === 'Anything else?');
    expect(JSON.stringify(ada.received)).not.toContain('Oslo warehouse');
    // The receipt under the latest message is the visitor's message, not the note.
    await expect
      .poll(() => first.locator('[data-tributary=receipt]').getAttribute('data-state'))
      .toMatch(/^(sent|delivered|read)$/);
    await first.screenshot({ path: shotPath('inbox-note.png') });

    // Ending the chat asks first, then tells the visitor; the chat says it ended once.
    await first.click('[data-tributary=end-chat]');
    await first.screenshot({ path: shotPath('inbox-end-confirm.png') });
    await first.click('[data-tributary=confirm-end]');
    const ended = await ada.next((m) => m.type === 'chatEnded');
    expect(ended.by).toBe('agent');
    await first.waitForSelector('[data-tributary=close-chat]');
    const view = first.locator('[data-tributary=chat-view]');
    await expect.poll(() => view.locator('.ended-note').count()).toBe(1);
    expect(await view.locator('.sys-line', { hasText: /ended the chat|Conversation closed/ }).count()).toBe(0);
    await first.screenshot({ path: shotPath('inbox-ended.png') });
  });

  it('gives no offer to an agent at capacity; with everyone full the visitor gets the fallback', async () => {
    await setSettings(h, { maxChatsPerAgent: 1 });
    // One agent holds Bo's chat (1 of 1); the other has none open, so the next visitor must go there.
    const holder =
      (await alex.locator('[data-tributary=chat-view] [data-tributary=end-chat]').count()) > 0 ? alex : bea;
    const free = holder === alex ? bea : alex;
    const cy = await ask('Cy');
    await free.waitForSelector('[data-tributary=offer]:has-text("Cy wants to chat")');
    expect(await offers(holder).count()).toBe(0);
    await free.click('[data-tributary=accept]');
    await cy.next((m) => m.type === 'agentJoined');

    const di = await ask('Di');
    const fallback = await di.next((m) => m.type === 'fallback');
    expect(fallback.reason).toBe('no-eligible-agent');
    expect(await offers(alex).count()).toBe(0);
    expect(await offers(bea).count()).toBe(0);
    const log = await h.server.api('GET', `/api/routing/decisions?visitor=${di.visitorId}`, { token: h.adminToken });
    expect(log.body[0].why).toMatch(/capacity|1\/1/);
  });

  it('lets an unanswered offer lapse at the deadline, and treats a decline the same: the visitor gets the fallback', async () => {
    for (const p of [alex, bea]) {
      while ((await p.locator('[data-tributary=end-chat]').count()) > 0) {
        await p.locator('[data-tributary=end-chat]').first().click();
        await p.click('[data-tributary=confirm-end]');
        await p.waitForSelector('[data-tributary=close-chat]');
      }
    }
    await setSettings(h, {
      maxChatsPerAgent: 10,
      acceptTimeoutSec: 5,
      fallbackMessage: 'Nobody is free right now. We will email you.',
    });
    await bea.selectOption('[data-tributary=availability]', 'away');
    await expect
      .poll(
        async () =>
          (await h.server.api('GET', '/api/agents', { token: h.adminToken })).body.find(
            (a: any) => a.email === 'agent2@demo.test',
          ).status,
      )
      .toBe('away');

    const ed = await ask('Ed');
    await alex.waitForSelector('[data-tributary=offer]:has-text("Ed wants to chat")');
    const countdown = Number((await alex.locator('[data-tributary=countdown]').textContent())?.match(/\d+/)?.[0]);
    expect(countdown).toBeGreaterThan(0);
    expect(countdown).toBeLessThanOrEqual(5);
    const fallback = await ed.next((m) => m.type === 'fallback');
    expect(fallback).toMatchObject({ reason: 'accept-timeout', text: 'Nobody is free right now. We will email you.' });
    await alex.waitForSelector('[data-tributary=offer]', { state: 'detached' });
    expect(await alex.locator('[data-tributary=notice][data-kind=offerLapsed]').textContent()).toContain('Ed');

    const flo = await ask('Flo');
    await alex.waitForSelector('[data-tributary=offer]:has-text("Flo wants to chat")');
    await alex.click('[data-tributary=decline]');
    expect((await flo.next((m) => m.type === 'fallback')).reason).toBe('accept-timeout');
    expect(await offers(alex).count()).toBe(0);
  });
});
