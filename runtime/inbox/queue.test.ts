import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { agentOnline, setSettings, shot } from './testing/harness.ts';
import { ScriptedVisitor } from './testing/visitor.ts';
import { startWidgetInbox, widgetHook as hook, type WidgetInbox } from './testing/withWidget.ts';

/**
 * The waiting queue in Chromium: both agents full, a widget visitor waits in line with a live position, moves up
 * when the one ahead is served, and is offered the moment an agent ends a chat.
 */
describe('the waiting queue, seen by the visitor and the agents', () => {
  let h: WidgetInbox;
  const visitors: ScriptedVisitor[] = [];

  beforeAll(async () => {
    h = await startWidgetInbox();
    await setSettings(h, { maxChatsPerAgent: 1, queue: { enabled: true, maxWaitSec: 600, maxLength: 50 } });
  });
  afterAll(async () => {
    for (const v of visitors) v.close();
    await h?.close();
  });

  const ask = async (firstName: string) => {
    const v = await ScriptedVisitor.askForAgent(h.server.base, { firstName, email: `${firstName}@example.com` });
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
    const widget = await h.visitor();
    await h.askForAgent(widget, { firstName: 'Dee', email: 'dee@example.com' });
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
    const log = await h.server.api('GET', `/api/routing/decisions?conversation=${cy.conversationId}`, {
      token: h.adminToken,
    });
    expect(log.body.map((d: any) => d.event)).toEqual(expect.arrayContaining(['queued', 'offered', 'connected']));
  });
});
