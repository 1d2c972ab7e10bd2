import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { editorWorld, node, openStream, until, type EditorWorld } from './test/editorWorld.ts';

/**
 * Several people typing in the same field of the same card at once, with real keyboard input in Chromium through the
 * real runtime: every word arrives whole, nobody's caret jumps, undo is one's own (SPEC §8.5 `field` hooks).
 */
let w: EditorWorld;
beforeAll(async () => {
  w = await editorWorld();
}, 180_000);
afterAll(() => w?.close());

const SHOTS = process.env.TRIBUTARY_SHOTS;

function streamDoc(name: string) {
  return {
    format: 'tributary.stream/1',
    name,
    start: 'hello',
    cards: [
      { id: 'hello', type: 'message', data: { text: 'Welcome!' }, position: { x: 0, y: 0 } },
      {
        id: 'ask',
        type: 'question',
        data: {
          prompt: 'Talk to sales?',
          answers: [
            { id: 'yes', label: 'Yes' },
            { id: 'no', label: 'No' },
          ],
        },
        position: { x: 0, y: 200 },
      },
    ],
    edges: [{ from: 'hello', to: 'ask' }],
  };
}

async function editors(name: string, emails: string[]): Promise<Page[]> {
  const id = await w.importStream(streamDoc(name));
  const contexts = await Promise.all(emails.map((e) => w.signedIn(e)));
  return Promise.all(contexts.map((c) => openStream(c, w.base, id)));
}

const field = (page: Page, name: string) => page.locator(`.inspector [data-tributary="field"][data-field="${name}"]`);
const labels = (page: Page) =>
  page.locator('.inspector [data-tributary="field"][data-field^="answers."][data-field$=".label"]');
const valueOf = (page: Page, name: string) => field(page, name).first().inputValue();
const caretOf = (page: Page, name: string) =>
  field(page, name)
    .first()
    .evaluate((el) => [(el as HTMLInputElement).selectionStart, (el as HTMLInputElement).selectionEnd]);

/** Selects a card and puts the caret in one of its fields, at the start or the end. */
async function focusField(page: Page, cardId: string, name: string, at: 'start' | 'end') {
  await node(page, cardId).click();
  const box = field(page, name);
  await box.click();
  await page.keyboard.press(at === 'start' ? 'Control+Home' : 'Control+End');
}

async function closeAll(pages: Page[]) {
  for (const p of pages) await p.context().close();
}

describe('typing together in one field', () => {
  it('keeps both people’s words whole and each caret where its owner types (start and end of one text)', async () => {
    const [a, b] = await editors('Typing start and end', ['marketer@demo.test', 'admin@demo.test']);
    await focusField(a, 'hello', 'text', 'start');
    await focusField(b, 'hello', 'text', 'end');
    const wordsA = 'Hello there, ';
    const wordsB = ' We reply within minutes.';
    // B starts first; while B types, A's caret must stay at the start.
    const typingB = b.keyboard.type(wordsB, { delay: 45 });
    await until(
      () => valueOf(a, 'text'),
      (v) => v.length > 'Welcome!'.length + 3,
      'B’s first letters in A',
    );
    expect(await caretOf(a, 'text')).toEqual([0, 0]);
    await Promise.all([a.keyboard.type(wordsA, { delay: 35 }), typingB]);
    const expected = `${wordsA}Welcome!${wordsB}`;
    for (const p of [a, b])
      await until(
        () => valueOf(p, 'text'),
        (v) => v === expected,
        'the merged text',
      );
    // Each caret is right after what its owner typed.
    expect(await caretOf(a, 'text')).toEqual([wordsA.length, wordsA.length]);
    expect(await caretOf(b, 'text')).toEqual([expected.length, expected.length]);
    // And the card on the canvas shows it.
    await until(
      () => node(b, 'hello').locator('.card-node__body').innerText(),
      (t) => t.includes('Hello there, Welcome!'),
      'the card body',
    );
    if (SHOTS) {
      // Both carets in the field, seen from A's side: B's caret at the end, with B's name.
      await field(a, 'text').first().click();
      await a.keyboard.press('Control+Home');
      await b.keyboard.press('Control+End');
      await until(
        () => a.locator('[data-tributary="remote-caret"]').count(),
        (n) => n === 1,
        'B’s caret in A',
      );
      await a.screenshot({ path: `${SHOTS}/typing-two-users.png` });
    }
    await closeAll([a, b]);
  }, 240_000);

  it('keeps the words of three people typing at the same place at once whole', async () => {
    const pages = await editors('Typing three', ['marketer@demo.test', 'admin@demo.test', 'marketer@demo.test']);
    for (const p of pages) await focusField(p, 'hello', 'text', 'end');
    const words = [' alpha bravo charlie', ' delta echo foxtrot', ' golf hotel india'];
    await Promise.all(pages.map((p, i) => p.keyboard.type(words[i], { delay: 30 + i * 7 })));
    const final = await until(
      () => Promise.all(pages.map((p) => valueOf(p, 'text'))),
      (vs) => vs.every((v) => v === vs[0]) && vs[0].length === 'Welcome!'.length + words.join('').length,
      'the same text everywhere',
    );
    for (const word of words) expect(final[0]).toContain(word);
    expect(final[0].startsWith('Welcome!')).toBe(true);
    // Every caret sits right after its owner's words.
    for (const [i, p] of pages.entries()) {
      const end = final[0].indexOf(words[i]) + words[i].length;
      expect(await caretOf(p, 'text')).toEqual([end, end]);
    }
    if (SHOTS) await pages[0].screenshot({ path: `${SHOTS}/typing-three-users.png` });
    await closeAll(pages);
  }, 240_000);

  it('keeps two people’s edits of two fields of one card, and undoes only one’s own typing', async () => {
    const [a, b] = await editors('Two fields', ['marketer@demo.test', 'admin@demo.test']);
    await focusField(a, 'ask', 'prompt', 'end');
    await focusField(b, 'ask', 'answers.1.label', 'end');
    await Promise.all([a.keyboard.type(' Or book a demo?', { delay: 30 }), b.keyboard.type(' thanks', { delay: 30 })]);
    for (const p of [a, b]) {
      await until(
        () => valueOf(p, 'prompt'),
        (v) => v === 'Talk to sales? Or book a demo?',
        'the prompt',
      );
      await until(
        () => valueOf(p, 'answers.1.label'),
        (v) => v === 'No thanks',
        'the answer',
      );
    }
    // Both type in the prompt; A undoes: only A's words go.
    await field(b, 'prompt').click();
    await b.keyboard.press('Control+End');
    await b.keyboard.type(' Today!', { delay: 20 });
    await until(
      () => valueOf(a, 'prompt'),
      (v) => v.endsWith('Today!'),
      'B’s words in A',
    );
    // Typing is grouped into steps of a pause or a caret jump (how many depends on the machine's speed): A undoes
    // step by step until A's words are gone; B's words stay at every step.
    await field(a, 'prompt').click();
    await a.keyboard.press('Control+End');
    let seen = await valueOf(a, 'prompt');
    for (let i = 0; i < 20 && seen !== 'Talk to sales? Today!'; i++) {
      await a.keyboard.press('Control+z');
      seen = await until(
        () => valueOf(a, 'prompt'),
        (v) => v !== seen,
        'one undo step',
      );
      expect(seen.endsWith(' Today!')).toBe(true);
    }
    await until(
      () => valueOf(b, 'prompt'),
      (v) => v === 'Talk to sales? Today!',
      'A’s typing undone in B',
    );
    for (let i = 0; i < 20 && seen !== 'Talk to sales? Or book a demo? Today!'; i++) {
      await a.keyboard.press('Control+Shift+z');
      seen = await until(
        () => valueOf(a, 'prompt'),
        (v) => v !== seen,
        'one redo step',
      );
    }
    await until(
      () => valueOf(b, 'prompt'),
      (v) => v === 'Talk to sales? Or book a demo? Today!',
      'redone in B',
    );
    await closeAll([a, b]);
  }, 240_000);

  it('keeps an answer added by one and answers reordered by another at the same time', async () => {
    const [a, b] = await editors('Answers', ['marketer@demo.test', 'admin@demo.test']);
    await node(a, 'ask').click();
    await node(b, 'ask').click();
    await Promise.all([
      a.getByRole('button', { name: /add answer/i }).click(),
      b.locator('.inspector .list-row').first().locator('button[title="Move down"]').click(),
    ]);
    for (const p of [a, b]) {
      await until(
        () => labels(p).evaluateAll((els) => els.map((e) => (e as HTMLInputElement).value)),
        (v) => v.length === 3 && v[0] === 'No' && v[1] === 'Yes' && v[2] === '',
        'three answers, reordered',
      );
    }
    await closeAll([a, b]);
  }, 240_000);
});
