import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { agentClient, eventually, hook, messages, recordEvents, widgetWorld, type WidgetWorld } from './testkit.ts';

/**
 * "Talk to a person" in the real widget on Chromium (SPEC §6, §8.5 `talk-to-person`): the header action jumps to
 * the stream's marked live-chat card from any question, and a question that takes free text keeps the box open.
 */
let w: WidgetWorld;
let token: string;

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
  const doc = JSON.parse(readFileSync(new URL('../../examples/talk-to-person.json', import.meta.url), 'utf8'));
  const { id: streamId } = await api('POST', '/api/streams', doc);
  await api('POST', `/api/streams/${streamId}/publish`, {});
  await api('POST', '/api/dialogues', { name: 'Person', streamId, include: ['/p/person'] });
});
afterAll(() => w?.close());

async function open(path: string): Promise<{ page: Page; close(): Promise<void> }> {
  const context = await w.browser.newContext();
  await recordEvents(context);
  const page = await context.newPage();
  await page.goto(`${w.site}${path}`);
  await hook(page, 'launcher').click();
  return { page, close: () => context.close() };
}

describe('talk to a person', () => {
  it('jumps from the first question to the marked live chat, and an agent joins', async () => {
    const agent = await agentClient(w.base);
    await agent.next('hello');
    agent.send({ type: 'status', status: 'online' });
    await agent.next('status');

    const { page, close } = await open('/p/person');
    await eventually(() => hook(page, 'answer').allInnerTexts()).toEqual(['Pricing', 'Just looking']);
    const action = hook(page, 'talk-to-person');
    expect(await action.innerText()).toBe('Talk to a person');
    await page.screenshot({ path: '/tmp/tributary-talk-to-person.png' });
    await action.click();
    const offer = await agent.next('offer');
    // The question is left: its buttons go, the action goes (the bot no longer runs), "connecting" shows.
    await eventually(() => hook(page, 'answer').count()).toBe(0);
    await eventually(() => action.count()).toBe(0);
    agent.send({ type: 'accept', conversationId: offer.offer.conversationId });
    await eventually(() => page.locator('tributary-widget .head .name').innerText()).toBe('Alex Agent');
    agent.send({ type: 'message', id: 'a1', conversationId: offer.offer.conversationId, text: 'Hi, how can I help?' });
    await eventually(() => messages(page)).toContain('Hi, how can I help?');
    await page.screenshot({ path: '/tmp/tributary-talk-to-person-live.png' });
    agent.send({ type: 'end', conversationId: offer.offer.conversationId });
    agent.send({ type: 'status', status: 'offline' });
    agent.close();
    await close();
  });

  it('takes a typed answer on a free-text question (the other port), in Korean too', async () => {
    const { page, close } = await open('/p/person?ko');
    await eventually(() => hook(page, 'answer').count()).toBe(2);
    const input = hook(page, 'input');
    expect(await input.isDisabled()).toBe(false);
    expect(await input.getAttribute('placeholder')).toBe('위에서 고르거나 직접 입력하세요…');
    expect(await hook(page, 'talk-to-person').innerText()).toBe('상담원과 대화하기');
    await input.fill('A demo for my team');
    await input.press('Enter');
    await eventually(() => messages(page)).toContain('Thanks, we noted: A demo for my team.');
    expect(await hook(page, 'talk-to-person').count()).toBe(0);
    await page.screenshot({ path: '/tmp/tributary-free-text.png' });
    await close();
  });
});
