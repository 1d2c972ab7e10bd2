import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { CardDefinition } from '../cards/defineCard.ts';
import { getCard } from '../cards/index.ts';
import { docToStream, migrateCardVersions, streamToDoc } from './ydoc.ts';

/** The message card one version on: version 2 keeps its text under `text` but trims it (a stand-in for a real change). */
const message = getCard('message')!;
const messageV2: CardDefinition = {
  ...message,
  version: 2,
  migrations: { 1: (old: { text: string }) => ({ ...old, text: `${old.text.trim()}!` }) },
};
const lookup = (type: string) => (type === 'message' ? messageV2 : getCard(type));

function draft() {
  return streamToDoc({
    name: 'Versions',
    start: 'a',
    cards: [
      { id: 'a', type: 'message', data: { text: '  Hello ' } },
      { id: 'q', type: 'question', data: { prompt: 'Q?', answers: [{ id: 'y', label: 'Yes' }] } },
    ],
    edges: [{ id: 'a:next->q', from: 'a', port: 'next', to: 'q' }],
  });
}

describe('card data versions in a draft', () => {
  it('migrates data written at an older version once, and leaves current cards alone', () => {
    const doc = draft();
    const updates: Uint8Array[] = [];
    doc.on('update', (u: Uint8Array) => updates.push(u));
    expect(migrateCardVersions(doc, undefined, lookup)).toBe(true);
    expect(updates).toHaveLength(1);
    const stream = docToStream(doc);
    expect(stream.cards.find((c) => c.id === 'a')?.data).toEqual({ text: 'Hello!' });
    expect(stream.cards.find((c) => c.id === 'q')?.data).toEqual({
      prompt: 'Q?',
      answers: [{ id: 'y', label: 'Yes' }],
    });
    expect((doc.getMap('cards').get('a') as Y.Map<unknown>).get('dataVersion')).toBe(2);
    // Once is enough: nothing more to do.
    expect(migrateCardVersions(doc, undefined, lookup)).toBe(false);
    expect(updates).toHaveLength(1);
  });

  it('leaves data from a newer version, or with no migration, as it is (lint reports it)', () => {
    const doc = draft();
    (doc.getMap('cards').get('a') as Y.Map<unknown>).set('dataVersion', 3);
    expect(migrateCardVersions(doc, undefined, lookup)).toBe(false);
    const gap = (type: string) => (type === 'message' ? { ...messageV2, migrations: {} } : getCard(type));
    const other = draft();
    expect(migrateCardVersions(other, undefined, gap)).toBe(false);
    expect(docToStream(other).cards.find((c) => c.id === 'a')?.data).toEqual({ text: '  Hello ' });
  });

  it('does nothing on a draft whose cards are all at their current versions', () => {
    expect(migrateCardVersions(draft())).toBe(false);
  });
});
