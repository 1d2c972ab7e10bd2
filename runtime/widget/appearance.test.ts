import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, hook, widgetWorld, type WidgetWorld } from './testkit.ts';
import { addSessionCookie } from '../../testing/sessionCookie.ts';

/**
 * The widget's appearance and installation as a marketer sets them in the product (/widget) and a visitor meets
 * them: real runtime, real editor page, real widget, Chromium.
 */
let w: WidgetWorld;
let token: string;
beforeAll(async () => {
  w = await widgetWorld({ editor: true });
  const res = await fetch(`${w.base}/api/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: 'marketer@demo.test', password: 'tributary-demo' }),
  });
  token = ((await res.json()) as { token: string }).token;
});
afterAll(() => w?.close());

const api = (method: string, path: string, body?: unknown) =>
  fetch(w.base + path, {
    method,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });

async function marketerPage(path: string): Promise<Page> {
  const context = await w.browser.newContext({ viewport: { width: 1440, height: 1000 } });
  await addSessionCookie(context, w.base, token);
  const page = await context.newPage();
  await page.goto(w.base + path);
  return page;
}

/** What a visitor sees of the theme: computed styles and texts inside a widget's shadow root. */
const themeOf = (page: Page, scope = 'tributary-widget') =>
  page.locator(scope).evaluate((host) => {
    const root = host.shadowRoot!;
    const cs = (sel: string) => {
      const el = root.querySelector(sel);
      return el ? getComputedStyle(el) : undefined;
    };
    return {
      launcher: cs('.launcher')?.backgroundColor,
      launcherInk: cs('.launcher')?.color,
      header: cs('.head')?.color,
      headerImage: cs('.head')?.backgroundImage,
      answerBorder: cs('[data-tributary="answer"]')?.borderTopColor,
      panelRadius: cs('.panel')?.borderTopLeftRadius,
      title: root.querySelector('.head .name')?.textContent,
      subtitle: root.querySelector('.head .sub')?.textContent,
      botName: root.querySelector('.row .label')?.textContent,
    };
  });

describe('appearance', () => {
  it('a brand colour and title saved in /widget reach a new visitor on /demo, as the preview showed them', async () => {
    const page = await marketerPage('/');
    // Reachable from the stream list.
    await page.locator('[data-nav="widget"]').click();
    await page.waitForURL(/\/widget$/);
    await page.locator('input[name="brandColor"]').fill('#0f766e');
    await page.locator('input[name="title"]').fill('Northwind help');
    await page.locator('input[name="subtitle"]').fill('Real people, quick answers');
    await page.locator('input[name="botName"]').fill('Nora');
    await page.locator('input[name="radius"]').fill('8');
    // The preview follows the form at once, drawn by the widget's own code.
    const preview = '[data-preview="question"] tributary-widget';
    await eventually(async () => (await themeOf(page, preview)).title).toBe('Northwind help');
    await page.getByRole('button', { name: 'Save appearance' }).click();
    await eventually(() => page.getByRole('status').innerText()).toContain('Saved');
    const shown = await themeOf(page, preview);
    expect(shown).toMatchObject({
      launcher: 'rgb(15, 118, 110)',
      answerBorder: 'rgb(15, 118, 110)',
      header: 'rgb(255, 255, 255)',
      title: 'Northwind help',
      subtitle: 'Real people, quick answers',
      botName: 'Nora',
      panelRadius: '8px',
    });
    await page.screenshot({ path: '/tmp/tributary-appearance-page.png' });

    const visitor = await w.browser.newContext();
    const demo = await visitor.newPage();
    await demo.goto(`${w.base}/demo`);
    await hook(demo, 'launcher').click();
    await eventually(() => hook(demo, 'answer').count()).toBe(2);
    expect(await themeOf(demo)).toEqual(shown);
    await demo.screenshot({ path: '/tmp/tributary-themed-widget.png' });
    await visitor.close();
    await page.context().close();
  });

  it('warns about a text colour below WCAG AA without refusing it', async () => {
    const page = await marketerPage('/widget');
    await page.locator('input[name="textColor"]').fill('#9fd8d0');
    await eventually(() => page.getByTestId('contrast').innerText()).toContain('below WCAG AA');
    await page.locator('input[name="textColor"]').fill('#ffffff');
    await eventually(() => page.getByTestId('contrast').innerText()).toContain('meets WCAG AA');
    await page.context().close();
  });

  it('a hostile page under a strict nonce policy shows the themed widget unchanged', async () => {
    expect((await api('PUT', '/api/widget/appearance', { brandColor: '#0f766e', mode: 'dark' })).status).toBe(200);
    const looks = [];
    for (const path of ['/demo', '/demo?hostile&nonce']) {
      const context = await w.browser.newContext({ reducedMotion: 'reduce' });
      const page = await context.newPage();
      const violations: string[] = [];
      page.on('console', (m) => /Content Security Policy/i.test(m.text()) && violations.push(m.text()));
      await page.goto(w.site + path);
      await hook(page, 'launcher').click();
      await eventually(() => hook(page, 'answer').count()).toBe(2);
      looks.push(await themeOf(page));
      // Nothing of the widget's (scripts, calls, socket, pictures) is blocked; the page's own favicon may be.
      expect(violations.filter((v) => /widget|\/api\/|\/ws\//.test(v))).toEqual([]);
      await context.close();
    }
    expect(looks[0].launcher).toBe('rgb(15, 118, 110)');
    expect(looks[1]).toEqual(looks[0]);
    await api('PUT', '/api/widget/appearance', { mode: 'light' });
  });
});

describe('installation', () => {
  it('lists where the widget was seen loading, and only allowed origins get a widget', async () => {
    const visit = async (url: string) => {
      const context = await w.browser.newContext();
      const page = await context.newPage();
      // `tributary:ready` fires once the loader has its answer (a widget or none).
      await page.addInitScript(() =>
        addEventListener('tributary:ready', () => ((window as unknown as { __ready: boolean }).__ready = true)),
      );
      await page.goto(url);
      await page.waitForFunction(() => (window as unknown as { __ready?: boolean }).__ready === true);
      const widgets = await page.locator('tributary-widget').count();
      await context.close();
      return widgets;
    };
    expect(await visit(`${w.site}/demo`)).toBe(1);
    expect((await api('PUT', '/api/widget/allowed-origins', { allowedOrigins: [w.base] })).status).toBe(200);
    expect(await visit(`${w.site}/demo`)).toBe(0);
    expect(await visit(`${w.base}/demo`)).toBe(1);

    const page = await marketerPage('/widget/install');
    await eventually(() => page.getByTestId('snippet').innerText()).toContain('data-workspace="demo"');
    const rows = page.getByTestId('site');
    await eventually(() => rows.count()).toBeGreaterThanOrEqual(2);
    const text = (await rows.allInnerTexts()).join('\n');
    expect(text).toContain(w.base);
    expect(text).toMatch(new RegExp(`${w.site}.*Blocked`));
    await eventually(() => page.locator('textarea[name="allowedOrigins"]').inputValue()).toBe(w.base);
    // An origin that is not an origin is named, and nothing changes.
    await page.locator('textarea[name="allowedOrigins"]').fill(`${w.base}\nshop.example.com/cart`);
    await page.getByRole('button', { name: 'Save allowed origins' }).click();
    await eventually(() => page.getByRole('alert').innerText()).toContain('shop.example.com/cart');
    await page.locator('textarea[name="allowedOrigins"]').fill('');
    await page.getByRole('button', { name: 'Save allowed origins' }).click();
    await eventually(() => page.getByRole('status').innerText()).toContain('Any site');
    await page.screenshot({ path: '/tmp/tributary-install-page.png', fullPage: true });
    await page.context().close();
    expect(await visit(`${w.site}/demo`)).toBe(1);
  });
});
