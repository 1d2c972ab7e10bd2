import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { agentOnline, startInbox, waitFor, type InboxHarness } from './testing/harness.ts';
import { ScriptedVisitor } from './testing/visitor.ts';

/** Where to keep screenshots of the transfer screens, when asked (`TRIBUTARY_SHOTS=dir`). */
const shots = process.env.TRIBUTARY_SHOTS;
const shot = async (p: Page, name: string) => {
  if (shots) await p.screenshot({ path: `${shots}/${name}.png` });
};

/** Two agents' inboxes in Chromium hand a visitor's chat over, with a note, and refuse what cannot go. */
describe('transfer between two inboxes', () => {
  let h: InboxHarness;
  let alex: Page;
  let bea: Page;
  const visitors: ScriptedVisitor[] = [];

  beforeAll(async () => {
    h = await startInbox();
    alex = (await agentOnline(h, 'agent@demo.test')).page;
    bea = (await agentOnline(h, 'agent2@demo.test')).page;
    // Bea steps away so that the visitor's chat goes to Alex.
    await bea.selectOption('[data-tributary=availability]', 'away');
    await waitFor(async () =>
      (await h.server.api('GET', '/api/agents', { token: h.adminToken })).body.some((a: any) => a.status === 'away'),
    );
  });

  /** Opens the transfer choice and picks the colleague or team whose option names `name`. */
  const choose = async (p: Page, name: string) => {
    await p.click('[data-tributary=transfer]');
    const option = p.locator('[data-tributary=transfer-target] option', { hasText: name });
    await option.waitFor({ state: 'attached' });
    await p.selectOption('[data-tributary=transfer-target]', (await option.getAttribute('value'))!);
  };
  afterAll(async () => {
    for (const v of visitors) v.close();
    await h?.close();
  });

  it('Alex hands Ada to Bea with a note: Bea sees it on the offer, the chat stays with Alex until she accepts', async () => {
    const ada = await ScriptedVisitor.askForAgent(h.server.base, { firstName: 'Ada', email: 'ada@example.com' });
    visitors.push(ada);
    await alex.waitForSelector('[data-tributary=offer]:has-text("Ada wants to chat")');
    await alex.click('[data-tributary=accept]');
    await ada.next((m) => m.type === 'agentJoined');

    // Bea is away: the transfer is refused with the reason, and nothing changes.
    await choose(alex, 'Bea Agent');
    await alex.click('[data-tributary=transfer-send]');
    const refused = alex.locator('[data-tributary=notice][data-kind=transferRefused]');
    await expect.poll(() => refused.textContent()).toMatch(/agent Bea Agent is not eligible \(away\)/);
    expect(await bea.locator('[data-tributary=offer]').count()).toBe(0);

    await bea.selectOption('[data-tributary=availability]', 'online');
    await expect
      .poll(async () =>
        (await h.server.api('GET', '/api/agents', { token: h.adminToken })).body.map((a: any) => a.status),
      )
      .toEqual(['online', 'online']);
    await choose(alex, 'Bea Agent');
    await shot(alex, 'transfer-choice');
    await alex.fill('[data-tributary=transfer-note]', 'Wants a quote for 40 seats');
    await alex.click('[data-tributary=transfer-send]');

    const offer = bea.locator('[data-tributary=offer]');
    await offer.waitFor();
    expect(await offer.textContent()).toContain('Alex Agent hands you a chat with Ada');
    expect(await offer.locator('[data-tributary=transfer-note]').textContent()).toContain('Wants a quote for 40 seats');
    await alex.waitForSelector('[data-tributary=transfer-pending]:has-text("Bea Agent")');
    await shot(alex, 'transfer-pending');
    await shot(bea, 'transfer-offer');

    // Still Alex's chat: Alex writes, Ada reads.
    await alex.click('[data-tributary=composer]');
    await alex.keyboard.type('Bea from sales will take it from here.');
    await alex.keyboard.press('Enter');
    expect((await ada.next((m) => m.type === 'agent')).agent.name).toBe('Alex Agent');

    await bea.click('[data-tributary=accept]');
    expect((await ada.next((m) => m.type === 'agentJoined' && m.agent.name === 'Bea Agent')).agent.name).toBe(
      'Bea Agent',
    );
    await bea.waitForSelector('[data-tributary=chat-view] [data-tributary=message]:has-text("take it from here")');
    await alex.waitForSelector('[data-tributary=notice][data-kind=transferAccepted]:has-text("Bea Agent")');
    expect(await alex.locator('[data-tributary=chat]').count()).toBe(0);
    await shot(bea, 'transfer-accepted');

    // Bea writes now; Ada hears Bea.
    await bea.click('[data-tributary=composer]');
    await bea.keyboard.type('Hi Ada, Bea here.');
    await bea.keyboard.press('Enter');
    expect((await ada.next((m) => m.type === 'agent' && m.text === 'Hi Ada, Bea here.')).agent.name).toBe('Bea Agent');
  });

  it('a declined transfer leaves the chat where it was and says so', async () => {
    // Bea holds Ada's chat now; she hands it back to Alex, who declines.
    await choose(bea, 'Alex Agent');
    await bea.click('[data-tributary=transfer-send]');
    await alex.waitForSelector('[data-tributary=offer]:has-text("Bea Agent hands you a chat")');
    await alex.click('[data-tributary=decline]');
    await bea.waitForSelector('[data-tributary=notice][data-kind=transferDeclined]:has-text("Alex Agent")');
    await bea.waitForSelector('[data-tributary=transfer-pending]', { state: 'detached' });
    expect(await bea.locator('[data-tributary=chat]').count()).toBe(1);
    expect(await bea.locator('[data-tributary=end-chat]').count()).toBe(1);
    await shot(bea, 'transfer-declined');
  });
});
