import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { parseScenario, runScenario } from '../../shared/routing/index.ts';
import { walkDemo } from '../server/results/test/visitor.ts';
import { openStore } from '../server/store/open.ts';
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

  /**
   * The decisions of the routing examples (queue, transfer, schedules, rules, the select trial, balanced) logged as
   * the runtime logs them, their agents being the demo's people: every kind of why in one routing log. Returns
   * what else they name (rule, team and visitor ids, a time zone), which the log shows as they are.
   */
  const logExampleDecisions = async (): Promise<string[]> => {
    const users: { id: string; name: string }[] = (await h.server.api('GET', '/api/users', { token: h.adminToken }))
      .body;
    const people = ['Alex Agent', 'Bea Agent', 'Mia Marketer'].map((n) => users.find((u) => u.name === n)!.id);
    const store = await openStore({ dataDir: h.server.dataDir, databaseUrl: h.server.databaseUrl }, () => {});
    const kept = new Set<string>(['Prime', 'Ultimate', 'Mia Marketer']);
    for (const name of ['queue', 'transfer', 'schedules', 'rules', 'select-trial-limit', 'balanced']) {
      const raw = JSON.parse(readFileSync(`${import.meta.dirname}/../../examples/routing/${name}.json`, 'utf8'));
      const parsed = parseScenario(raw);
      if (!parsed.ok) throw new Error(parsed.error);
      const ids = new Map<string, string>(raw.agents.map((a: { id: string }, i: number) => [a.id, people[i % 3]]));
      for (const t of raw.teams ?? []) kept.add(t.id);
      for (const m of JSON.stringify(raw).matchAll(/"teamId":"([^"]+)"/g)) kept.add(m[1]);
      for (const r of raw.rules ?? []) kept.add(r.id);
      if (raw.businessHours) kept.add(raw.businessHours.timeZone);
      for (const d of runScenario(parsed.scenario).decisions) {
        ids.set(d.visitor, `v_${name}_${d.visitor}`);
        kept.add(`v_${name}_${d.visitor}`);
        const renamed = JSON.parse(
          JSON.stringify(d).replace(
            /"(ann|bob|cat|eve|bea|cal|v\d)"|(?<=agent )(ann|bob|cat|eve|bea|cal)\b/g,
            (m, q, bare) => (q ? `"${ids.get(q) ?? q}"` : (ids.get(bare) ?? bare)),
          ),
        );
        const { whys, ...detail } = renamed;
        await store.decisions.add({
          at: Date.now() - 60_000 + Math.round(d.at * 1000),
          conversationId: `c_${name}_${d.visitor}`,
          event: d.event,
          agentId: renamed.agent ?? null,
          reason: d.reason ?? null,
          why: renamed.why,
          whys,
          detail,
        });
      }
    }
    await store.close();
    return [...kept];
  };

  it('as an admin: every section of the console, the routing log with its whys, the webhook notice', async () => {
    const kept = await logExampleDecisions();
    const { page, context } = await korean('admin@demo.test');
    await open(page, '/admin/routing-log', '[data-tributary=decision]');
    const events = await page
      .locator('[data-tributary=decision]')
      .evaluateAll((rows) => rows.map((r) => r.getAttribute('data-event')));
    for (const e of ['queued', 'offered', 'connected', 'transfer-failed', 'fallback', 'ended'])
      expect(events).toContain(e);
    // Also the demo's team, the missed visitor (by name now) and the notice's endpoint.
    expect(await latinWords(page, [...names, ...kept, 'Sales', 'Cy', 'cy@example.com', receiverUrl])).toEqual([]);
    await shot(page, 'ko-admin-routing-log-whys');
    // The same log in English: the whys from the same catalogue, no Korean left.
    await page.locator('[data-tributary=language]').first().selectOption('en');
    await page.waitForSelector('th:has-text("Why")');
    const english = await page.locator('td.why').allInnerTexts();
    expect(english.join('\n')).not.toMatch(/[\uac00-\ud7a3]/);
    expect(english).toContain('the transfer to Bea Agent failed (declined); the chat stays with Alex Agent');
    await shot(page, 'en-admin-routing-log-whys');
    await page.locator('[data-tributary=language]').first().selectOption('ko');
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
