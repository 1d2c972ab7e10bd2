import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { walkDemo } from '../../runtime/server/results/test/visitor.ts';
import { FILL_ATTRIBUTES, fillLeads } from '../../runtime/server/leads/test/fill.ts';
import { openStore } from '../../runtime/server/store/open.ts';
import { bootServer } from '../../runtime/server/testkit.ts';
import { editorWorld, until, type EditorWorld } from '../test/editorWorld.ts';

/**
 * The Leads page (SPEC §8.7) in Debian's Chromium against the real runtime: 55 older conversations stored
 * through the repositories (enough for two pages) and three walked through the real visitor socket today; a
 * marketer filters, searches, pages and exports the CSV; an admin deletes a person's data by email.
 */
const FILLED = 55;
/** When the seeded endpoint began failing and when it was turned off (a day later). */
const FAILING_SINCE = Date.UTC(2026, 10, 3, 9, 30);
const DISABLED_AT = FAILING_SINCE + 24 * 3600_000;
let w: EditorWorld;
let streamId: string;
beforeAll(async () => {
  w = await editorWorld({
    async seed(dataDir) {
      // The first start seeds the demo workspace; then the store is filled directly.
      await (await bootServer({ dataDir, databaseUrl: undefined })).close();
      const store = await openStore({ dataDir }, () => undefined);
      streamId = (await store.streams.list())[0].id;
      await fillLeads(store, streamId, FILLED);
      // An endpoint turned off because its deliveries kept failing: admins are told on every page.
      const url = 'http://127.0.0.1:9/crm-hook';
      await store.webhooks.createEndpoint({
        id: 'wh_1',
        url,
        events: ['goal.reached'],
        secret: 'whsec_x',
        enabled: true,
        createdAt: 1,
      });
      await store.webhooks.setEndpointState('wh_1', {
        enabled: false,
        failingSince: FAILING_SINCE,
        disabledAt: DISABLED_AT,
        disabledReason: `every delivery failed since ${new Date(FAILING_SINCE).toISOString()} (last: HTTP 503)`,
      });
      await store.close();
    },
  });
  const ws = w.base.replace('http', 'ws');
  (await walkDemo(ws, ['no'], 'ended')).close();
  (await walkDemo(ws, ['yes', 'Ada', 'ada@example.com'], 'ended')).close();
  (await walkDemo(ws, ['yes', 'Bo', 'bo@example.com'], 'ended')).close();
}, 240_000);
afterAll(() => w?.close());

const SHOTS = process.env.TRIBUTARY_SHOTS;

/** The first names of the rows shown ('-' for none), top to bottom. */
const names = (page: Page) =>
  page
    .locator('[data-tributary="leads-row"] [data-attribute="firstName"]')
    .evaluateAll((els) => els.map((e) => e.textContent || '-'));
const rowCount = (page: Page) => page.locator('[data-tributary="leads-row"]').count();
const shown = (page: Page, want: string[], what: string) =>
  until(
    () => names(page),
    (n) => JSON.stringify(n) === JSON.stringify(want),
    what,
  );
const filter = (page: Page, name: string) => page.locator(`[data-tributary="leads-filter"][data-filter="${name}"]`);
const search = (page: Page) => new URL(page.url()).search;
const today = new Date().toISOString().slice(0, 10);
/** A day as the page writes it in a language (Intl, as the page does). */
const day = (iso: string, locale: string) =>
  new Intl.DateTimeFormat(locale, { year: 'numeric', month: '2-digit', day: '2-digit', timeZone: 'UTC' }).format(
    Date.parse(iso),
  );

describe('the Leads page', () => {
  it('lets a marketer filter, search, page and export the leads as CSV', async () => {
    const context = await w.signedIn('marketer@demo.test');
    const page = await context.newPage();
    page.on('pageerror', (e) => console.error(`page error: ${e.message}`));
    await page.goto(w.base + '/');
    await page.locator('[data-nav="leads"]').click();
    await page.waitForURL(/\/leads$/);

    // Newest first: the three walked today, then the filled ones; 50 to a page.
    await until(
      () => rowCount(page),
      (n) => n === 50,
      'the first page',
    );
    expect((await names(page)).slice(0, 4)).toEqual(['Bo', 'Ada', '-', `firstName of visitor number ${FILLED - 1}`]);
    const head = await page.locator('[data-tributary="leads-table"] thead th').allInnerTexts();
    for (const a of ['email', 'firstName', ...FILL_ATTRIBUTES]) expect(head).toContain(a);
    expect(await page.locator('[data-tributary="leads-row"]').first().innerText()).toMatch(/Missed\s+sales-lead/);
    // Marketers do not erase, nor hear of webhooks; the export waits for a stream.
    expect(await page.locator('[data-tributary="webhook-notice"]').count()).toBe(0);
    expect(await page.locator('[data-tributary="leads-erase"]').count()).toBe(0);
    expect(await page.locator('[data-tributary="leads-export"]').isDisabled()).toBe(true);
    if (SHOTS) await page.screenshot({ path: `${SHOTS}/leads-en.png`, fullPage: true });

    // Next and previous pages, by cursor.
    expect(await page.locator('[data-tributary="leads-prev"]').isDisabled()).toBe(true);
    await page.locator('[data-tributary="leads-next"]').click();
    await until(
      () => rowCount(page),
      (n) => n === FILLED + 3 - 50,
      'the second page',
    );
    expect(await page.locator('[data-tributary="leads-page-number"]').innerText()).toContain('2');
    expect(await page.locator('[data-tributary="leads-next"]').isDisabled()).toBe(true);
    expect((await names(page)).at(-1)).toBe('firstName of visitor number 0');
    await page.locator('[data-tributary="leads-prev"]').click();
    await until(
      () => rowCount(page),
      (n) => n === 50,
      'the first page again',
    );

    // Filters: outcome, then a date range of today alone, then the goal.
    await filter(page, 'outcome').selectOption('missed');
    await shown(page, ['Bo', 'Ada'], 'the missed live chats');
    await filter(page, 'outcome').selectOption('');
    await filter(page, 'from').fill(today);
    await filter(page, 'to').fill(today);
    await shown(page, ['Bo', 'Ada', '-'], "today's conversations");
    await filter(page, 'goal').fill('sales-lead');
    await shown(page, ['Bo', 'Ada'], 'the goal reached today');
    await filter(page, 'goal').fill('');
    // A range that ends before it starts: the server's clear error; then a range with nobody in it.
    await filter(page, 'to').fill('2000-01-01');
    await until(
      () =>
        page
          .locator('[data-tributary="leads-error"]')
          .innerText()
          .catch(() => ''),
      (t) => t.includes('from'),
      'the bad range explained',
    );
    await filter(page, 'from').fill('');
    await until(
      () => page.locator('[data-tributary="leads-empty"]').isVisible(),
      (v) => v,
      'no conversation matching an empty range',
    );
    await page.getByRole('button', { name: 'Clear filters' }).click();
    await until(
      () => rowCount(page),
      (n) => n === 50,
      'every conversation again',
    );

    // The server-side search, then the stream's CSV with the table's filters.
    await page.locator('[data-tributary="leads-search"]').fill('ada');
    await shown(page, ['Ada'], 'the search for Ada');
    await page.locator('[data-tributary="leads-search"]').fill('example');
    await shown(page, ['Bo', 'Ada'], 'the search for example');
    await filter(page, 'stream').selectOption(streamId);
    await filter(page, 'version').selectOption('1');
    await shown(page, ['Bo', 'Ada'], 'the stream and version chosen');
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.locator('[data-tributary="leads-export"]').click(),
    ]);
    expect(download.suggestedFilename()).toBe(`leads-${streamId}.csv`);
    const csv = readFileSync((await download.path())!, 'utf8')
      .trimEnd()
      .split('\n');
    expect(csv[0]).toBe(
      ['conversationId,startedAt,version,outcome,goal,score,agent,page', ...[...FILL_ATTRIBUTES].sort()].join(','),
    );
    expect(csv).toHaveLength(3);
    expect(csv[1]).toMatch(/,1,missed,sales-lead,\d+,,.*bo@example\.com.*,Bo,/);
    expect(csv[2]).toMatch(/ada@example\.com/);
    await context.close();
  }, 240_000);

  it('keeps its filters and page in the URL: reload, back and forward, a shared link, a mangled one', async () => {
    const context = await w.signedIn('marketer@demo.test');
    const page = await context.newPage();
    const crashes: string[] = [];
    page.on('pageerror', (e) => crashes.push(e.message));
    await page.goto(w.base + '/leads');
    await until(
      () => rowCount(page),
      (n) => n === 50,
      'the first page',
    );
    await filter(page, 'outcome').selectOption('missed');
    await shown(page, ['Bo', 'Ada'], 'the missed live chats');
    expect(search(page)).toBe('?outcome=missed');
    await page.locator('[data-tributary="leads-search"]').fill('ada');
    await shown(page, ['Ada'], 'the search for Ada');
    expect(search(page)).toBe('?outcome=missed&q=ada');

    // Reload: the same view, the controls showing it.
    await page.reload();
    await shown(page, ['Ada'], 'the same rows after a reload');
    expect(await filter(page, 'outcome').inputValue()).toBe('missed');
    expect(await page.locator('[data-tributary="leads-search"]').inputValue()).toBe('ada');
    // Back and forward walk the views.
    await page.goBack();
    await shown(page, ['Bo', 'Ada'], 'back to the missed ones');
    expect(await page.locator('[data-tributary="leads-search"]').inputValue()).toBe('');
    await page.goBack();
    await until(
      () => rowCount(page),
      (n) => n === 50,
      'back to every conversation',
    );
    expect(await filter(page, 'outcome').inputValue()).toBe('');
    await page.goForward();
    await shown(page, ['Bo', 'Ada'], 'forward to the missed ones');

    // A page by link (its cursor found by walking the pages before); past the end, the last page.
    await page.goto(w.base + '/leads?page=2');
    await until(
      () => rowCount(page),
      (n) => n === FILLED + 3 - 50,
      'the second page by link',
    );
    expect(await page.locator('[data-tributary="leads-page-number"]').innerText()).toContain('2');
    await page.locator('[data-tributary="leads-prev"]').click();
    await until(
      () => rowCount(page),
      (n) => n === 50,
      'the first page from the second',
    );
    expect(search(page)).toBe('');
    await page.goto(w.base + '/leads?page=9');
    await until(
      () => Promise.resolve(search(page)),
      (q) => q === '?page=2',
      'the last page instead of one past the end',
    );
    expect(await rowCount(page)).toBe(FILLED + 3 - 50);

    // A link shared with an admin opens the same view, days written the admin's way.
    const admin = await w.signedIn('admin@demo.test');
    const shared = await admin.newPage();
    shared.on('pageerror', (e) => crashes.push(e.message));
    await shared.goto(`${w.base}/leads?stream=${streamId}&version=1&outcome=missed&from=${today}&to=${today}`);
    await shown(shared, ['Bo', 'Ada'], 'the shared view');
    expect(await filter(shared, 'stream').inputValue()).toBe(streamId);
    expect(await filter(shared, 'version').inputValue()).toBe('1');
    expect(await filter(shared, 'from').inputValue()).toBe(day(today, 'en-US'));
    expect(await shared.locator('[data-tributary="leads-export"]').getAttribute('href')).toContain('outcome=missed');

    // Values that mean nothing are ignored: the default view, no error, the address bar cleaned.
    await page.goto(`${w.base}/leads?outcome=lost&version=x&from=2026-02-31&to=yesterday&page=0&stream=nope&q=`);
    await until(
      () => rowCount(page),
      (n) => n === 50,
      'the default view',
    );
    await until(
      () => Promise.resolve(search(page)),
      (q) => q === '',
      'the ignored values dropped from the URL',
    );
    expect(await page.locator('[data-tributary="leads-error"]').count()).toBe(0);
    expect(crashes).toEqual([]);
    await admin.close();
    await context.close();
  }, 240_000);

  it("lets an admin delete a person's data after a confirmation that shows what was deleted", async () => {
    const context = await w.signedIn('admin@demo.test');
    const page = await context.newPage();
    page.on('pageerror', (e) => console.error(`page error: ${e.message}`));
    await page.goto(w.base + '/leads');
    await until(
      () => names(page),
      (n) => n.includes('Ada'),
      'Ada in the table',
    );
    // The endpoint turned off for failing, said in the page's words and dates (not the server's English reason).
    const notice = page.locator('[data-tributary="webhook-notice"]');
    expect(await notice.innerText()).toContain(
      'A webhook endpoint was turned off: every delivery to http://127.0.0.1:9/crm-hook failed from Nov 3, 2026',
    );
    expect(await notice.innerText()).not.toContain('every delivery failed since');

    await page.locator('[data-tributary="leads-erase"]').click();
    await page.locator('[data-tributary="erase-email"]').fill('ADA@example.com');
    if (SHOTS) await page.screenshot({ path: `${SHOTS}/leads-erase-en.png` });
    await page.locator('[data-tributary="erase-confirm"]').click();
    const result = page.locator('[data-tributary="erase-result"]');
    await result.waitFor();
    expect(await result.locator('[data-count="conversations"]').innerText()).toBe('1');
    expect(await result.locator('[data-count="visitors"]').innerText()).toBe('1');
    expect(Number(await result.locator('[data-count="rows"]').innerText())).toBeGreaterThan(1);
    expect(await result.locator('[data-count="kept"]').innerText()).toBe('0');
    if (SHOTS) await page.screenshot({ path: `${SHOTS}/leads-erased-en.png` });
    await page.getByRole('button', { name: 'Done' }).click();
    await until(
      () => names(page),
      (n) => !n.includes('Ada') && n.includes('Bo'),
      'the row of Ada gone',
    );
    // The audit entry: who and how many, not the email.
    const audit = await w.api('/api/erasures', { email: 'admin@demo.test' });
    expect(audit.body[0]).toMatchObject({ conversations: 1, kept: 0 });
    expect(JSON.stringify(audit.body)).not.toContain('ada@');

    // The same page in Korean.
    await page.locator('select.lang-switch').selectOption('ko');
    await until(
      () => page.locator('h1').innerText(),
      (t) => t === '리드와 대화',
      'the Korean title',
    );
    expect(await notice.innerText()).toContain('2026. 11. 3.');
    expect(await notice.innerText()).toContain('http://127.0.0.1:9/crm-hook(으)로 보낸 전송이 모두 실패했습니다');
    // Dates in Korean: the table's times and the date filters, typed and shown as Korean writes them.
    expect(await page.locator('.leads-table__time').first().innerText()).toMatch(
      /^\d{2}\. \d{1,2}\. \d{1,2}\. (오전|오후)/,
    );
    expect(await filter(page, 'from').getAttribute('placeholder')).toBe('연도. 월. 일.');
    await filter(page, 'from').fill(day(today, 'ko-KR'));
    await filter(page, 'from').press('Enter');
    await until(
      () => Promise.resolve(search(page)),
      (q) => q === `?from=${today}`,
      'the Korean day applied',
    );
    expect(await filter(page, 'from').inputValue()).toBe(day(today, 'ko-KR'));
    // A range that ends before it starts: the server's refusal said in Korean (from its reason, not its English
    // message), with the days as Korean writes them.
    await filter(page, 'to').fill('2000. 01. 01.');
    await filter(page, 'to').press('Enter');
    const banner = page.locator('[data-tributary="leads-error"]');
    const said = await until(
      () => banner.innerText().catch(() => ''),
      (t) => t.includes('시작하기 전에 끝납니다'),
      'the bad range explained in Korean',
    );
    expect(said).toContain(`리드를 불러오지 못했습니다: ${day(today, 'ko-KR')}부터 2000. 01. 01.까지의 기간은`);
    expect(said).not.toMatch(/from|after/i);
    if (SHOTS) await page.screenshot({ path: `${SHOTS}/leads-error-ko.png` });
    await filter(page, 'to').fill('');
    await until(
      () => Promise.resolve(search(page)),
      (q) => q === `?from=${today}`,
      'the reversed range cleared',
    );
    // A day that does not exist is marked and not applied.
    await filter(page, 'to').fill('2026. 2. 31.');
    await filter(page, 'to').press('Enter');
    expect(await filter(page, 'to').getAttribute('aria-invalid')).toBe('true');
    expect(search(page)).toBe(`?from=${today}`);
    await filter(page, 'to').fill('');
    if (SHOTS) {
      await page.screenshot({ path: `${SHOTS}/leads-ko.png`, fullPage: true });
      await page.locator('[data-tributary="leads-erase"]').click();
      await page.screenshot({ path: `${SHOTS}/leads-erase-ko.png` });
      await page.keyboard.press('Escape');
    }

    // The stream's canvas tells admins too.
    await page.goto(`${w.base}/streams/${encodeURIComponent(streamId)}`);
    await page.waitForSelector('[data-tributary="connection"][data-state="live"]');
    expect(await notice.innerText()).toContain('웹훅 엔드포인트가 꺼졌습니다');
    if (SHOTS) await page.screenshot({ path: `${SHOTS}/canvas-webhook-notice-ko.png` });
    await context.close();
  }, 240_000);

  it('is not offered to agents', async () => {
    const context = await w.signedIn('agent@demo.test');
    const page = await context.newPage();
    await page.goto(w.base + '/leads');
    await page.getByRole('alert').waitFor();
    expect(await page.getByRole('alert').innerText()).toContain('Only marketers and admins');
    expect(await page.locator('[data-nav="leads"]').count()).toBe(0);
    await context.close();
  });
});
