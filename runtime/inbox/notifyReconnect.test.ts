import type { WebSocketRoute } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { agentOnline, signIn, startInbox, type InboxHarness } from './testing/harness.ts';
import { ScriptedVisitor } from './testing/visitor.ts';
import { CLOSE } from '../../shared/protocol/closeCodes.ts';

/**
 * Records every Notification the page creates (the real one is still shown), and lets the test put the tab in the
 * background: headless Chromium's tabs are always visible and focused otherwise.
 */
const RECORD_NOTIFICATIONS = () => {
  const w = window as any;
  w.__notes = [];
  w.__permissionAsked = 0;
  const Real = window.Notification;
  class Recording extends Real {
    constructor(title: string, opts?: NotificationOptions) {
      w.__notes.push({ title, body: opts?.body, tag: opts?.tag });
      super(title, opts);
      w.__lastNote = this;
    }
    static override requestPermission(...args: any[]) {
      w.__permissionAsked++;
      return (Real.requestPermission as any)(...args);
    }
    static override get permission() {
      return Real.permission;
    }
  }
  w.Notification = Recording;
  w.__beeps = 0;
  const osc = AudioContext.prototype.createOscillator;
  AudioContext.prototype.createOscillator = function (this: AudioContext) {
    w.__beeps++;
    return osc.call(this);
  };
  Object.defineProperty(document, 'visibilityState', { get: () => (w.__hidden ? 'hidden' : 'visible') });
  document.hasFocus = () => !w.__hidden;
};

describe('notifications and reconnects', () => {
  let h: InboxHarness;
  const visitors: ScriptedVisitor[] = [];
  const ask = async (firstName: string) => {
    const v = await ScriptedVisitor.askForAgent(h.server.base, {
      firstName,
      email: `${firstName.toLowerCase()}@example.com`,
    });
    visitors.push(v);
    return v;
  };

  beforeAll(async () => {
    h = await startInbox();
  });
  afterAll(async () => {
    for (const v of visitors) v.close();
    await h?.close();
  });

  it('asks for notification permission with a banner until the agent decides', async () => {
    const context = await h.browser.newContext();
    await context.addInitScript(RECORD_NOTIFICATIONS);
    const { page } = await signIn(h, 'agent2@demo.test', { context });
    const banner = page.locator('[data-tributary=notify-banner]');
    expect(await banner.textContent()).toContain('Enable browser notifications to receive live chat notifications.');
    await page.click('[data-tributary=notify-enable]');
    await expect.poll(() => page.evaluate(() => (window as any).__permissionAsked)).toBe(1);
    await context.close();
  });

  it('rings and raises a browser notification for an offer when the tab is in the background; a click brings the offer forward', async () => {
    const context = await h.browser.newContext();
    await context.grantPermissions(['notifications'], { origin: h.server.base });
    await context.addInitScript(RECORD_NOTIFICATIONS);
    const { page } = await agentOnline(h, 'agent@demo.test', { context });
    expect(await page.locator('[data-tributary=notify-banner]').count()).toBe(0);

    await page.evaluate(() => ((window as any).__hidden = true));
    const ada = await ask('Ada');
    await page.waitForSelector('[data-tributary=offer]');
    await expect.poll(() => page.evaluate(() => (window as any).__notes.length)).toBe(1);
    const [note] = await page.evaluate(() => (window as any).__notes);
    expect(note.title).toBe('New live chat');
    expect(note.body).toContain('Ada');
    expect(await page.evaluate(() => (window as any).__beeps)).toBeGreaterThan(0);

    await page.evaluate(() => {
      (window as any).__hidden = false;
      (window as any).__lastNote.onclick();
    });
    await expect
      .poll(() => page.evaluate(() => (document.activeElement as HTMLElement | null)?.dataset.tributary))
      .toBe('accept');
    await page.keyboard.press('Enter');
    await ada.next((m) => m.type === 'agentJoined');

    // A visitor message while the agent looks elsewhere raises one too; its click opens that chat.
    await page.evaluate(() => ((window as any).__hidden = true));
    ada.say('Are you there?');
    await expect.poll(() => page.evaluate(() => (window as any).__notes.length)).toBe(2);
    const second = (await page.evaluate(() => (window as any).__notes))[1];
    expect(second).toMatchObject({ title: 'New message from Ada', body: 'Are you there?' });
    await page.evaluate(() => ((window as any).__hidden = false));
    await context.close();
  });

  it('reconnects after a dropped connection, keeps the chats and sends what was typed meanwhile', async () => {
    const context = await h.browser.newContext();
    const routes: WebSocketRoute[] = [];
    let blocked = false;
    await context.routeWebSocket(/\/ws\/agent/, (ws) => {
      if (blocked) return ws.close({ code: CLOSE.serverError, reason: 'network down' });
      ws.connectToServer();
      routes.push(ws);
    });
    const { page } = await agentOnline(h, 'agent2@demo.test', { context });
    const bo = await ask('Bo');
    await page.click('[data-tributary=accept]');
    await bo.next((m) => m.type === 'agentJoined');
    await page.waitForSelector('[data-tributary=chat]:has-text("Bo")');

    blocked = true;
    for (const r of routes.splice(0)) await r.close({ code: CLOSE.serverError, reason: 'network down' });
    await page.waitForSelector('[data-tributary=connection][data-state=reconnecting]');
    await page.fill('[data-tributary=composer]', 'Sorry, my connection dropped');
    await page.press('[data-tributary=composer]', 'Enter');
    await page.waitForSelector('[data-tributary=delivery][data-state=sending]');
    bo.say('Hello? Anyone?');
    await bo.next((m) => m.type === 'ack');

    blocked = false;
    await page.waitForSelector('[data-tributary=connection]', { state: 'detached', timeout: 20_000 });
    expect(await page.locator('[data-tributary=chat]').count()).toBe(1);
    await page.waitForSelector('[data-tributary=message]:has-text("Hello? Anyone?")');
    const resent = await bo.next((m) => m.type === 'agent' && m.text === 'Sorry, my connection dropped');
    expect(resent.agent.name).toBe('Bea Agent');
    await expect
      .poll(() => page.locator('[data-tributary=delivery]').last().getAttribute('data-state'))
      .not.toBe('sending');
    expect(bo.received.filter((m) => m.type === 'agent' && m.text === 'Sorry, my connection dropped')).toHaveLength(1);

    // A reload keeps the availability and the chat too.
    await page.reload();
    await page.waitForSelector('[data-tributary=availability]:not([disabled])');
    expect(await page.locator('[data-tributary=availability]').inputValue()).toBe('online');
    await page.waitForSelector('[data-tributary=message]:has-text("Sorry, my connection dropped")');
    await context.close();
  });
});
