import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { walkDemo } from '../server/results/test/visitor.ts';
import { shot, signIn, startInbox, waitFor, type InboxHarness } from './testing/harness.ts';
import { ScriptedVisitor } from './testing/visitor.ts';

/**
 * The Latin words a page shows outside what people wrote or are called: the visible text of the page, less the
 * messages, names, emails, addresses and identifiers the test made (`allowed`), less the language switch's own
 * names of languages. Korean pages show none.
 */
async function latinWords(page: Page, allowed: readonly string[]): Promise<string[]> {
  const text: string = await page.evaluate(() => {
    // Messages and the stream's answers, initials, goal names, codes and the visitor's page address.
    const skip = [
      '[data-tributary=message], .msg-choices, [data-tributary=canned-reply], .avatar, .tag-goal, code, .mono',
      '[data-tributary=context-page] a, script, style, option',
    ].join(', ');
    const out: string[] = [];
    const walk = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let n = walk.nextNode(); n; n = walk.nextNode()) {
      const el = n.parentElement;
      if (!el || el.closest(skip) || !el.checkVisibility()) continue;
      out.push(n.textContent ?? '');
    }
    // What a select shows is its chosen option.
    for (const s of document.querySelectorAll('select'))
      if (s.checkVisibility()) out.push(s.selectedOptions[0]?.text ?? '');
    for (const i of document.querySelectorAll('input, textarea'))
      if (i.checkVisibility()) out.push((i as HTMLInputElement).placeholder ?? '');
    return out.join('\n');
  });
  let rest = text;
  // Longest first: an email before the name in it.
  for (const a of [...allowed].sort((x, y) => y.length - x.length)) rest = rest.split(a).join(' ');
  return [...new Set(rest.match(/[A-Za-z][A-Za-z'’-]*/g) ?? [])];
}

/**
 * Every page and state of the inbox in Korean, as an agent and as an admin (screenshots with TRIBUTARY_SHOTS):
 * the browser speaks American English, so a date formatted in the browser's locale rather than the chosen
 * language shows up too. The main view (offer, chat, notes, the visitor's context) carries no English word.
 */
describe('the inbox in Korean', () => {
  let h: InboxHarness;
  let receiver: Server;
  let receiverUrl = '';
  const visitors: ScriptedVisitor[] = [];
  /** What people wrote or are called here, and the stream's own texts: not the inbox's words. */
  const names = [
    'ID',
    'Tributary',
    'Alex Agent',
    'Bea Agent',
    'Admin',
    'Demo: talk to sales',
    'Demo',
    'Ada',
    'ada@example.com',
    'agent@demo.test',
    'Chrome',
    'Linux',
    'HeadlessChrome',
  ];

  beforeAll(async () => {
    receiver = createServer((_req, res) => res.writeHead(503).end());
    await new Promise<void>((ok) => receiver.listen(0, '127.0.0.1', ok));
    receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hooks`;
    h = await startInbox({
      webhooks: { pollMs: 30, backoffMs: [100], disableAfterMs: 600, timeoutMs: 2000, leaseMs: 5000 },
    });
    const token = h.adminToken;
    const ws = h.server.base.replace(/^http/, 'ws');
    (await walkDemo(ws, ['no'], 'ended')).close();
    // Nobody online yet: a missed live chat.
    (await walkDemo(ws, ['yes', 'Cy', 'cy@example.com'], 'fallback')).close();
    await h.server.api('POST', '/api/canned-replies', {
      token,
      body: { scope: 'workspace', shortcut: 'hello', body: 'Hi {{firstName|there}}, how can I help?' },
    });
    // A webhook endpoint whose every delivery fails: turned off, with the notice over the admin console.
    const made = await h.server.api('POST', '/api/webhooks', {
      token,
      body: { url: receiverUrl, events: ['conversation.ended'] },
    });
    await h.server.api('POST', `/api/webhooks/${made.body.id}/test`, { token });
    await waitFor(async () => !(await h.server.api('GET', '/api/webhooks', { token })).body[0].enabled, 20_000);
  }, 240_000);
  afterAll(async () => {
    for (const v of visitors) v.close();
    await h?.close();
    receiver?.close();
  });

  /** Signs in with the inbox set to Korean in an American-English browser. */
  const korean = async (email: string) => {
    const context = await h.browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'en-US' });
    await context.addInitScript(() => localStorage.setItem('tributary.lang', 'ko'));
    return signIn(h, email, { context });
  };
  const open = async (page: Page, path: string, ready: string) => {
    await page.goto(`${h.server.base}/inbox${path}`);
    await page.waitForSelector(ready);
  };

  it('as an agent: offer, chat, notes, canned replies, context, conversations, search, transcript, missed, queue, schedules, replies, profile', async () => {
    const { page, context } = await korean('agent@demo.test');
    await page.waitForSelector('[data-tributary=availability]:not([disabled])');
    await page.selectOption('[data-tributary=availability]', 'online');
    await shot(page, 'ko-inbox-empty');
    const ada = await ScriptedVisitor.askForAgent(h.server.base, { firstName: 'Ada', email: 'ada@example.com' });
    visitors.push(ada);
    await page.waitForSelector('[data-tributary=offer]');
    await shot(page, 'ko-offer');
    await page.click('[data-tributary=accept]');
    await ada.next((m) => m.type === 'agentJoined');
    ada.say('Hello, I have a question about pricing.');
    await page.waitForSelector('[data-tributary=message]:has-text("pricing")');
    await page.fill('[data-tributary=composer]', 'Sure, how many seats?');
    await page.press('[data-tributary=composer]', 'Enter');
    await page.click('[data-tributary=note]');
    await page.fill('[data-tributary=composer]', 'Big account, loop in sales.');
    await page.press('[data-tributary=composer]', 'Enter');
    await page.waitForSelector('[data-tributary=message]:has-text("loop in sales")');
    ada.typing(true);
    await shot(page, 'ko-chat');
    expect(await latinWords(page, names)).toEqual([]);
    await page.fill('[data-tributary=composer]', '/');
    await page.locator('[data-tributary=canned-option]').first().waitFor();
    await shot(page, 'ko-canned-menu');
    await page.press('[data-tributary=composer]', 'Escape');
    await page.click('[data-tributary=end-chat]');
    await shot(page, 'ko-end-confirm');
    await page.click('[data-tributary=confirm-end]');
    await shot(page, 'ko-chat-ended');

    await open(page, '/conversations', '[data-tributary=conversation]');
    await shot(page, 'ko-conversations');
    await page.fill('[data-tributary=conversation-search]', 'pricing');
    await page.press('[data-tributary=conversation-search]', 'Enter');
    await page.waitForSelector('[data-tributary=conversation]:has-text("Ada")');
    await shot(page, 'ko-search');
    await page.click('[data-tributary=conversation]:has-text("Ada")');
    await page.waitForSelector('[data-tributary=transcript-view]');
    await shot(page, 'ko-transcript');
    await open(page, '/missed', '[data-tributary=missed]');
    await shot(page, 'ko-missed');
    await open(page, '/queue', '.page h1, .page h2');
    await shot(page, 'ko-queue');
    await open(page, '/schedules', '[data-tributary=agent-schedule]');
    await shot(page, 'ko-schedules');
    await open(page, '/replies', '[data-tributary=canned-reply]');
    await shot(page, 'ko-replies');
    await open(page, '/profile', '.page form');
    await shot(page, 'ko-profile');
    await context.close();
  }, 180_000);

  it('as an admin: every section of the console, the routing log with its whys, the webhook notice', async () => {
    const { page, context } = await korean('admin@demo.test');
    for (const section of [
      'users',
      'teams',
      'rules',
      'settings',
      'email',
      'attributes',
      'routing-log',
      'what-if',
      'dashboard',
      'webhooks',
    ]) {
      await open(page, `/admin/${section}`, '.admin-main > :not(.notice)');
      await page.waitForLoadState('networkidle');
      await shot(page, `ko-admin-${section}`);
    }
    await page.locator('[data-tributary=webhook-log-toggle]').first().click();
    await page.locator('[data-tributary=webhook-delivery]').first().waitFor();
    await shot(page, 'ko-admin-webhooks-log');
    await open(page, '/admin/what-if', '[data-tributary=run-what-if]');
    await page.click('[data-tributary=run-what-if]');
    await page.waitForLoadState('networkidle');
    await shot(page, 'ko-admin-what-if-run');
    await context.close();
  }, 180_000);
});
