import type * as Y from 'yjs';
import {
  addCard,
  addEdge,
  docToStream,
  moveCard,
  removeCards,
  removeEdge,
  rename,
  setStart,
  updateCardData,
} from '../../shared/stream/ydoc.ts';
import type { Prng } from './prng.ts';

const TYPES = ['message', 'question', 'capture', 'liveChat', 'goal', 'condition', 'action', 'document'] as const;
/** A small pool of ids, so that concurrent edits often touch the same card. */
const IDS = Array.from({ length: 12 }, (_, i) => `c${i}`);

/** Data a card of `type` might have, sometimes wrong on purpose (lint must report it, not throw). */
function dataFor(type: string, r: Prng): Record<string, unknown> {
  const junk = [null, 42, '', 'x'.repeat(r.int(300)), { nested: [1, 2] }, ['a'], true];
  if (r.chance(0.15)) return { [r.pick(['text', 'prompt', 'answers', 'routing', 'url', 'attribute'])]: r.pick(junk) };
  switch (type) {
    case 'message':
      return { text: `Hello {{firstName:"you"}} ${r.int(1000)}` };
    case 'question':
      return {
        prompt: 'Pick one',
        answers: [
          { id: 'a', label: `A${r.int(9)}` },
          { id: 'b', label: 'B' },
        ],
      };
    case 'capture':
      return {
        attribute: r.pick(['email', 'phone', 'firstName']),
        prompt: 'Tell me',
        input: 'text',
        ifKnown: r.pick(['skip', 'overwrite']),
      };
    case 'liveChat':
      return { routing: { mode: 'roundRobin' } };
    case 'goal':
      return { name: `goal-${r.int(5)}`, score: r.int(4) };
    case 'condition':
      return { branches: [{ id: 'x', when: { attribute: 'company', op: 'is', value: 'Acme' } }] };
    case 'action':
      return { attribute: 'company', value: 'Acme' };
    default:
      return { name: 'Doc', url: r.pick(['https://example.com/a.pdf', 'http://example.com/a.pdf', 'javascript:x']) };
  }
}

/** One random edit through the shared/stream/ydoc.ts helpers. Answers a short name of what it did. */
export function randomEdit(doc: Y.Doc, r: Prng): string {
  const existing = docToStream(doc).cards.map((c) => c.id);
  const some = () => (existing.length && r.chance(0.8) ? r.pick(existing) : r.pick(IDS));
  const op = r.int(10);
  if (op <= 2) {
    const type = r.pick(TYPES);
    addCard(doc, {
      id: r.pick(IDS),
      type,
      data: dataFor(type, r),
      position: { x: r.int(2000), y: r.int(2000) },
    } as never);
    return 'add';
  }
  if (op === 3) {
    removeCards(doc, [some()]);
    return 'remove';
  }
  if (op === 4) {
    moveCard(doc, some(), { x: r.int(2000), y: r.int(2000) });
    return 'move';
  }
  if (op === 5) {
    const card = docToStream(doc).cards.find((c) => c.id === some());
    if (card) updateCardData(doc, card.id, dataFor(card.type, r));
    return 'data';
  }
  if (op <= 7) {
    addEdge(doc, { from: some(), port: r.pick(['next', 'a', 'b', 'x', 'else', 'yes']), to: some() });
    return 'connect';
  }
  if (op === 8) {
    const edges = docToStream(doc).edges;
    const edge = edges.length ? r.pick(edges) : undefined;
    if (edge) removeEdge(doc, edge.id);
    return 'disconnect-edge';
  }
  if (r.chance(0.5)) setStart(doc, r.chance(0.9) ? some() : null);
  else rename(doc, `Fuzz ${r.int(100)}`);
  return 'meta';
}
