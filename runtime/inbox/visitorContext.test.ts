import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client } from '../server/testkit.ts';
import { agentOnline, shot } from './testing/harness.ts';
import { startWidgetInbox, widgetHook as widget, type WidgetInbox } from './testing/withWidget.ts';

const hook = (page: Page, name: string) => page.locator(`[data-tributary="${name}"]`);

/**
 * A returning visitor in the real widget and an agent in the inbox, both in Chromium: the chat shows where the
 * visitor asked for a person (title, referrer), browser and OS, local time and language from the widget, what the
 * stream captured, goals and score, and the earlier conversation whose transcript opens in place. Then the agent
 * inserts a workspace canned reply with `/`, its tokens filled from the visitor, and sends it to the widget.
 */
describe("the visitor's context and canned replies in the inbox", () => {
  let h: WidgetInbox;

  beforeAll(async () => {
    h = await startWidgetInbox();
  });
  afterAll(async () => {
    await h?.close();
  });

  it('shows a returning visitor’s context and history, and inserts and sends a canned reply with tokens', async () => {
    const { server, browser, adminToken: admin } = h;
    const body = 'Hi {{firstName|there}}, thanks for asking about {{company|your team}}!';
    const made = await server.api('POST', '/api/canned-replies', {
      token: admin,
      body: { scope: 'workspace', shortcut: 'hello', body },
    });
    expect(made.status).toBe(201);
    const { page: alex } = await agentOnline(h, 'agent@demo.test');

    // The first visit, a week ago in the visitor's life: Ada asks on the pricing page and Alex answers.
    const first = await Client.open(`${server.ws}/ws/visitor`);
    first.send({
      type: 'hello',
      v: 2,
      workspace: 'demo',
      url: `${server.base}/demo?from=ad`,
      page: { title: 'Pricing', timeZone: 'America/New_York', language: 'en-US' },
    });
    const { visitorToken } = await first.next('welcome');
    first.send({ type: 'start', id: 'first', dialogueId: 'd_demo', url: `${server.base}/demo?from=ad` });
    await first.next('ask');
    first.send({ type: 'reply', id: 'f1', cardId: 'ask', answerId: 'yes' });
    await first.next((m) => m.type === 'ask' && m.attribute === 'firstName');
    first.send({ type: 'reply', id: 'f2', cardId: 'name', text: 'Ada' });
    await first.next((m) => m.type === 'ask' && m.attribute === 'email');
    first.send({ type: 'reply', id: 'f3', cardId: 'email', text: 'ada@northwind.example' });
    await alex.click('[data-tributary=accept]');
    await hook(alex, 'composer').fill('Our plans start at 10 EUR a seat.');
    await hook(alex, 'composer').press('Enter');
    await first.next((m) => m.type === 'agent');
    await alex.click('[data-tributary=end-chat]');
    await alex.click('[data-tributary=confirm-end]');
    await first.next('ended');
    first.close();
    await alex.click('[data-tributary=close-chat]');

    // She comes back in the same browser (the widget keeps her credential), from a search, in Seoul.
    const context = await browser.newContext({ locale: 'de-DE', timezoneId: 'Asia/Seoul' });
    await context.addInitScript((token) => {
      if (!localStorage.getItem('tributary:demo')) localStorage.setItem('tributary:demo', JSON.stringify({ token }));
    }, visitorToken);
    const visitor = await context.newPage();
    await visitor.goto(`${server.base}/demo`, { referer: 'https://search.example/?q=northwind+pricing' });
    await widget(visitor, 'launcher').click();
    await widget(visitor, 'answer').filter({ hasText: 'Yes' }).click();

    // Name and email are known: the stream hands off at once, and Alex sees who is back.
    await alex.click('[data-tributary=accept]');
    const ctx = hook(alex, 'visitor-context');
    await ctx.waitFor();
    await expect
      .poll(() => hook(alex, 'context-page').innerText())
      .toContain('Northwind Analytics — Know your numbers before Monday');
    expect(await hook(alex, 'context-page').innerText()).toContain('Asked for a person on this page');
    expect(await hook(alex, 'context-page').locator('a').getAttribute('href')).toBe(`${server.base}/demo`);
    expect(await hook(alex, 'context-referrer').innerText()).toBe('search.example');
    expect(await hook(alex, 'context-browser').innerText()).toMatch(/Chrom.* · Linux/);
    expect(await hook(alex, 'context-time').innerText()).toContain('(Asia/Seoul)');
    expect(await hook(alex, 'context-language').innerText()).toMatch(/German.*de-DE/);
    const captured = await hook(alex, 'captured').innerText();
    expect(captured).toContain('Ada');
    expect(captured).toContain('ada@northwind.example');
    expect(await hook(alex, 'context-goals').innerText()).toMatch(/sales-lead \+2[\s\S]*Score\s*2/i);
    const earlier = hook(alex, 'earlier');
    expect(await earlier.count()).toBe(1);
    expect(await earlier.innerText()).toContain('Alex Agent');
    await earlier.locator('button').click();
    await expect
      .poll(() => hook(alex, 'earlier-transcript').innerText())
      .toContain('Our plans start at 10 EUR a seat.');
    await shot(alex, 'context-en');

    // `/` opens the canned replies; Enter inserts the first match with the visitor's name and a default.
    await hook(alex, 'composer').fill('');
    await hook(alex, 'composer').pressSequentially('/hel');
    await hook(alex, 'canned-option').first().waitFor();
    expect(await hook(alex, 'canned-option').first().getAttribute('data-shortcut')).toBe('hello');
    await shot(alex, 'canned-menu-en');
    await hook(alex, 'composer').press('Enter');
    const filled = 'Hi Ada, thanks for asking about your team!';
    expect(await hook(alex, 'composer').inputValue()).toBe(filled);
    expect(await hook(alex, 'canned-menu').count()).toBe(0);
    await hook(alex, 'composer').press('Enter');
    await expect.poll(() => widget(visitor, 'message').allInnerTexts(), { timeout: 20_000 }).toContain(filled);

    // The same screens in Korean.
    await alex.evaluate(() => localStorage.setItem('tributary.lang', 'ko'));
    await alex.reload();
    await hook(alex, 'visitor-context').waitFor();
    await expect.poll(() => hook(alex, 'visitor-context').innerText()).toContain('이 페이지에서 상담원 연결을 요청함');
    await hook(alex, 'earlier').locator('button').click();
    await hook(alex, 'earlier-transcript').waitFor();
    await shot(alex, 'context-ko');
    await hook(alex, 'composer').pressSequentially('/');
    await hook(alex, 'canned-option').first().waitFor();
    await shot(alex, 'canned-menu-ko');
    await hook(alex, 'composer').press('Escape');
    await alex.click('a.tab[href="/inbox/replies"]');
    await hook(alex, 'canned-reply').first().waitFor();
    await shot(alex, 'replies-ko');
    await context.close();
  });
});
