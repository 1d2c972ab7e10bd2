import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  clickEdge,
  editorWorld,
  node,
  nodeIds,
  nodePosition,
  openStream,
  until,
  type EditorWorld,
} from './test/editorWorld.ts';
import { CLOSE } from '../shared/protocol/closeCodes.ts';

/** Two marketers on one stream, through the real runtime and Chromium (SPEC §8.4 co-editing, §8.5 hooks). */
let w: EditorWorld;
beforeAll(async () => {
  w = await editorWorld();
}, 180_000);
afterAll(() => w?.close());

function streamDoc(name: string) {
  return {
    format: 'tributary.stream/1',
    name,
    start: 'hello',
    cards: [
      { id: 'hello', type: 'message', data: { text: 'Hi {{firstName:"there"}}!' }, position: { x: 0, y: 0 } },
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
        position: { x: 0, y: 180 },
      },
      {
        id: 'email',
        type: 'capture',
        data: { attribute: 'email', prompt: 'Your work email?', input: 'text', ifKnown: 'skip' },
        position: { x: -200, y: 400 },
      },
      { id: 'lead', type: 'goal', data: { name: 'sales-lead' }, position: { x: -200, y: 700 } },
      { id: 'bye', type: 'message', data: { text: 'Bye!' }, position: { x: 260, y: 400 } },
    ],
    edges: [
      { from: 'hello', to: 'ask' },
      { from: 'ask', port: 'yes', to: 'email' },
      { from: 'email', to: 'lead' },
    ],
  };
}

async function twoEditors(name: string): Promise<{ id: string; a: Page; b: Page }> {
  const id = await w.importStream(streamDoc(name));
  const [ca, cb] = await Promise.all([w.signedIn('marketer@demo.test'), w.signedIn('admin@demo.test')]);
  const [a, b] = await Promise.all([openStream(ca, w.base, id), openStream(cb, w.base, id)]);
  return { id, a, b };
}

async function closeAll(...pages: Page[]) {
  for (const p of pages) await p.context().close();
}

/** What a card shows (its header and body; not who has it selected). */
const text = (page: Page, id: string) => node(page, id).locator('.card-node__body').innerText();

/** Types into the inspector's main text box of the selected card. */
async function editText(page: Page, cardId: string, value: string) {
  await node(page, cardId).click();
  // The inspector may still show the card selected before: wait for this one's form before looking into it.
  await page.locator(`.inspector__name[title$=": ${cardId}"]`).waitFor();
  const form = page.locator('.inspector__form');
  const box = (await form.locator('textarea').count())
    ? form.locator('textarea').first()
    : form.locator('input:not([type]), input[type="text"]').first();
  await box.fill(value);
}

/** Drags a card by the middle of its body, by (dx, dy) screen pixels. */
async function dragCard(page: Page, id: string, dx: number, dy: number) {
  const box = (await node(page, id).boundingBox())!;
  const x = box.x + box.width / 2;
  const y = box.y + box.height / 2;
  await page.mouse.move(x, y);
  await page.mouse.down();
  for (let i = 1; i <= 10; i++) await page.mouse.move(x + (dx * i) / 10, y + (dy * i) / 10);
  await page.mouse.up();
}

describe('co-editing a stream', () => {
  it('shows a card added, moved, edited or connected in one editor in the other', async () => {
    const { a, b } = await twoEditors('Add move edit connect');
    const before = await nodeIds(a);

    await a.locator('.palette__item[data-card-type="goal"]').click();
    const added = (
      await until(
        () => nodeIds(a),
        (ids) => ids.length === before.length + 1,
        'the new card in A',
      )
    ).find((x) => !before.includes(x))!;
    await until(
      () => nodeIds(b),
      (ids) => ids.includes(added),
      'the new card in B',
    );

    const from = (await nodePosition(a, 'bye'))!;
    await dragCard(a, 'bye', 120, 60);
    const moved = (await until(
      () => nodePosition(a, 'bye'),
      (p) => !!p && p.x !== from.x,
      'the move in A',
    ))!;
    await until(
      () => nodePosition(b, 'bye'),
      (p) => !!p && Math.abs(p.x - moved.x) <= 1 && Math.abs(p.y - moved.y) <= 1,
      'the move in B',
    );

    await editText(a, 'hello', 'Edited by A');
    await until(
      () => text(b, 'hello'),
      (t) => t.includes('Edited by A'),
      'the edit in B',
    );

    const handle = a.locator('.react-flow__node[data-id="ask"] .react-flow__handle[data-handleid="no"]');
    const target = a.locator('.react-flow__node[data-id="bye"] .react-flow__handle.target');
    await handle.dragTo(target);
    await until(
      () => b.locator('.react-flow__edge[data-id="ask:no->bye"]').count(),
      (n) => n === 1,
      'the new edge in B',
    );
    await closeAll(a, b);
  });

  it('copies, pastes, deletes and auto-arranges with the keyboard, seen by the other editor', async () => {
    const { a, b } = await twoEditors('Keyboard');
    await node(a, 'ask').click();
    await node(a, 'bye').click({ modifiers: ['Shift'] });
    await a.keyboard.press('Control+c');
    await a.keyboard.press('Control+v');
    const pasted = await until(
      () => nodeIds(b),
      (ids) => ids.length === 7,
      'the pasted cards in B',
    );
    const copies = pasted.filter((id) => !['hello', 'ask', 'email', 'lead', 'bye'].includes(id));
    expect(copies.map((id) => id.split('-')[0]).sort()).toEqual(['message', 'question']);
    await a.keyboard.press('Delete');
    await until(
      () => nodeIds(b),
      (ids) => ids.length === 5,
      'the deletion in B',
    );
    const before = await nodePosition(b, 'lead');
    await a.keyboard.press('Shift+L');
    await until(
      () => nodePosition(b, 'lead'),
      (p) => JSON.stringify(p) !== JSON.stringify(before),
      'the arranged layout in B',
    );
    await closeAll(a, b);
  });

  it('converges when both edit at the same time', async () => {
    const { a, b } = await twoEditors('Concurrent');
    // Each editor works through its own list while the other does the same; both also rename the same goal, where
    // one of the two names wins, the same one everywhere.
    await Promise.all([
      (async () => {
        await editText(a, 'hello', 'Hello from A');
        await a.locator('.palette__item[data-card-type="document"]').click();
        await editText(a, 'lead', 'goal-a');
        await dragCard(a, 'email', 40, 0);
      })(),
      (async () => {
        await editText(b, 'bye', 'Bye from B');
        await b.locator('.palette__item[data-card-type="action"]').click();
        await editText(b, 'lead', 'goal-b');
        await editText(b, 'email', 'Email please?');
      })(),
    ]);
    const snapshot = async (p: Page) => {
      const ids = await nodeIds(p);
      const texts = await Promise.all(ids.map((id) => text(p, id)));
      return JSON.stringify({ ids, texts });
    };
    await until(
      async () => [await snapshot(a), await snapshot(b)],
      ([x, y]) => x === y && JSON.parse(x).ids.length === 7,
      'both editors to agree',
    );
    expect(await text(a, 'hello')).toContain('Hello from A');
    expect(await text(b, 'bye')).toContain('Bye from B');
    expect(await text(a, 'email')).toContain('Email please?');
    expect(await nodePosition(a, 'email')).toEqual(await nodePosition(b, 'email'));
    await closeAll(a, b);
  }, 120_000);

  it('keeps edits made offline and merges them on reconnect', async () => {
    const id = await w.importStream(streamDoc('Offline'));
    const [ca, cb] = await Promise.all([w.signedIn('marketer@demo.test'), w.signedIn('admin@demo.test')]);
    // A's co-editing socket goes through a switch: while "offline", open sockets are dropped and new ones refused.
    let offline = false;
    const open: { close(o?: { code?: number; reason?: string }): Promise<void> }[] = [];
    await ca.routeWebSocket(/\/collab\//, (ws) => {
      if (offline) return void ws.close({ code: CLOSE.goingAway, reason: 'offline' });
      ws.connectToServer();
      open.push(ws);
    });
    const [a, b] = await Promise.all([openStream(ca, w.base, id), openStream(cb, w.base, id)]);
    offline = true;
    await Promise.all(open.splice(0).map((ws) => ws.close({ code: CLOSE.goingAway, reason: 'offline' })));
    await until(
      () => a.locator('[data-tributary="connection"]').getAttribute('data-state'),
      (st) => st !== 'live',
      'A to show it is offline',
    );
    await editText(a, 'hello', 'Written offline by A');
    await editText(b, 'bye', 'Written online by B');
    expect(await text(b, 'hello')).not.toContain('Written offline by A');
    offline = false;
    await until(
      () => text(b, 'hello'),
      (t) => t.includes('Written offline by A'),
      'A’s offline edit in B',
      30_000,
    );
    await until(
      () => text(a, 'bye'),
      (t) => t.includes('Written online by B'),
      'B’s edit in A',
    );
    await closeAll(a, b);
  });

  it('undoes only the undoing user’s own edit', async () => {
    const { a, b } = await twoEditors('Undo');
    await editText(a, 'hello', 'A wrote this');
    await until(
      () => text(b, 'hello'),
      (t) => t.includes('A wrote this'),
      'A’s edit in B',
    );
    await editText(b, 'bye', 'B wrote this');
    await until(
      () => text(a, 'bye'),
      (t) => t.includes('B wrote this'),
      'B’s edit in A',
    );

    await a.locator('.react-flow__pane').click({ position: { x: 20, y: 20 } });
    await a.keyboard.press('Control+z');
    for (const p of [a, b]) {
      await until(
        () => text(p, 'hello'),
        (t) => !t.includes('A wrote this'),
        'A’s edit undone',
      );
      expect(await text(p, 'bye')).toContain('B wrote this');
    }
    await closeAll(a, b);
  });

  it('deletes the edge, not the dropped card, when the edge is clicked after a palette drop', async () => {
    const { a, b } = await twoEditors('Drop then delete edge');
    const before = await nodeIds(a);
    // Dropped on empty canvas (top right of the pane), so it stays selected, as a dropped card does.
    const pane = (await a.locator('.react-flow__pane').boundingBox())!;
    await a
      .locator('.palette__item[data-card-type="message"]')
      .dragTo(a.locator('.react-flow__pane'), { targetPosition: { x: pane.width - 220, y: 80 } });
    const added = (
      await until(
        () => nodeIds(a),
        (ids) => ids.length === before.length + 1,
        'the dropped card in A',
      )
    ).find((x) => !before.includes(x))!;
    await until(
      () => node(a, added).getAttribute('class'),
      (c) => !!c?.includes('selected'),
      'the dropped card selected',
    );

    await a
      .locator(`.react-flow__node[data-id="${added}"] .react-flow__handle[data-handleid="next"]`)
      .dragTo(a.locator('.react-flow__node[data-id="bye"] .react-flow__handle.target'));
    const edgeId = `${added}:next->bye`;
    await until(
      () => b.locator(`.react-flow__edge[data-id="${edgeId}"]`).count(),
      (n) => n === 1,
      'the new edge in B',
    );

    await clickEdge(a, edgeId);
    await until(
      () => a.locator(`.react-flow__edge.selected[data-id="${edgeId}"]`).count(),
      (n) => n === 1,
      'the edge selected by the click',
    );
    await until(
      () => a.locator('.react-flow__node.selected').count(),
      (n) => n === 0,
      'the cards deselected by the edge click',
    );
    await a.keyboard.press('Delete');
    await until(
      () => b.locator(`.react-flow__edge[data-id="${edgeId}"]`).count(),
      (n) => n === 0,
      'the edge gone in B',
    );
    expect(await nodeIds(b)).toContain(added);
    expect(await nodeIds(a)).toContain(added);
    await closeAll(a, b);
  });

  it('flags a live chat dropped mid-branch at once, blocks publish, and publishes after the fix', async () => {
    const { id, a, b } = await twoEditors('Live chat placement');
    const edge = a.locator('.react-flow__edge[data-id="email:next->lead"] .react-flow__edge-path');
    const box = (await edge.boundingBox())!;
    await a.locator('.palette__item[data-card-type="liveChat"]').dragTo(a.locator('.react-flow__pane'), {
      targetPosition: await paneOffset(a, box.x + box.width / 2, box.y + box.height / 2),
    });

    for (const p of [a, b]) {
      await until(
        () => p.locator('[data-tributary="lint"]').allInnerTexts(),
        (rows) => rows.some((r) => r.includes('live-chat-not-last')),
        'the lint row',
      );
    }
    await expect.poll(() => a.locator('[data-tributary="publish"]').isDisabled()).toBe(true);
    expect(await a.locator('[data-tributary="publish-reason"]').innerText()).toMatch(/error/);
    const refused = await w.api(`/api/streams/${id}/publish`, { method: 'POST', body: {} });
    expect(refused.status).toBe(422);

    // The fix: delete the edge that leaves the live chat.
    const outId = (await a.locator('.react-flow__edge[data-id^="liveChat-"]').getAttribute('data-id'))!;
    await clickEdge(a, outId);
    await until(
      () => a.locator('.react-flow__edge.selected[data-id^="liveChat-"]').count(),
      (n) => n === 1,
      'the edge selected by the click',
    );
    await until(
      () => a.locator('.react-flow__node.selected').count(),
      (n) => n === 0,
      'the dropped card deselected',
    );
    const liveId = (await a.locator('.react-flow__node[data-id^="liveChat-"]').getAttribute('data-id'))!;
    await a.keyboard.press('Delete');
    await until(
      () => a.locator('[data-tributary="lint"]').allInnerTexts(),
      (rows) => !rows.some((r) => r.includes('live-chat-not-last')),
      'the fix',
    );
    // The edge went, not the dropped card (the card was selected by the drop; the edge click selects the edge alone).
    await until(
      () => b.locator('.react-flow__edge[data-id^="liveChat-"]').count(),
      (n) => n === 0,
      'the edge gone in B',
    );
    expect(await node(b, liveId).count()).toBe(1);
    expect(await node(a, liveId).count()).toBe(1);
    const versionsBefore = (await w.api(`/api/streams/${id}/versions`)).body.length;
    await a.locator('[data-tributary="publish"]').click();
    await until(
      () =>
        a
          .locator('[data-tributary="publish-result"]')
          .innerText()
          .catch(() => ''),
      (t) => /v\d+/.test(t),
      'the publish result',
    );
    const versions = (await w.api(`/api/streams/${id}/versions`)).body;
    expect(versions.length).toBe(versionsBefore + 1);
    // After an edit, the colleague (who did not publish) is told that the draft has unpublished changes.
    await expect.poll(() => b.locator('[data-tributary="unpublished"]').count(), { timeout: 30_000 }).toBe(0);
    await editText(b, 'bye', 'Bye for now!');
    await expect.poll(() => b.locator('[data-tributary="unpublished"]').count(), { timeout: 30_000 }).toBe(1);
    await closeAll(a, b);
  });
});

/** A point given in page coordinates, as an offset inside the canvas pane (for dragTo's targetPosition). */
async function paneOffset(page: Page, x: number, y: number) {
  const pane = (await page.locator('.react-flow__pane').boundingBox())!;
  return { x: x - pane.x, y: y - pane.y };
}
