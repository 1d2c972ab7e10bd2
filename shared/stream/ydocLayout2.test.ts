import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { lintStream } from '../lint/lintStream.ts';
import type { Stream } from './model.ts';
import {
  cardText,
  docToStream,
  layoutOf,
  LAYOUT_VERSION,
  migrateLayout,
  moveCard,
  readCard,
  setCardData,
  setCardText,
  streamToDoc,
  updateCardData,
} from './ydoc.ts';

const question = {
  prompt: 'Talk to sales?',
  answers: [
    { id: 'yes', label: 'Yes' },
    { id: 'no', label: 'No' },
  ],
};
const stream: Stream = {
  name: 'S',
  start: 'q',
  cards: [
    { id: 'm', type: 'message', data: { text: 'Hello there' }, position: { x: 0, y: 0 } },
    { id: 'q', type: 'question', data: question, position: { x: 0, y: 100 } },
    {
      id: 'c',
      type: 'capture',
      data: { attribute: 'company', prompt: 'Which?', input: 'picklist', options: ['A', 'B'], ifKnown: 'skip' },
    },
  ],
  edges: [],
};

function pair(): [Y.Doc, Y.Doc] {
  const a = streamToDoc(stream);
  const b = new Y.Doc();
  Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
  return [a, b];
}

function sync(a: Y.Doc, b: Y.Doc): void {
  Y.applyUpdate(b, Y.encodeStateAsUpdate(a, Y.encodeStateVector(b)));
  Y.applyUpdate(a, Y.encodeStateAsUpdate(b, Y.encodeStateVector(a)));
}

const data = (doc: Y.Doc, id: string) => readCard(doc, id)!.data as any;

describe('Y.Doc layout 2: card data as nested shared types', () => {
  it('keeps texts as Y.Text, lists as Y.Arrays of Y.Maps with ids, and reads the same stream back', () => {
    const doc = streamToDoc(stream);
    expect(doc.getMap('meta').get('layoutVersion')).toBe(2);
    expect(cardText(doc, 'm', ['text'])).toBeInstanceOf(Y.Text);
    expect(cardText(doc, 'q', ['answers', 'no', 'label'])?.toString()).toBe('No');
    expect(cardText(doc, 'c', ['options', 1])?.toString()).toBe('B');
    expect(cardText(doc, 'c', ['attribute'])).toBeUndefined(); // an identifier, replaced whole
    expect(docToStream(doc).cards).toEqual(stream.cards.map((c) => c).sort((x, y) => (x.id < y.id ? -1 : 1)));
  });

  it('merges two people typing into the same text at once', () => {
    const [a, b] = pair();
    setCardText(a, 'm', ['text'], 'Hello there, friend');
    setCardText(b, 'm', ['text'], 'Oh! Hello there');
    sync(a, b);
    expect(data(a, 'm').text).toBe('Oh! Hello there, friend');
    expect(data(b, 'm')).toEqual(data(a, 'm'));
  });

  it('merges whole-data writes of two different fields of one card', () => {
    const [a, b] = pair();
    setCardData(a, 'q', { ...question, prompt: 'Talk to our sales team?' });
    setCardData(b, 'q', { ...question, answers: [question.answers[0], { id: 'no', label: 'No thanks' }] });
    sync(a, b);
    expect(data(a, 'q')).toEqual({
      prompt: 'Talk to our sales team?',
      answers: [
        { id: 'yes', label: 'Yes' },
        { id: 'no', label: 'No thanks' },
      ],
    });
    expect(data(b, 'q')).toEqual(data(a, 'q'));
  });

  it('keeps a concurrent add and reorder of answers, and a concurrent move of the same answer once', () => {
    const [a, b] = pair();
    const [yes, no] = question.answers;
    updateCardData(a, 'q', { answers: [yes, no, { id: 'maybe', label: 'Maybe' }] });
    updateCardData(b, 'q', { answers: [no, yes] });
    sync(a, b);
    expect(data(a, 'q').answers.map((x: any) => x.id)).toEqual(['no', 'yes', 'maybe']);
    expect(data(b, 'q')).toEqual(data(a, 'q'));
    // Both move "maybe" to the top at once: each re-inserts it; it is read once.
    updateCardData(a, 'q', { answers: [{ id: 'maybe', label: 'Maybe' }, no, yes] });
    updateCardData(b, 'q', { answers: [{ id: 'maybe', label: 'Maybe' }, no, yes] });
    sync(a, b);
    expect(data(a, 'q').answers.map((x: any) => x.id)).toEqual(['maybe', 'no', 'yes']);
    expect(data(b, 'q')).toEqual(data(a, 'q'));
    // The next write cleans the duplicate up.
    updateCardData(a, 'q', { answers: [{ id: 'maybe', label: 'Perhaps' }, no, yes] });
    sync(a, b);
    expect(data(b, 'q').answers).toEqual([{ id: 'maybe', label: 'Perhaps' }, no, yes]);
  });

  it('edits picklist options (no ids of their own) item by item', () => {
    const [a, b] = pair();
    const base = stream.cards[2].data as any;
    updateCardData(a, 'c', { options: ['A', 'Bee', 'C'] });
    updateCardData(b, 'c', { options: ['Aa', 'B'] });
    sync(a, b);
    expect(data(a, 'c').options).toEqual(['Aa', 'Bee', 'C']);
    expect(data(b, 'c')).toEqual({ ...base, options: ['Aa', 'Bee', 'C'] });
  });

  it('keeps the data object of a card that only moved', () => {
    const doc = streamToDoc(stream);
    const before = readCard(doc, 'q')!.data;
    moveCard(doc, 'q', { x: 5, y: 5 });
    expect(readCard(doc, 'q')!.data).toBe(before);
    setCardText(doc, 'q', ['prompt'], 'Other?');
    expect(readCard(doc, 'q')!.data).not.toBe(before);
  });

  it('reads a malformed nested value written by a peer as data that lints, never throwing', () => {
    const doc = streamToDoc(stream);
    const q = (doc.getMap('cards').get('q') as Y.Map<any>).get('data') as Y.Map<any>;
    q.set('prompt', new Y.Array()); // a list where a text belongs
    ((q.get('answers') as Y.Array<any>).get(0) as Y.Map<any>).set('label', 42);
    const m = (doc.getMap('cards').get('m') as Y.Map<any>).get('data') as Y.Map<any>;
    m.set('text', new Y.XmlFragment());
    const s = docToStream(doc);
    expect(s.cards.find((c) => c.id === 'q')!.data).toMatchObject({ prompt: [] });
    const codes = lintStream(s).map((d) => `${d.code}:${d.cardId}`);
    expect(codes).toContain('invalid-card-data:q');
    expect(codes).toContain('invalid-card-data:m');
    // Writing good data over it repairs it.
    setCardData(doc, 'q', question);
    expect(readCard(doc, 'q')!.data).toEqual(question);
  });
});

describe('Y.Doc layout 1 → 2 migration', () => {
  /** A draft as layout 1 stored it: each card's data one plain value. */
  function layout1(s: Stream): Y.Doc {
    const doc = new Y.Doc();
    doc.transact(() => {
      doc.getMap('meta').set('layoutVersion', 1);
      doc.getMap('meta').set('name', s.name);
      doc.getMap('meta').set('start', s.start);
      for (const c of s.cards) {
        const y = new Y.Map<unknown>();
        y.set('type', c.type);
        y.set('data', c.data);
        if (c.position) {
          y.set('x', c.position.x);
          y.set('y', c.position.y);
        }
        doc.getMap('cards').set(c.id, y);
      }
      doc.getMap('edges').set('m:next->q', { from: 'm', port: 'next', to: 'q' });
    });
    return doc;
  }

  it('reads a layout-1 doc as it is, then migrates it once with nothing lost', () => {
    const doc = layout1({ ...stream, cards: [...stream.cards, { id: 'z', type: 'nope', data: 'odd' }] });
    const before = docToStream(doc);
    expect(layoutOf(doc)).toBe(1);
    expect(migrateLayout(doc)).toBe(true);
    expect(layoutOf(doc)).toBe(LAYOUT_VERSION);
    expect(docToStream(doc)).toEqual(before);
    expect(cardText(doc, 'q', ['prompt'])?.toString()).toBe('Talk to sales?');
    expect(migrateLayout(doc)).toBe(false);
    // A replica of the migrated doc merges typing like any layout-2 doc.
    const other = new Y.Doc();
    Y.applyUpdate(other, Y.encodeStateAsUpdate(doc));
    setCardText(doc, 'm', ['text'], 'Hello there!');
    setCardText(other, 'm', ['text'], 'Well, Hello there');
    sync(doc, other);
    expect(data(other, 'm').text).toBe('Well, Hello there!');
  });
});
