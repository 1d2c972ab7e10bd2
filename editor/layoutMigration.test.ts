import { readFileSync } from 'node:fs';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore } from '../runtime/server/store/open.ts';
import { editorWorld, node, openStream, until, type EditorWorld } from './test/editorWorld.ts';

/**
 * A draft stored in Y.Doc layout 1 (each card's data one plain value) by an older runtime opens in today's editor
 * migrated, with nothing lost, and its texts are shared texts from then on.
 */
const LAYOUT1_DRAFT = new Uint8Array(
  readFileSync(new URL('../shared/stream/fixtures/draft-layout1.bin', import.meta.url)),
);

let w: EditorWorld;
let streamId = '';
beforeAll(async () => {
  w = await editorWorld({
    async seed(dataDir) {
      const store = await openStore({ dataDir }, (err) => pino().error(err));
      const stream = await store.streams.create('Demo: talk to sales', null);
      await store.drafts.create(stream.id, LAYOUT1_DRAFT);
      streamId = stream.id;
      await store.close();
    },
  });
}, 180_000);
afterAll(() => w?.close());

const field = (page: Awaited<ReturnType<typeof openStream>>, name: string) =>
  page.locator(`.inspector [data-tributary="field"][data-field="${name}"]`).first();

describe('a draft stored in layout 1', () => {
  it('opens migrated with every card and text, and a colleague sees one’s typing in a migrated text at once', async () => {
    const a = await openStream(await w.signedIn('marketer@demo.test'), w.base, streamId);
    const b = await openStream(await w.signedIn('admin@demo.test'), w.base, streamId);
    for (const p of [a, b]) {
      await until(
        () => p.locator('.react-flow__node').count(),
        (n) => n === 8,
        'the eight cards',
      );
      expect(await node(p, 'picky').innerText()).toContain('How big is your company?');
      expect(await node(p, 'hello').innerText()).toContain('Welcome to the demo.');
    }
    // A types in a text that layout 1 stored as part of one plain value; B sees it as it is typed.
    await node(a, 'name').click();
    await node(b, 'name').click();
    await field(a, 'prompt').click();
    await a.keyboard.press('Control+End');
    await a.keyboard.type(' Thanks!', { delay: 20 });
    await until(
      () => field(b, 'prompt').inputValue(),
      (v) => v === "Great! What's your first name? Thanks!",
      'A’s words in B',
    );
    // The draft stays readable by the API as a stream: the export holds the migrated card data.
    const exported = await w.api(`/api/streams/${streamId}/export`);
    expect(exported.status).toBe(200);
    const cards = exported.body.cards as { id: string; data: Record<string, unknown> }[];
    expect(cards.find((c) => c.id === 'picky')?.data.prompt).toBe('How big is your company?');
    await until(
      async () =>
        (await w.api(`/api/streams/${streamId}/export`)).body.cards.find((c: any) => c.id === 'name').data.prompt,
      (p) => p === "Great! What's your first name? Thanks!",
      'the edit stored',
    );
    await a.context().close();
    await b.context().close();
  }, 240_000);
});
