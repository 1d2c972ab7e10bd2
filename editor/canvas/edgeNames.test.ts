import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { editorWorld, openStream, until, type EditorWorld } from '../test/editorWorld.ts';

/**
 * Every edge of the canvas has an accessible name a person reads, by the cards it joins, in the chosen language
 * (React Flow's default, "Edge from <id> to <id>", says ids in English); a card that says nothing is named by its
 * type and the card before it. Checked through Chromium's accessibility tree.
 */
let w: EditorWorld;
beforeAll(async () => {
  w = await editorWorld();
}, 180_000);
afterAll(() => w?.close());

const SHOTS = process.env.TRIBUTARY_SHOTS;
const doc = {
  format: 'tributary.stream/1',
  name: 'Edge names',
  start: 'hello',
  cards: [
    { id: 'hello', type: 'message', data: { text: 'Welcome' }, position: { x: 0, y: 0 } },
    { id: 'email', type: 'capture', data: { prompt: 'Ask email', attribute: 'email' }, position: { x: 0, y: 220 } },
    { id: 'agent', type: 'liveChat', data: { routing: { mode: 'roundRobin' } }, position: { x: 0, y: 440 } },
  ],
  edges: [
    { from: 'hello', to: 'email' },
    { from: 'email', to: 'agent' },
  ],
};

const names = (page: import('playwright-core').Page) =>
  page.locator('.react-flow__edge').evaluateAll((els) => els.map((e) => e.getAttribute('aria-label')).sort());

describe('canvas edges', () => {
  it('are named by the cards they join, in English and in Korean, never by ids', async () => {
    const id = await w.importStream(doc);
    const context = await w.signedIn('marketer@demo.test');
    const page = await openStream(context, w.base, id);
    await until(
      () => names(page),
      (n) => n.length === 2 && n.every(Boolean),
      'the edges named',
    );
    expect(await names(page)).toEqual([
      'From ‘Ask email’ to the Live chat card after ‘Ask email’',
      'From ‘Welcome’ to ‘Ask email’',
    ]);
    // What assistive technology gets: the edge's role and name.
    const a11y = await page.locator('.react-flow__edge[data-id="hello:next->email"]').ariaSnapshot();
    expect(a11y).toContain('From ‘Welcome’ to ‘Ask email’');
    if (SHOTS) await page.screenshot({ path: `${SHOTS}/canvas-edges-en.png` });

    // A card's text changes the names of its edges.
    await page.locator('.react-flow__node[data-id="hello"]').click();
    const text = page.locator('.inspector [data-tributary="field"][data-field="text"]').first();
    await text.click();
    await page.keyboard.press('Control+End');
    await page.keyboard.type(' back');
    await until(
      () => names(page),
      (n) => n.includes('From ‘Welcome back’ to ‘Ask email’'),
      'the edge renamed',
    );

    await page.locator('select.lang-switch').selectOption('ko');
    await until(
      () => names(page),
      (n) => n.includes('‘Welcome back’에서 ‘Ask email’(으)로'),
      'the Korean names',
    );
    expect(await names(page)).toEqual([
      '‘Ask email’에서 ‘Ask email’ 다음의 라이브 채팅 카드로',
      '‘Welcome back’에서 ‘Ask email’(으)로',
    ]);
    for (const n of await names(page)) expect(n).not.toMatch(/\bhello\b|\bagent\b|Edge from/);
    if (SHOTS) await page.screenshot({ path: `${SHOTS}/canvas-edges-ko.png` });
    await context.close();
  }, 120_000);
});
