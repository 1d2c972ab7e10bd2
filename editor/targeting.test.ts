import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { editorWorld, openStream, until, type EditorWorld } from './test/editorWorld.ts';

/** The targeting panel warns when another active dialogue shows on the same pages at the same priority. */
let w: EditorWorld;
beforeAll(async () => {
  w = await editorWorld();
}, 180_000);
afterAll(() => w?.close());

const SHOTS = process.env.TRIBUTARY_SHOTS;

const stream = (name: string) => ({
  format: 'tributary.stream/1',
  name,
  start: 'hello',
  cards: [{ id: 'hello', type: 'message', data: { text: `Welcome to ${name}` }, position: { x: 0, y: 0 } }],
  edges: [],
});

describe('targeting', () => {
  it('warns about another dialogue on the same page at the same priority, until the priority differs', async () => {
    const other = await w.importStream(stream('Pricing help'));
    expect((await w.api(`/api/streams/${other}/publish`, { method: 'POST', body: {} })).status).toBe(201);
    const created = await w.api('/api/dialogues', {
      method: 'POST',
      body: { name: 'Pricing help', streamId: other, include: ['/pricing*'], priority: 1 },
    });
    expect(created.status).toBe(201);

    const id = await w.importStream(stream('Enterprise'));
    const page = await openStream(await w.signedIn('marketer@demo.test'), w.base, id);
    await page.getByRole('button', { name: 'Targeting' }).click();
    const panel = page.locator('.side-panel, aside').filter({ hasText: 'Show on pages matching' }).first();
    await panel.getByLabel('Show on pages matching', { exact: false }).fill('/pricing/enterprise');
    const warning = page.locator('.warn-banner');
    await until(
      () => warning.allInnerTexts(),
      (t) => t.length === 1 && t[0].includes('Pricing help') && t[0].includes('/pricing/enterprise'),
      'the warning',
    );
    if (SHOTS) await page.screenshot({ path: `${SHOTS}/targeting-same-page.png` });
    await panel.getByLabel('Priority', { exact: false }).fill('2');
    await until(
      () => warning.count(),
      (n) => n === 0,
      'no warning at another priority',
    );
    await page.context().close();
  }, 240_000);
});
