import { describe, expect, it } from 'vitest';
import { nameCards } from './nameCards.ts';

const names: Record<string, string> = { ask: 'Talk to sales?', 'say "hi"': 'Hello there' };
const nameOf = (id: string) => names[id] ?? id;

describe('nameCards', () => {
  it('names each quoted card by what it says, and leaves other quotes and unnamed cards as they are', () => {
    expect(
      nameCards('Card "ask" is on a loop with "say \\"hi\\"" and "x": redirect the edge labelled "Yes".', nameOf),
    ).toBe('Card "Talk to sales?" is on a loop with "Hello there" and "x": redirect the edge labelled "Yes".');
    expect(nameCards('No quotes here.', nameOf)).toBe('No quotes here.');
    expect(nameCards('Broken "quote', nameOf)).toBe('Broken "quote');
  });
});
