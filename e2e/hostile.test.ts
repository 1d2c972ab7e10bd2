import { rmSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { node, openStream } from '../editor/test/editorWorld.ts';
import { signIn, type InboxHarness } from '../runtime/inbox/testing/harness.ts';
import { bootServer, type TestServer } from '../runtime/server/testkit.ts';
import { launchChromium } from '../testing/chromium.ts';
import { eventually, hook, messages } from '../runtime/widget/testkit.ts';
import { buildRoot } from './support/buildRoot.ts';
import { evil, hostileStream, injectionProbe } from './support/hostileStream.ts';
import { addSessionCookie } from '../testing/sessionCookie.ts';

/**
 * Markup and script in everything people type (stream texts, prompts, answer labels and values, attribute
 * values, document names, visitor and agent messages, stream names) is shown as text in the editor, its
 * preview, the widget and the inbox: nothing runs, no element is made from it. Document links must be https.
 */
let s: TestServer;
let browser: Browser;
let admin: string;
let streamId: string;
let root: string;
beforeAll(async () => {
  root = await buildRoot();
  s = await bootServer({ root });
  browser = await launchChromium();
  admin = await s.login('admin@demo.test');
  const r = await s.api('POST', '/api/streams', { token: admin, body: hostileStream() });
  streamId = r.body.id;
  expect((await s.api('POST', `/api/streams/${streamId}/publish`, { token: admin, body: {} })).status).toBe(201);
  expect((await s.api('PATCH', '/api/dialogues/d_demo', { token: admin, body: { streamId } })).status).toBe(200);
}, 240_000);
afterAll(async () => {
  await browser?.close();
  await s?.close();
  if (root) rmSync(root, { recursive: true, force: true });
});

const clean = async (page: Page) => expect(await page.evaluate(injectionProbe)).toEqual({ pwned: null, injected: [] });

async function marketerPage(path: string): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  await addSessionCookie(context, s.base, admin);
  const page = await context.newPage();
  await page.goto(s.base + path);
  return page;
}

describe('hostile content is text everywhere', () => {
  it('refuses document links that are not https', async () => {
    for (const url of [
      'javascript:window.__pwned=1',
      'http://example.com/a.pdf',
      'data:text/html,<script>1</script>',
    ]) {
      const id = (await s.api('POST', '/api/streams', { token: admin, body: hostileStream(url) })).body.id;
      const r = await s.api('POST', `/api/streams/${id}/publish`, { token: admin, body: {} });
      expect(r.status, url).toBe(422);
      expect(JSON.stringify(r.body.diagnostics ?? r.body)).toContain('doc');
    }
  });

  it('in the editor: stream list, canvas, inspector and preview', async () => {
    const list = await marketerPage('/');
    await eventually(() => list.locator('body').innerText()).toContain(`Hostile ${evil('stream-name')}`);
    await clean(list);
    await list.context().close();

    const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
    await addSessionCookie(context, s.base, admin);
    const page = await openStream(context, s.base, streamId);
    // Cards show the start of their text; the inspector shows all of it.
    await eventually(() => node(page, 'hello').innerText()).toContain('Hello <img src=x onerror=');
    await eventually(() => node(page, 'ask').innerText()).toContain('Talk? <img src=x onerror=');
    await node(page, 'hello').click();
    await eventually(() => page.locator('.inspector__form textarea').first().inputValue()).toContain(evil('text'));
    await node(page, 'doc').click();
    await eventually(() =>
      page.locator('.inspector__form').evaluate((f) => [...f.querySelectorAll('input')].map((i) => i.value).join('\n')),
    ).toContain(evil('file'));
    await clean(page);

    await page.getByRole('button', { name: 'Preview' }).click();
    const preview = page.locator('[data-tributary="preview"]');
    await eventually(() => preview.innerText()).toContain(evil('text'));
    await preview.locator('.widget-answer').first().click();
    await preview.locator('.widget-frame__composer input').fill(evil('preview-reply'));
    await preview.locator('.widget-frame__composer input').press('Enter');
    await eventually(() => preview.innerText()).toContain(`Thanks ${evil('preview-reply')} from ${evil('value')}`);
    await clean(page);
    await context.close();
  });

  it('in the widget and the inbox, both ways', async () => {
    const inbox = await signIn({ server: { base: s.base }, browser } as unknown as InboxHarness, 'agent@demo.test');
    const agent = inbox.page;
    await agent.waitForSelector('[data-tributary=availability]:not([disabled])');
    await agent.selectOption('[data-tributary=availability]', 'online');
    await eventually(async () =>
      (await s.api('GET', '/api/agents', { token: admin })).body.some(
        (a: any) => a.email === 'agent@demo.test' && a.status === 'online',
      ),
    ).toBe(true);

    const visitor = await (await browser.newContext()).newPage();
    await visitor.goto(`${s.base}/demo`);
    await hook(visitor, 'launcher').click();
    await eventually(async () => (await messages(visitor)).join('\n')).toContain(`Hello ${evil('text')} <i>there</i>`);
    await eventually(() => hook(visitor, 'answer').allInnerTexts()).toContain(`Yes ${evil('label')}`);
    await hook(visitor, 'answer').first().click();
    await eventually(async () => (await messages(visitor)).join('\n')).toContain(`Name? ${evil('capture')}`);
    await hook(visitor, 'input').fill(evil('name'));
    await hook(visitor, 'input').press('Enter');
    await eventually(async () => (await messages(visitor)).join('\n')).toContain(
      `Thanks ${evil('name')} from ${evil('value')}`,
    );
    await eventually(() =>
      visitor.locator('tributary-widget a[href]').evaluateAll((as) => as.map((a) => (a as HTMLAnchorElement).href)),
    ).toEqual(['https://example.com/prices.pdf']);
    await eventually(() => visitor.locator('tributary-widget').evaluate((w) => w.shadowRoot!.textContent)).toContain(
      evil('file'),
    );
    await hook(visitor, 'input').fill('ada@example.com');
    await hook(visitor, 'input').press('Enter');

    await agent.locator('[data-tributary=accept]').click();
    await agent.locator('[data-tributary=chat]').first().click();
    await eventually(() => agent.locator('[data-tributary=profile]').innerText()).toContain(evil('name'));
    await hook(visitor, 'input').fill(evil('visitor-message'));
    await hook(visitor, 'input').press('Enter');
    await eventually(async () =>
      (await agent.locator('[data-tributary=message]').allInnerTexts()).join('\n'),
    ).toContain(evil('visitor-message'));
    await agent.locator('[data-tributary=composer]').fill(evil('agent-message'));
    await agent.locator('[data-tributary=composer]').press('Enter');
    await eventually(async () => (await messages(visitor)).join('\n')).toContain(evil('agent-message'));

    await clean(visitor);
    await clean(agent);
    // The conversation list and transcript pages show the same texts.
    await agent.goto(`${s.base}/inbox/conversations`);
    await eventually(() => agent.locator('body').innerText()).toContain(evil('name'));
    await clean(agent);
  });
});
