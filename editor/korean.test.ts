import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { STANDARD_ATTRIBUTES } from '../shared/stream/attributes.ts';
import { englishLeft, userWords } from './test/englishLeft.ts';
import { editorWorld, node, openStream, until, type EditorWorld } from './test/editorWorld.ts';

/**
 * The editor in Korean: every page and state a marketer or admin meets, with the language set to Korean, says
 * everything in Korean: no English UI text, raw identifier (card ids, type names, codes) or English-formatted date
 * is left, whatever is not the user's own content (stream texts, names, attribute names). With TRIBUTARY_SHOTS
 * set, each state is also saved as a screenshot to look at.
 */
const SHOTS = process.env.TRIBUTARY_SHOTS;
const example = (name: string) => JSON.parse(readFileSync(resolve(import.meta.dirname, `../examples/${name}`), 'utf8'));

let w: EditorWorld;
let user: Set<string>;
let demo: string;
let full: string;
let broken: string;
beforeAll(async () => {
  w = await editorWorld();
  const streams = (await w.api('/api/streams')).body as { id: string; name: string }[];
  demo = streams.find((s) => s.name.startsWith('Demo'))!.id;
  full = await w.importStream(example('lead-qualification.json'));
  broken = await w.importStream(example('broken.json'));
  // The user's own words: the streams' texts, names and attributes, the workspace's people and teams.
  const content: unknown[] = [];
  for (const id of [demo, full, broken]) {
    content.push((await w.api(`/api/streams/${id}/export`)).body);
    content.push((await w.api(`/api/streams/${id}/lint-context`)).body);
  }
  content.push(streams, (await w.api('/api/dialogues', { email: 'admin@demo.test' })).body);
  // Attribute names are identifiers the marketer writes in {{tokens}}: shown as they are. What this test types too,
  // and the broken file as written (its edges name ports its cards do not have).
  // The broken file's card of an unknown type has nothing but its id and type to be named by, and an edge from a
  // port its card does not have.
  content.push(STANDARD_ATTRIBUTES, 'meet meeting next', 'Glad');
  user = userWords(...content, 'Ada Admin Marketer Agent');
}, 240_000);
afterAll(() => w?.close());

/** A context whose pages open in Korean (the language choice the app remembers). */
async function korean(email?: string): Promise<BrowserContext> {
  const context = email
    ? await w.signedIn(email)
    : await w.browser.newContext({ viewport: { width: 1440, height: 900 } });
  await context.addInitScript(() => localStorage.setItem('tributary.lang', 'ko'));
  return context;
}

/** What is still English on the page in this state: none, else the texts (with the state named). */
async function check(page: Page, state: string, found: Record<string, string[]>) {
  if (SHOTS) await page.screenshot({ path: `${SHOTS}/ko-${state}.png` });
  const left = await englishLeft(page, user);
  if (left.length) found[state] = left;
}

describe('the editor in Korean', () => {
  it('has no English left on any page or state', async () => {
    const found: Record<string, string[]> = {};
    const guest = await korean();
    const signIn = await guest.newPage();
    await signIn.goto(w.base + '/');
    await signIn.locator('input[type="password"]').waitFor();
    await check(signIn, 'sign-in', found);
    await guest.close();

    const context = await korean('admin@demo.test');
    const page = await context.newPage();
    page.on('pageerror', (e) => console.error(`page error: ${e.message}`));
    await page.goto(w.base + '/');
    await page.locator('.list-page h1').waitFor();
    await until(
      () => page.locator('tbody tr').count(),
      (n) => n >= 3,
      'the streams listed',
    );
    await check(page, 'streams', found);

    // Every card type's inspector, on a stream that has them all.
    await page.goto(`${w.base}/streams/${full}`);
    await page.waitForSelector('[data-tributary="connection"][data-state="live"]');
    await page.waitForSelector('.react-flow__node');
    await check(page, 'canvas', found);
    const doc = example('lead-qualification.json') as { cards: { id: string; type: string }[] };
    const seen = new Set<string>();
    for (const card of doc.cards) {
      if (seen.has(card.type)) continue;
      seen.add(card.type);
      await node(page, card.id).click();
      await page.locator('.inspector').waitFor();
      await check(page, `inspector-${card.type}`, found);
    }

    // The problems panel of a stream with mistakes (and a card type this version does not know).
    await page.goto(`${w.base}/streams/${broken}`);
    await page.waitForSelector('[data-tributary="connection"][data-state="live"]');
    await until(
      () => page.locator('[data-tributary="lint"]').count(),
      (n) => n > 0,
      'the problems listed',
    );
    await check(page, 'problems', found);
    await node(page, 'agent').click();
    await check(page, 'inspector-broken', found);

    // The demo: an edit, publish, versions and their difference, results, preview, targeting.
    const editor = await openStream(context, w.base, demo);
    await node(editor, 'hello').click();
    const text = editor.locator('.inspector [data-tributary="field"][data-field="text"]').first();
    await text.click();
    await editor.keyboard.press('Control+End');
    await editor.keyboard.type(' Glad');
    await editor.locator('[data-tributary="unpublished"]').waitFor();
    await check(editor, 'unpublished', found);
    await editor.locator('[data-tributary="publish"]').click();
    await editor.locator('[data-tributary="publish-result"]').waitFor();
    await check(editor, 'published', found);
    await editor.getByRole('button', { name: '버전' }).click();
    await until(
      () => editor.locator('[data-tributary="version"]').count(),
      (n) => n >= 2,
      'two versions',
    );
    await check(editor, 'versions', found);
    for (const v of ['1', '2'])
      await editor.locator(`[data-tributary="version"][data-version="${v}"] input[type="checkbox"]`).check();
    await editor.locator('[data-tributary="diff"]').waitFor();
    await check(editor, 'diff', found);
    await editor.locator('[data-tributary="results"]').click();
    await editor.locator('[data-tributary="card-results"]').first().waitFor();
    await check(editor, 'results', found);
    await editor.locator('[data-tributary="results"]').click();
    await editor.getByRole('button', { name: '미리 보기' }).click();
    await editor.locator('[data-tributary="preview"]').waitFor();
    await check(editor, 'preview', found);
    await editor.getByRole('button', { name: '타기팅' }).click();
    await check(editor, 'targeting', found);
    await editor.getByRole('button', { name: '단축키' }).click();
    await check(editor, 'shortcuts', found);
    await editor.keyboard.press('Escape');

    // Leads, the widget's settings.
    await page.goto(w.base + '/leads');
    await page.locator('.leads-page h1').waitFor();
    await page.locator('.leads-page .empty, [data-tributary="leads-row"]').first().waitFor();
    await check(page, 'leads', found);
    await page.locator('[data-tributary="leads-erase"]').click();
    await check(page, 'leads-erase', found);
    await page.keyboard.press('Escape');
    await page.goto(w.base + '/widget');
    await page.locator('.list-page h1').waitFor();
    await check(page, 'widget', found);
    await page.goto(w.base + '/widget/install');
    await page.locator('.list-page h1').waitFor();
    await check(page, 'install', found);

    expect(found).toEqual({});
    await context.close();
  }, 600_000);
});
