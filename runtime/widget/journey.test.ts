import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  agentClient,
  eventsOf,
  eventually,
  hook,
  messages,
  recordEvents,
  widgetWorld,
  type WidgetWorld,
} from './testkit.ts';

/** The demo workspace's journeys through the real widget, runtime and Chromium (SPEC §8.4, §6). */
let w: WidgetWorld;
beforeAll(async () => {
  w = await widgetWorld();
});
afterAll(() => w?.close());

async function openDemo(): Promise<Page> {
  const context = await w.browser.newContext();
  await recordEvents(context);
  const page = await context.newPage();
  await page.goto(`${w.base}/demo`);
  await hook(page, 'launcher').click();
  return page;
}

const names = async (page: Page) => (await eventsOf(page)).map((e) => e.name);

/** Answers "Yes", then the name and email captures (with one refused email on the way). */
async function askForSales(page: Page) {
  await hook(page, 'answer').filter({ hasText: 'Yes' }).click();
  await eventually(() => messages(page)).toContain("Great! What's your first name?");
  await hook(page, 'input').fill('Ada');
  await hook(page, 'input').press('Enter');
  await eventually(() => messages(page)).toContain('And your work email, so we can follow up?');
  await hook(page, 'input').fill('ada@');
  await hook(page, 'input').press('Enter');
  // Refused in the page with the server's own re-prompt; the text stays in the box to be corrected.
  await eventually(async () => (await messages(page)).some((m) => m.includes('does not look like an email'))).toBe(
    true,
  );
  expect(await hook(page, 'input').inputValue()).toBe('ada@');
  await hook(page, 'input').fill('ada@northwind.example');
  await hook(page, 'input').press('Enter');
}

describe('the demo journey', () => {
  it('runs the bot branch ("No thanks") to the end, with a typing pause and every callback once, in order', async () => {
    const page = await openDemo();
    await eventually(() => messages(page)).toEqual([
      'Hi there! Welcome to the demo.',
      'Would you like to talk to someone from sales?',
    ]);
    expect(await hook(page, 'answer').allInnerTexts()).toEqual(['Yes', 'No thanks']);
    await hook(page, 'answer').filter({ hasText: 'No thanks' }).click();
    await eventually(() => messages(page)).toEqual([
      'Hi there! Welcome to the demo.',
      'Would you like to talk to someone from sales?',
      'No thanks',
      'No problem. Have a look around!',
    ]);
    await eventually(() => names(page)).toEqual(['ready', 'triggered', 'engaged', 'completed']);
    const events = await eventsOf(page);
    expect(events[1].detail).toEqual({ dialogueId: 'd_demo' });
    expect(events[2].detail.conversationId).toBeTruthy();
    expect(await hook(page, 'answer').count()).toBe(0);
    await eventually(() => hook(page, 'input').isDisabled()).toBe(true);
    await page.context().close();
  });

  it('asks for name and email, shows "connecting…", then the fallback message when no agent is online', async () => {
    const page = await openDemo();
    await askForSales(page);
    await eventually(() => page.locator('tributary-widget .system').allInnerTexts()).toContain(
      'Connecting you to someone…',
    );
    const fallback =
      'Sorry, nobody is available to chat right now. Leave us a message here and we will get back to you by email.';
    await eventually(() => messages(page)).toContain(fallback);
    expect(await messages(page)).toEqual(
      [
        'Hi there! Welcome to the demo.',
        'Would you like to talk to someone from sales?',
        'Yes',
        "Great! What's your first name?",
        'Ada',
        'And your work email, so we can follow up?',
        'ada@',
        'That does not look like an email address. Please use the form name@example.com.',
        'ada@northwind.example',
        fallback,
      ].filter((m) => m !== 'ada@' && !m.startsWith('That does not')),
    );
    await eventually(() => names(page)).toEqual([
      'ready',
      'triggered',
      'engaged',
      'emailCaptured',
      'liveChatRequested',
      'requestTimeout',
    ]);
    const byName = Object.fromEntries((await eventsOf(page)).map((e) => [e.name, e.detail]));
    expect(byName.emailCaptured.email).toBe('ada@northwind.example');
    expect(byName.requestTimeout.reason).toBe('no-eligible-agent');
    await page.context().close();
  });

  it('hands off to a live agent: name and avatar, typing both ways, delivery state, the end of the chat', async () => {
    const agent = await agentClient(w.base);
    await agent.next('hello');
    agent.send({ type: 'status', status: 'online' });
    await agent.next('status');
    const page = await openDemo();
    await askForSales(page);
    const offer = await agent.next('offer');
    const conversationId = offer.offer.conversationId;
    agent.send({ type: 'accept', conversationId });
    await agent.next('chatOpened');
    const head = page.locator('tributary-widget .head');
    await eventually(() => head.innerText()).toContain('Alex Agent');
    expect(await head.locator('.avatar').innerText()).toBe('AA');
    await eventually(async () =>
      (await page.locator('tributary-widget .system').allInnerTexts()).some((t) =>
        t.endsWith('Alex Agent joined the chat'),
      ),
    ).toBe(true);

    agent.send({ type: 'typing', conversationId, on: true });
    await eventually(() => page.locator('tributary-widget [aria-label="Alex Agent is typing…"]').count()).toBe(1);
    agent.send({ type: 'message', id: 'a-1', conversationId, text: 'Hi Ada! How can I help?' });
    await eventually(() => messages(page)).toContain('Hi Ada! How can I help?');

    await hook(page, 'input').fill('Do you have a discount for 12 builders?');
    const typing = await agent.next('typing', (m) => m.conversationId === conversationId && m.on === true);
    expect(typing.on).toBe(true);
    await hook(page, 'input').press('Enter');
    const item = await agent.next('item', (m) => m.item.type === 'visitor');
    expect(item.item.text).toBe('Do you have a discount for 12 builders?');
    // Stored (Sent), and at once on the agent's screen (Delivered), then seen (Read).
    await eventually(async () =>
      (await page.locator('tributary-widget .meta').allInnerTexts()).some((t) => t === 'Sent' || t === 'Delivered'),
    ).toBe(true);
    agent.send({ type: 'read', conversationId, upTo: item.item.seq });
    await eventually(() => page.locator('tributary-widget .meta').allInnerTexts()).toContain('Read');

    agent.send({ type: 'end', conversationId });
    await eventually(() => page.locator('tributary-widget .system').allInnerTexts()).toContain('The chat has ended.');
    await eventually(() => names(page)).toEqual([
      'ready',
      'triggered',
      'engaged',
      'emailCaptured',
      'liveChatRequested',
      'liveChatInitiated',
      'liveChatEnded',
    ]);
    const byName = Object.fromEntries((await eventsOf(page)).map((e) => [e.name, e.detail]));
    expect(byName.liveChatInitiated.agentName).toBe('Alex Agent');
    expect(byName.liveChatEnded.by).toBe('agent');
    agent.close();
    await page.context().close();
  });

  it('lets the visitor end the live chat from the header', async () => {
    const agent = await agentClient(w.base);
    await agent.next('hello');
    agent.send({ type: 'status', status: 'online' });
    await agent.next('status');
    const page = await openDemo();
    await askForSales(page);
    const offer = await agent.next('offer');
    agent.send({ type: 'accept', conversationId: offer.offer.conversationId });
    const end = page.locator('tributary-widget .head .end');
    await eventually(() => page.locator('tributary-widget .head .name').innerText()).toBe('Alex Agent');
    expect(await end.innerText()).toBe('End chat');
    await end.click();
    await eventually(() => page.locator('tributary-widget .system').allInnerTexts()).toContain('The chat has ended.');
    expect(await end.count()).toBe(0);
    await eventually(() => hook(page, 'input').isDisabled()).toBe(true);
    await eventually(async () => (await eventsOf(page)).find((e) => e.name === 'liveChatEnded')?.detail.by).toBe(
      'visitor',
    );
    agent.close();
    await page.context().close();
  });
});
