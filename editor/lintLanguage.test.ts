import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { editorWorld, openStream, until, type EditorWorld } from './test/editorWorld.ts';

/** A marketer who reads Korean sees lint findings in Korean, naming cards by what they say; codes stay as they are. */
const BROKEN = JSON.parse(readFileSync(new URL('../examples/broken.json', import.meta.url), 'utf8')) as unknown;

let w: EditorWorld;
beforeAll(async () => {
  w = await editorWorld();
}, 180_000);
afterAll(() => w?.close());

describe('lint in the editor’s language', () => {
  it('shows every row of a broken stream in Korean, and in English again after switching', async () => {
    const id = await w.importStream(BROKEN);
    const context = await w.signedIn();
    await context.addInitScript(() => localStorage.setItem('tributary.lang', 'ko'));
    const page = await openStream(context, w.base, id);
    const rows = page.locator('[data-tributary="lint"]');
    await until(
      () => rows.count(),
      (n) => n >= 10,
      'the lint rows',
    );
    const texts = await rows.allInnerTexts();
    // Every row keeps its code and speaks Korean; the question is named by its prompt, the live chat (it says
    // nothing) by its type and the card before it, never by its id.
    for (const text of texts) expect(text).toMatch(/[가-힣]/);
    expect(texts.some((t) => t.includes('live-chat-not-last') && t.includes('“Psst!” 다음의 라이브 채팅 카드'))).toBe(
      true,
    );
    expect(texts.join('\n')).not.toMatch(/“agent”|“meet”|\bagent\b|\bmeet\b/);
    expect(texts.some((t) => t.includes('duplicate-answer-label') && t.includes('“Talk to sales?”'))).toBe(true);
    expect(texts.join('\n')).not.toContain('leads nowhere');

    await page.locator('select.lang-switch').selectOption('en');
    await until(
      () => rows.allInnerTexts(),
      (all) => all.some((t) => t.includes('leads nowhere')),
      'English rows',
    );
    const english = (await rows.allInnerTexts()).join('\n');
    expect(english).toContain('The Live chat card after "Psst!" has an edge to "Hi {{fistName}}!"');
    expect(english).not.toMatch(/"agent"|"meet"/);
    await context.close();
  }, 120_000);
});
