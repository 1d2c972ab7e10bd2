import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { editorWorld, node, openStream, type EditorWorld } from '../test/editorWorld.ts';

/**
 * While a card is dragged, its edges are drawn on the drag canvas instead of React Flow's SVG (dragEdges.ts); once
 * it is dropped they are SVG again, ending at the card's new place. Edges of cards that do not move stay SVG.
 */
let w: EditorWorld;
beforeAll(async () => {
  w = await editorWorld();
}, 180_000);
afterAll(() => w?.close());

const doc = {
  format: 'tributary.stream/1',
  name: 'Drag edges',
  start: 'hello',
  cards: [
    { id: 'hello', type: 'message', data: { text: 'Hi!' }, position: { x: 0, y: 0 } },
    { id: 'mid', type: 'message', data: { text: 'In the middle' }, position: { x: 0, y: 220 } },
    { id: 'bye', type: 'message', data: { text: 'Bye!' }, position: { x: 0, y: 440 } },
    { id: 'side', type: 'message', data: { text: 'Aside' }, position: { x: 420, y: 0 } },
    { id: 'end', type: 'message', data: { text: 'The end' }, position: { x: 420, y: 220 } },
  ],
  edges: [
    { from: 'hello', to: 'mid' },
    { from: 'mid', to: 'bye' },
    { from: 'side', to: 'end' },
  ],
};

const MOVED = ['hello:next->mid', 'mid:next->bye'];
const STILL = 'side:next->end';

const svgEdge = (page: Page, id: string) => page.locator(`.react-flow__edge[data-id="${id}"]`);

/** Whether the drag canvas is shown, and how many of its pixels are painted. */
const dragCanvas = (page: Page) =>
  page.evaluate(() => {
    const c = document.querySelector<HTMLCanvasElement>('canvas.drag-edges');
    if (!c) return { shown: false, painted: 0 };
    const shown = getComputedStyle(c).display !== 'none';
    if (!shown || !c.width || !c.height) return { shown, painted: 0 };
    const data = c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data;
    let painted = 0;
    for (let i = 3; i < data.length; i += 4) if (data[i] > 0) painted++;
    return { shown, painted };
  });

/** The screen point where an SVG edge's path ends. */
const pathEnd = (page: Page, id: string) =>
  svgEdge(page, id)
    .locator('.react-flow__edge-path')
    .evaluate((p: SVGPathElement) => {
      const at = p.getPointAtLength(p.getTotalLength());
      const m = p.getScreenCTM()!;
      return { x: at.x * m.a + at.y * m.c + m.e, y: at.x * m.b + at.y * m.d + m.f };
    });

describe('dragging a card', () => {
  it("draws the card's edges on the drag canvas while it moves, and as SVG at its new place once dropped", async () => {
    const id = await w.importStream(doc);
    const page = await openStream(await w.signedIn('marketer@demo.test'), w.base, id);
    for (const e of [...MOVED, STILL]) await svgEdge(page, e).waitFor();
    expect((await dragCanvas(page)).shown).toBe(false);

    const box = (await node(page, 'mid').boundingBox())!;
    const x = box.x + box.width / 2;
    const y = box.y + box.height / 2;
    await page.mouse.move(x, y);
    await page.mouse.down();
    for (let i = 1; i <= 8; i++) await page.mouse.move(x + 15 * i, y + 5 * i);

    // Mid-drag: the moved card's edges have left the SVG and are painted on the canvas; the others stay SVG.
    for (const e of MOVED) await svgEdge(page, e).waitFor({ state: 'detached' });
    const during = await dragCanvas(page);
    expect(during.shown).toBe(true);
    expect(during.painted).toBeGreaterThan(100);
    expect(await svgEdge(page, STILL).count()).toBe(1);

    await page.mouse.up();
    for (const e of MOVED) await svgEdge(page, e).waitFor();
    const after = await dragCanvas(page);
    expect(after.shown).toBe(false);

    // The edge into the moved card ends at its target handle, where the card now is.
    const handle = (await node(page, 'mid').locator('.react-flow__handle.target').boundingBox())!;
    const end = await pathEnd(page, 'hello:next->mid');
    expect(Math.abs(end.x - (handle.x + handle.width / 2))).toBeLessThan(handle.width);
    expect(Math.abs(end.y - (handle.y + handle.height / 2))).toBeLessThan(handle.height);
    const moved = (await node(page, 'mid').boundingBox())!;
    expect(moved.x - box.x).toBeGreaterThan(60);
    await page.context().close();
  });
});
