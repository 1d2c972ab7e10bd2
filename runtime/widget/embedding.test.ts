import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventsOf, eventually, hook, messages, recordEvents, widgetWorld, type WidgetWorld } from './testkit.ts';

/**
 * The widget as a guest on someone else's page (SPEC §6, §8.5): it neither breaks nor restyles the host page and
 * the host page cannot restyle it; the loader's poke and triggers; keyboard use, ARIA, motion and language.
 */
let w: WidgetWorld;
beforeAll(async () => {
  w = await widgetWorld();
});
afterAll(() => w?.close());

async function visitor(
  options: Parameters<WidgetWorld['browser']['newContext']>[0] = {},
): Promise<{ context: BrowserContext; page: Page }> {
  const context = await w.browser.newContext(options);
  await recordEvents(context);
  return { context, page: await context.newPage() };
}

/** Computed styles of the widget's main parts, to compare the widget on a friendly and on a hostile page. */
const widgetStyles = (page: Page) =>
  page.evaluate(() => {
    const root = document.querySelector('tributary-widget')!.shadowRoot!;
    const props = [
      'display',
      'position',
      'visibility',
      'opacity',
      'transform',
      'color',
      'background-color',
      'font-family',
      'font-size',
      'border-top-style',
      'border-top-color',
      'width',
      'height',
      'z-index',
    ];
    const pick = (el: Element | null) =>
      el && Object.fromEntries(props.map((p) => [p, getComputedStyle(el).getPropertyValue(p)]));
    return {
      host: pick(root.host),
      launcher: pick(root.querySelector('.launcher')),
      panel: pick(root.querySelector('.panel')),
      bubble: pick(root.querySelector('[data-tributary="message"]')),
      answer: pick(root.querySelector('[data-tributary="answer"]')),
      input: pick(root.querySelector('[data-tributary="input"]')),
    };
  });

/** Computed styles of the page's own elements named like the widget's parts. */
const probeStyles = (page: Page) =>
  page.evaluate(() =>
    [...document.querySelectorAll('#probes > *')].map((el) => {
      const cs = getComputedStyle(el);
      return Object.fromEntries([...cs].map((p) => [p, cs.getPropertyValue(p)]));
    }),
  );

async function openAtQuestion(page: Page, url: string) {
  await page.goto(url);
  await hook(page, 'launcher').click();
  await eventually(() => hook(page, 'answer').count()).toBe(2);
}

describe('isolation', () => {
  it('a hostile page stylesheet does not restyle the widget', async () => {
    const friendly = await visitor({ reducedMotion: 'reduce' });
    await openAtQuestion(friendly.page, `${w.site}/demo`);
    const expected = await widgetStyles(friendly.page);
    expect(expected.launcher?.['background-color']).toBe('rgb(79, 70, 229)');
    expect(expected.bubble?.color).toBe('rgb(31, 36, 48)');

    const hostile = await visitor({ reducedMotion: 'reduce' });
    await openAtQuestion(hostile.page, `${w.site}/demo?hostile`);
    // The page's own text did turn red, so the stylesheet is in force.
    expect(await hostile.page.evaluate(() => getComputedStyle(document.querySelector('h1')!).color)).toBe(
      'rgb(255, 0, 0)',
    );
    expect(await widgetStyles(hostile.page)).toEqual(expected);
    // And the widget still works there.
    await hook(hostile.page, 'answer').filter({ hasText: 'No thanks' }).click();
    await eventually(() => messages(hostile.page)).toContain('No problem. Have a look around!');
    await friendly.context.close();
    await hostile.context.close();
  });

  it("the widget's styles do not reach the page, and it adds no global but window.Tributary", async () => {
    const bare = await visitor();
    await bare.page.goto(`${w.site}/demo?probe&nowidget`);
    const before = await probeStyles(bare.page);
    const globals = await bare.page.evaluate(() => Object.keys(window));
    const sheets = await bare.page.evaluate(() => document.styleSheets.length);

    const { context, page } = await visitor();
    await openAtQuestion(page, `${w.site}/demo?probe`);
    expect(await probeStyles(page)).toEqual(before);
    expect(await page.evaluate(() => [document.styleSheets.length, document.adoptedStyleSheets.length])).toEqual([
      sheets,
      0,
    ]);
    const added = (await page.evaluate(() => Object.keys(window))).filter((k) => !globals.includes(k));
    expect(added).toEqual(['Tributary']);
    await bare.context.close();
    await context.close();
  });

  it('shows text as text, never as markup', async () => {
    const { context, page } = await visitor();
    await openAtQuestion(page, `${w.site}/demo`);
    await hook(page, 'answer').filter({ hasText: 'Yes' }).click();
    await eventually(() => hook(page, 'input').isEnabled()).toBe(true);
    const markup = '<img src=x onerror="window.pwned=1"><b>Ada</b>';
    await hook(page, 'input').fill(markup);
    await hook(page, 'input').press('Enter');
    await eventually(() => messages(page)).toContain(markup);
    expect(await page.locator('tributary-widget img, tributary-widget b').count()).toBe(0);
    expect(await page.evaluate(() => 'pwned' in window)).toBe(false);
    await context.close();
  });
});

describe('content security policy', () => {
  it('runs under the strict policy docs/widget.md gives, and causes no violation of it', async () => {
    const { context, page } = await visitor();
    await context.addInitScript(() => {
      const seen: string[] = [];
      (window as unknown as { __csp: string[] }).__csp = seen;
      document.addEventListener('securitypolicyviolation', (e) => seen.push(`${e.violatedDirective} ${e.blockedURI}`));
    });
    await openAtQuestion(page, `${w.site}/demo?csp`);
    expect(await hook(page, 'launcher').evaluate((el) => getComputedStyle(el).backgroundColor)).toBe(
      'rgb(79, 70, 229)',
    );
    await hook(page, 'answer').filter({ hasText: 'No thanks' }).click();
    await eventually(() => messages(page)).toContain('No problem. Have a look around!');
    // Only the demo page's own inline styles and its icon (the host page's, not the widget's) were refused.
    const violations = await page.evaluate(() => (window as unknown as { __csp: string[] }).__csp);
    const ours = violations.filter(
      (v) => !/^style-src(-elem|-attr)? inline$/.test(v) && !/^img-src \S+\/favicon\.svg$/.test(v),
    );
    expect(ours).toEqual([]);
    await context.close();
  });
});

describe('the loader', () => {
  /** Serves the real resolve answer with `patch` applied to its dialogue. */
  async function patchResolve(context: BrowserContext, patch: Record<string, unknown>) {
    await context.route(`${w.base}/api/widget/resolve*`, async (route) => {
      const res = await route.fetch();
      const body = await res.json();
      if (body.dialogue) Object.assign(body.dialogue, patch);
      await route.fulfill({ response: res, json: body });
    });
  }

  it('shows the poke bubble beside the launcher; a click on it opens the conversation', async () => {
    const { context, page } = await visitor();
    await patchResolve(context, { poke: 'Hi there! Questions about pricing?' });
    await page.goto(`${w.site}/demo`);
    const poke = page.locator('tributary-widget .poke .say');
    await eventually(() => poke.isVisible()).toBe(true);
    expect(await poke.innerText()).toBe('Hi there! Questions about pricing?');
    expect(await hook(page, 'launcher').isVisible()).toBe(true);
    await poke.click();
    await eventually(() => messages(page)).toContain('Would you like to talk to someone from sales?');
    expect(await poke.count()).toBe(0);
    await context.close();
  });

  it('waits for a scroll trigger before it shows anything', async () => {
    const { context, page } = await visitor();
    await patchResolve(context, { triggers: { scrollPercent: 60 } });
    await page.goto(`${w.site}/demo`);
    await eventually(async () => (await eventsOf(page)).map((e) => e.name)).toEqual(['ready']);
    expect(await hook(page, 'launcher').isVisible()).toBe(false);
    await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
    await eventually(() => hook(page, 'launcher').isVisible()).toBe(true);
    expect((await eventsOf(page)).map((e) => e.name)).toEqual(['ready', 'triggered']);
    await context.close();
  });
});

describe('accessibility and language', () => {
  it('works from the keyboard, keeps focus inside the open panel, and Escape returns to the launcher', async () => {
    const { context, page } = await visitor();
    await page.goto(`${w.site}/demo`);
    await hook(page, 'launcher').focus();
    await page.keyboard.press('Enter');
    await eventually(() => hook(page, 'answer').count()).toBe(2);
    const focused = () =>
      page.evaluate(() => {
        const root = document.querySelector('tributary-widget')!.shadowRoot!;
        const el = root.activeElement as HTMLElement | null;
        return { inPanel: !!el?.closest('.panel'), text: el?.textContent ?? '', hook: el?.dataset.tributary ?? '' };
      });
    await eventually(async () => (await focused()).inPanel).toBe(true);
    for (let i = 0; i < 8; i++) {
      await page.keyboard.press(i % 3 === 2 ? 'Shift+Tab' : 'Tab');
      expect((await focused()).inPanel).toBe(true);
    }
    while ((await focused()).text !== 'Yes') await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    // The answer button is gone; focus moves to the name box as soon as it is asked.
    await eventually(async () => (await focused()).hook).toBe('input');
    await page.keyboard.type('Ada');
    await page.keyboard.press('Enter');
    await eventually(() => messages(page)).toContain('And your work email, so we can follow up?');
    await page.keyboard.press('Escape');
    // The panel closes and hands focus back on its next render.
    await eventually(() => hook(page, 'launcher').getAttribute('aria-expanded')).toBe('false');
    await eventually(() =>
      page.evaluate(() =>
        document.querySelector('tributary-widget')!.shadowRoot!.activeElement?.getAttribute('data-tributary'),
      ),
    ).toBe('launcher');
    await context.close();
  });

  it('announces new messages in a live region, inside a labelled dialog', async () => {
    const { context, page } = await visitor();
    await openAtQuestion(page, `${w.site}/demo`);
    const log = page.locator('tributary-widget [role="log"]');
    expect(await log.getAttribute('aria-live')).toBe('polite');
    expect(await log.locator('[data-tributary="message"]').count()).toBe(2);
    const dialog = page.locator('tributary-widget [role="dialog"]');
    expect(await dialog.getAttribute('aria-labelledby')).toBe('tb-title');
    expect(await page.locator('tributary-widget #tb-title').innerText()).toBe('Chat with us');
    await context.close();
  });

  it('respects prefers-reduced-motion', async () => {
    const animation = async (reducedMotion: 'reduce' | 'no-preference') => {
      const { context, page } = await visitor({ reducedMotion });
      await page.goto(`${w.site}/demo`);
      await eventually(() => hook(page, 'launcher').isVisible()).toBe(true);
      const name = await hook(page, 'launcher').evaluate((el) => getComputedStyle(el).animationName);
      await context.close();
      return name;
    };
    expect(await animation('no-preference')).toBe('tb-pop');
    expect(await animation('reduce')).toBe('none');
  });

  it('speaks Korean on a Korean page', async () => {
    const { context, page } = await visitor();
    await page.goto(`${w.site}/demo?ko`);
    await eventually(() => hook(page, 'launcher').getAttribute('aria-label')).toBe('채팅 열기');
    await hook(page, 'launcher').click();
    await eventually(() => hook(page, 'answer').count()).toBe(2);
    expect(await page.locator('tributary-widget #tb-title').innerText()).toBe('채팅 상담');
    expect(await hook(page, 'input').getAttribute('placeholder')).toBe('위에서 답변을 선택하세요');
    expect(await hook(page, 'launcher').getAttribute('aria-label')).toBe('채팅 닫기');
    await context.close();
  });
});
