import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client } from '../runtime/server/testkit.ts';
import { editorWorld, node, openStream, until, type EditorWorld } from './test/editorWorld.ts';

/**
 * The results overlay (SPEC §8.5 `results`, `card-results`): a visitor walks the published demo stream through the
 * real visitor socket while two people co-editing it watch the counts change on their canvases; an edit of the
 * draft marks the card as changed for both.
 */
let w: EditorWorld;
beforeAll(async () => {
  w = await editorWorld();
}, 180_000);
afterAll(() => w?.close());

const SHOTS = process.env.TRIBUTARY_SHOTS;

/** The number of visitors who reached a card, read from its `card-results` text ("3 reached…"). */
const reached = (page: Page, id: string) =>
  node(page, id)
    .locator('[data-tributary="card-results"]')
    .innerText()
    .then((t) => Number(/(\d+)\s/.exec(t)?.[1]))
    .catch(() => NaN);
const edgeLabel = (page: Page, id: string) =>
  page
    .locator(`[data-tributary="edge-results"][data-edge="${id}"]`)
    .innerText()
    .catch(() => '');

async function waitReached(pages: Page[], id: string, n: number) {
  for (const p of pages)
    await until(
      () => reached(p, id),
      (v) => v === n,
      `${n} visitors at ${id}`,
    );
}

/** A visitor on the demo page who starts the demo dialogue (the real widget protocol). */
async function visitor(): Promise<Client> {
  const c = await Client.open(`${w.base.replace('http', 'ws')}/ws/visitor`);
  c.send({ type: 'hello', v: 1, workspace: 'demo', url: 'http://localhost/demo' });
  await c.next('welcome');
  c.send({ type: 'start', id: 's1', dialogueId: 'd_demo', url: 'http://localhost/demo' });
  await c.next('started');
  return c;
}

async function answer(c: Client, reply: { answerId: string } | { text: string }, n: number) {
  const ask = await c.next('ask');
  c.send({ type: 'reply', id: `r${n}`, cardId: ask.cardId, ...reply });
  await c.next((m) => m.type === 'ack' && m.id === `r${n}`);
}

describe('results on the canvas', () => {
  it('shows two co-editors the counts change live while a visitor walks the demo, and marks a changed card', async () => {
    const streams = (await w.api('/api/streams')).body as { id: string; name: string }[];
    const demo = streams.find((s) => s.name.startsWith('Demo'))!.id;
    const a = await openStream(await w.signedIn('marketer@demo.test'), w.base, demo);
    const b = await openStream(await w.signedIn('admin@demo.test'), w.base, demo);
    for (const p of [a, b]) {
      expect(await p.locator('[data-tributary="card-results"]').count()).toBe(0);
      await p.locator('[data-tributary="results"]').click();
      expect(await p.locator('[data-tributary="results"]').getAttribute('aria-pressed')).toBe('true');
    }
    await waitReached([a, b], 'hello', 0);

    // A visitor opens the demo: the greeting and the question are reached, the question waits (drop-off so far).
    const ada = await visitor();
    await waitReached([a, b], 'ask', 1);
    await waitReached([a, b], 'hello', 1);
    await until(
      () => node(a, 'ask').locator('[data-tributary="card-results"]').innerText(),
      (t) => t.includes('1 stopped') && t.includes('100%'),
      'the drop-off at the question',
    );
    expect(await node(a, 'ask').locator('.card-results').getAttribute('class')).toContain('is-high-drop');

    // "Yes": the visitor moves on; the edge ask→name carries them, 100% of the question's visitors.
    await answer(ada, { answerId: 'yes' }, 0);
    await waitReached([a, b], 'name', 1);
    await until(
      () => edgeLabel(b, 'ask:yes->name'),
      (t) => t.includes('1') && t.includes('100%'),
      'the edge ask→name in B',
    );
    await until(
      () => node(a, 'ask').locator('[data-tributary="card-results"]').innerText(),
      (t) => !t.includes('stopped'),
      'no drop-off at the question once the visitor moved on',
    );

    // A second visitor says "No thanks": two reached the question, half went each way.
    const bo = await visitor();
    await answer(bo, { answerId: 'no' }, 0);
    await waitReached([a, b], 'ask', 2);
    for (const p of [a, b])
      await until(
        () => edgeLabel(p, 'ask:yes->name'),
        (t) => t.includes('50%'),
        'half of the visitors going to the name capture',
      );
    await until(
      () => a.locator('[data-tributary="results-outcomes"]').innerText(),
      (t) => /2\s*Started/.test(t) && /1\s*Completed/.test(t),
      'the outcomes in the bar',
    );
    if (SHOTS) await a.screenshot({ path: `${SHOTS}/results-overlay.png` });

    // A edits the greeting: both see it marked as changed against v1, whose counts they look at.
    await node(a, 'hello').click();
    const text = a.locator('.inspector [data-tributary="field"][data-field="text"]').first();
    await text.click();
    await a.keyboard.press('Control+End');
    await a.keyboard.type(' Ask us anything.');
    for (const p of [a, b])
      await until(
        () => node(p, 'hello').locator('[data-tributary="card-results"]').innerText(),
        (t) => /changed/i.test(t),
        'the changed mark',
      );
    expect(await node(b, 'ask').locator('[data-tributary="card-results"]').innerText()).not.toMatch(/changed/i);
    await until(
      () => b.locator('[data-tributary="results-drift"]').innerText(),
      (t) => t.includes('1 card') && t.includes('v1'),
      'the drift note in B',
    );
    if (SHOTS) await b.screenshot({ path: `${SHOTS}/results-changed.png` });

    // Off again: the counts leave the canvas.
    await a.locator('[data-tributary="results"]').click();
    await until(
      () => a.locator('[data-tributary="card-results"]').count(),
      (n) => n === 0,
      'no counts once results are off',
    );
    ada.close();
    bo.close();
    await a.context().close();
    await b.context().close();
  }, 240_000);
});
