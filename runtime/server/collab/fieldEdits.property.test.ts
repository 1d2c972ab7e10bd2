import fc from 'fast-check';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lintStream } from '../../../shared/lint/lintStream.ts';
import { exportStream } from '../../../shared/stream/exportStream.ts';
import { parseStream } from '../../../shared/stream/interchange.ts';
import type { Stream } from '../../../shared/stream/model.ts';
import { cardText, docToStream, readCard, streamToDoc, updateCardData } from '../../../shared/stream/ydoc.ts';
import { startCollabServer, type CollabServer } from './harness.ts';
import { connect, synced, waitFor } from './testkit.ts';

/**
 * Property: whatever field-level edits three people make at the same time (typing and deleting inside texts,
 * adding, removing and reordering answers, editing picklist options, and a faulty peer writing a malformed nested
 * value), their stock y-websocket providers converge through the relay to one doc, which always reads back as a
 * stream (valid, or with lint findings) that exports as an interchange document.
 */
const CLIENTS = 3;

const start: Stream = {
  name: 'Property',
  start: 'q',
  cards: [
    { id: 'm', type: 'message', data: { text: 'Hello there' } },
    {
      id: 'q',
      type: 'question',
      data: {
        prompt: 'Pick one',
        answers: [
          { id: 'a1', label: 'One' },
          { id: 'a2', label: 'Two' },
        ],
      },
    },
    {
      id: 'c',
      type: 'capture',
      data: { attribute: 'company', prompt: 'Size?', input: 'picklist', options: ['S', 'M'], ifKnown: 'skip' },
    },
  ],
  edges: [],
};

type Op =
  | { kind: 'type'; path: 'm' | 'q' | 'c' | 'label'; at: number; text: string }
  | { kind: 'erase'; path: 'm' | 'q' | 'c' | 'label'; at: number; n: number }
  | { kind: 'addAnswer'; label: string }
  | { kind: 'moveAnswer'; from: number; to: number }
  | { kind: 'removeAnswer'; at: number }
  | { kind: 'options'; options: string[] }
  | { kind: 'malformed' };

const opArb: fc.Arbitrary<Op> = fc.oneof(
  {
    arbitrary: fc.record({
      kind: fc.constant('type' as const),
      path: fc.constantFrom('m', 'q', 'c', 'label'),
      at: fc.nat(40),
      text: fc.string({ minLength: 1, maxLength: 6 }),
    }),
    weight: 5,
  },
  {
    arbitrary: fc.record({
      kind: fc.constant('erase' as const),
      path: fc.constantFrom('m', 'q', 'c', 'label'),
      at: fc.nat(40),
      n: fc.integer({ min: 1, max: 4 }),
    }),
    weight: 2,
  },
  { arbitrary: fc.record({ kind: fc.constant('addAnswer' as const), label: fc.string({ maxLength: 5 }) }), weight: 1 },
  {
    arbitrary: fc.record({ kind: fc.constant('moveAnswer' as const), from: fc.nat(5), to: fc.nat(5) }),
    weight: 1,
  },
  { arbitrary: fc.record({ kind: fc.constant('removeAnswer' as const), at: fc.nat(5) }), weight: 1 },
  {
    arbitrary: fc.record({
      kind: fc.constant('options' as const),
      options: fc.array(fc.constantFrom('S', 'M', 'L', 'XL'), { maxLength: 4 }),
    }),
    weight: 1,
  },
  { arbitrary: fc.record({ kind: fc.constant('malformed' as const) }), weight: 1 },
);

function textOf(doc: Y.Doc, path: Extract<Op, { path: string }>['path']): Y.Text | undefined {
  if (path === 'm') return cardText(doc, 'm', ['text']);
  if (path === 'q') return cardText(doc, 'q', ['prompt']);
  if (path === 'c') return cardText(doc, 'c', ['prompt']);
  return cardText(doc, 'q', ['answers', 0, 'label']);
}

let nextAnswer = 0;
function apply(doc: Y.Doc, op: Op): void {
  const q = readCard(doc, 'q')?.data as { answers?: unknown } | undefined;
  const answers = Array.isArray(q?.answers) ? [...q.answers] : [];
  switch (op.kind) {
    case 'type': {
      const t = textOf(doc, op.path);
      if (t) t.insert(Math.min(op.at, t.length), op.text);
      return;
    }
    case 'erase': {
      const t = textOf(doc, op.path);
      if (t && t.length) {
        const at = Math.min(op.at, t.length - 1);
        t.delete(at, Math.min(op.n, t.length - at));
      }
      return;
    }
    case 'addAnswer':
      answers.push({ id: `n${nextAnswer++}`, label: op.label });
      return updateCardData(doc, 'q', { answers });
    case 'moveAnswer': {
      if (!answers.length) return;
      const [item] = answers.splice(op.from % answers.length, 1);
      answers.splice(op.to % (answers.length + 1), 0, item);
      return updateCardData(doc, 'q', { answers });
    }
    case 'removeAnswer':
      if (answers.length) answers.splice(op.at % answers.length, 1);
      return updateCardData(doc, 'q', { answers });
    case 'options':
      return updateCardData(doc, 'c', { options: op.options });
    case 'malformed': {
      // A faulty peer: a list where the prompt's text belongs, and a number as an answer.
      const data = (doc.getMap('cards').get('q') as Y.Map<unknown> | undefined)?.get('data');
      if (data instanceof Y.Map) {
        doc.transact(() => {
          data.set('prompt', Y.Array.from([1, 2]));
          const list = data.get('answers');
          if (list instanceof Y.Array) list.push([7]);
        });
      }
      return;
    }
  }
}

let dir: string;
let server: CollabServer;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'collab-prop-'));
  server = await startCollabServer(dir);
});
afterAll(() => {
  server.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('field-level co-editing, property', () => {
  it('converges and reads back as a stream whatever three people edit at once', async () => {
    let run = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.array(fc.tuple(fc.nat(CLIENTS - 1), opArb), { minLength: 1, maxLength: 8 }), {
          minLength: 1,
          maxLength: 6,
        }),
        async (rounds) => {
          const streamId = `prop-${run++}`;
          server.drafts.create(streamId, Y.encodeStateAsUpdate(streamToDoc(start)));
          const providers: WebsocketProvider[] = [];
          try {
            for (let i = 0; i < CLIENTS; i++) providers.push(connect(server.url, streamId, `m:u${i}`));
            await Promise.all(providers.map(synced));
            for (const round of rounds) {
              // One round: every client's edits land in its own doc before any of them hears of the others'.
              for (const [client, op] of round) apply(providers[client].doc, op);
              await new Promise((r) => setImmediate(r));
            }
            const read = (p: WebsocketProvider) => JSON.stringify(docToStream(p.doc));
            await waitFor(() => providers.every((p) => read(p) === read(providers[0])), 'convergence');
            const stream = docToStream(providers[0].doc);
            expect(() => lintStream(stream)).not.toThrow();
            const reparsed = parseStream(JSON.parse(JSON.stringify(exportStream(stream))));
            expect(reparsed.ok).toBe(true);
            // The texts stay texts for everyone: typing went into them, never replaced them.
            expect(textOf(providers[0].doc, 'm')).toBeInstanceOf(Y.Text);
          } finally {
            for (const p of providers) p.destroy();
          }
        },
      ),
      { numRuns: 25, seed: Number(process.env.TRIBUTARY_SEED ?? 20261206) },
    );
  }, 180_000);
});
