import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { VISITOR_PROTOCOL_VERSION } from '../../shared/protocol/visitor.ts';
import { SmtpInbox } from '../../testing/smtpInbox.ts';
import { eventsOf, eventually, hook, messages, recordEvents, widgetWorld, type WidgetWorld } from './testkit.ts';

/**
 * What a visitor meets beyond the demo's happy path (SPEC §6): a show-once poke that was seen counts as shown, the
 * re-prompts speak the page's language, and phone and picklist captures, on the real runtime and Chromium.
 */
let w: WidgetWorld;
let token: string;

/** A poke on the start card, a phone capture, a picklist capture. */
const CAPTURES = {
  format: 'tributary.stream/1',
  name: 'Captures',
  start: 'hi',
  cards: [
    { id: 'hi', type: 'message', data: { text: 'Hello! Two quick questions?', poke: true } },
    {
      id: 'phone',
      type: 'capture',
      data: { attribute: 'phone', prompt: 'Your phone number?', input: 'text', ifKnown: 'overwrite' },
    },
    {
      id: 'role',
      type: 'capture',
      data: {
        attribute: 'jobTitle',
        prompt: 'Your role?',
        input: 'picklist',
        options: ['Marketing', 'Sales', 'Engineering'],
        ifKnown: 'overwrite',
      },
    },
    { id: 'bye', type: 'message', data: { text: 'Thanks!' } },
  ],
  edges: [
    { from: 'hi', to: 'phone' },
    { from: 'phone', to: 'role' },
    { from: 'role', to: 'bye' },
  ],
};

const api = async (method: string, path: string, body?: unknown) => {
  const res = await fetch(w.base + path, {
    method,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
  return res.status === 204 ? undefined : res.json();
};

beforeAll(async () => {
  w = await widgetWorld();
  const res = await fetch(`${w.base}/api/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: 'admin@demo.test', password: 'tributary-demo' }),
  });
  token = ((await res.json()) as { token: string }).token;
  const { id: streamId } = await api('POST', '/api/streams', CAPTURES);
  await api('POST', `/api/streams/${streamId}/publish`, {});
  await api('POST', '/api/dialogues', { name: 'Captures', streamId, include: ['/p/captures'] });
  await api('POST', '/api/dialogues', { name: 'Once', streamId, include: ['/p/once'], showOnce: true });
});
afterAll(() => w?.close());

/** Opens a page and waits until the loader has its answer (`tributary:ready`). */
async function visit(page: Page, url: string) {
  await page.goto(url);
  await page.waitForFunction(() =>
    (window as unknown as { __events?: { name: string }[] }).__events?.some((e) => e.name === 'ready'),
  );
}

async function newVisitor() {
  const context = await w.browser.newContext();
  await recordEvents(context);
  return { context, page: await context.newPage() };
}

describe('show-once', () => {
  it('a poke seen and dismissed is not shown to that visitor again, opened or not', async () => {
    const { context, page } = await newVisitor();
    await visit(page, `${w.site}/p/once`);
    const poke = page.locator('tributary-widget .poke .say');
    await eventually(() => poke.innerText()).toBe('Hello! Two quick questions?');
    expect((await eventsOf(page)).map((e) => e.name)).toEqual(['ready', 'triggered']);
    await page.locator('tributary-widget .poke .dismiss').click();
    expect(await poke.count()).toBe(0);
    // The beacon is on its way; from the next page view on, nothing shows.
    await eventually(async () => {
      await visit(page, `${w.site}/p/once`);
      return hook(page, 'launcher').isVisible();
    }).toBe(false);
    expect(await poke.count()).toBe(0);
    await context.close();

    const other = await newVisitor();
    await visit(other.page, `${w.site}/p/once`);
    await eventually(() => other.page.locator('tributary-widget .poke .say').count()).toBe(1);
    await other.context.close();
  });
});

describe('language', () => {
  it("a Korean page gets Korean re-prompts, the page's own and the server's", async () => {
    const { context, page } = await newVisitor();
    await visit(page, `${w.site}/demo?ko`);
    await hook(page, 'launcher').click();
    await hook(page, 'answer').filter({ hasText: 'Yes' }).click();
    await eventually(() => messages(page)).toContain("Great! What's your first name?");
    await hook(page, 'input').fill('Ada');
    await hook(page, 'input').press('Enter');
    await eventually(() => messages(page)).toContain('And your work email, so we can follow up?');
    await hook(page, 'input').fill('ada@');
    await hook(page, 'input').press('Enter');
    const korean = '이메일 주소 형식이 아닙니다. name@example.com 형식으로 입력해 주세요.';
    await eventually(() => messages(page)).toContain(korean);

    // The same visitor's other tab (a raw client) sends a reply the server refuses: its stored re-prompt is English,
    // and the widget words it in Korean.
    const saved = await page.evaluate(() => JSON.parse(localStorage.getItem('tributary:demo') ?? '{}'));
    const ws = new WebSocket(`${w.base.replace(/^http/, 'ws')}/ws/visitor`);
    await new Promise((ok, fail) => ws.once('open', ok).once('error', fail));
    const inbox: any[] = [];
    ws.on('message', (d) => inbox.push(JSON.parse(String(d))));
    ws.send(
      JSON.stringify({
        type: 'hello',
        v: VISITOR_PROTOCOL_VERSION,
        workspace: 'demo',
        visitorToken: saved.token,
        conversationId: saved.conversation,
        url: `${w.site}/demo?ko`,
      }),
    );
    await eventually(() => inbox.some((m) => m.type === 'welcome')).toBe(true);
    ws.send(JSON.stringify({ type: 'reply', id: 'raw-1', cardId: 'email', text: 'not an email' }));
    await eventually(() => inbox.find((m) => m.type === 'invalid')?.message).toMatch(/does not look like an email/);
    await eventually(async () => (await messages(page)).filter((m) => m === korean).length).toBe(2);
    expect((await messages(page)).some((m) => /does not look like/.test(m))).toBe(false);
    ws.close();
    await context.close();
  });
});

describe('captures', () => {
  it('takes a phone number and a picklist choice, with re-prompts for what they refuse', async () => {
    const { context, page } = await newVisitor();
    await visit(page, `${w.site}/p/captures`);
    await hook(page, 'launcher').click();
    await eventually(() => messages(page)).toEqual(['Hello! Two quick questions?', 'Your phone number?']);
    expect(await hook(page, 'input').getAttribute('inputmode')).toBe('tel');
    await hook(page, 'input').fill('12345');
    await hook(page, 'input').press('Enter');
    await eventually(() => messages(page)).toContain(
      'That does not look like a phone number. Use digits, spaces and + - ( ), at least 7 digits.',
    );
    expect(await hook(page, 'input').inputValue()).toBe('12345');
    await hook(page, 'input').fill('+1 (555) 123-4567');
    await hook(page, 'input').press('Enter');
    await eventually(() => messages(page)).toContain('Your role?');
    await eventually(async () => (await eventsOf(page)).find((e) => e.name === 'phoneCaptured')?.detail.phone).toBe(
      '+1 (555) 123-4567',
    );
    // A short picklist shows its options as buttons, and a typed reply must be one of them.
    expect(await hook(page, 'answer').allInnerTexts()).toEqual(['Marketing', 'Sales', 'Engineering']);
    await hook(page, 'input').fill('CEO');
    await hook(page, 'input').press('Enter');
    await eventually(() => messages(page)).toContain('Please choose one of: Marketing, Sales, Engineering.');
    await hook(page, 'answer').filter({ hasText: 'Sales' }).click();
    await eventually(() => messages(page)).toEqual([
      'Hello! Two quick questions?',
      'Your phone number?',
      '+1 (555) 123-4567',
      'Your role?',
      'Sales',
      'Thanks!',
    ]);
    await eventually(async () => (await eventsOf(page)).map((e) => e.name)).toContain('completed');
    await context.close();
  });
});

describe('transcript by email', () => {
  it('asks for an address when none is known, checks it, and says where the transcript went', async () => {
    const smtp = new SmtpInbox();
    await smtp.listen();
    await api('PUT', '/api/settings/email', {
      host: '127.0.0.1',
      port: smtp.port,
      security: 'none',
      from: 'chat@demo.test',
    });
    const { context, page } = await newVisitor();
    await visit(page, `${w.site}/demo`);
    await hook(page, 'launcher').click();
    await hook(page, 'answer').filter({ hasText: 'Yes' }).click();
    await eventually(() => messages(page)).toContain("Great! What's your first name?");
    await hook(page, 'transcript-email').click({ timeout: 10_000 });
    // No email known yet: the panel asks for one, and checks it before sending.
    await hook(page, 'transcript-email-input').fill('ada@', { timeout: 10_000 });
    await hook(page, 'transcript-email-input').press('Enter');
    await eventually(() => hook(page, 'transcript-error').innerText()).toMatch(/email/);
    await hook(page, 'transcript-email-input').fill('ada@example.com');
    await hook(page, 'transcript-email-input').press('Enter');
    await eventually(() => hook(page, 'transcript-sent').locator('span').innerText()).toBe(
      'We sent the transcript to ada@example.com.',
    );
    if (process.env.TRIBUTARY_SHOTS)
      await page.screenshot({ path: `${process.env.TRIBUTARY_SHOTS}/transcript-email.png` });
    const mail = await smtp.to('ada@example.com');
    expect(mail.raw).toMatch(/^Subject: Your conversation of /m);
    await context.close();
    await smtp.close();
  });
});
