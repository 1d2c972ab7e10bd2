import { describe, expect, it } from 'vitest';
import type { CardRef } from '../../shared/cards/cardLabel.ts';
import { nameCards } from './nameCards.ts';

const refs: Record<string, CardRef> = {
  ask: { says: 'Talk to sales?' },
  'say "hi"': { says: 'Hello there' },
  chat: { type: 'liveChat', after: 'Talk to sales?' },
  cond: { type: 'condition', n: 1, of: 2 },
};
const nameOf = (id: string): CardRef | undefined => refs[id];

describe('nameCards', () => {
  it('names each quoted card by what it says, and leaves other quotes and unnamed cards as they are', () => {
    expect(
      nameCards('Card "ask" is on a loop with "say \\"hi\\"" and "x": redirect the edge labelled "Yes".', nameOf),
    ).toBe('Card "Talk to sales?" is on a loop with "Hello there" and "x": redirect the edge labelled "Yes".');
    expect(nameCards('No quotes here.', nameOf)).toBe('No quotes here.');
    expect(nameCards('Broken "quote', nameOf)).toBe('Broken "quote');
  });

  it('names a card that says nothing by its type and place, dropping the word lint put before its id', () => {
    expect(nameCards('Live chat "chat" has an edge to "cond", but …', nameOf)).toBe(
      'The Live chat card after "Talk to sales?" has an edge to Condition card 1, but …',
    );
    expect(nameCards('Card "cond" cannot be reached. Card "chat" neither.', nameOf)).toBe(
      'Condition card 1 cannot be reached. The Live chat card after "Talk to sales?" neither.',
    );
    expect(nameCards('Visitors can reach live chat "chat" without being asked', nameOf)).toBe(
      'Visitors can reach the Live chat card after "Talk to sales?" without being asked',
    );
  });
});
