import { describe, expect, it } from 'vitest';
import { ClientSeqs } from './clientSeqs.ts';

describe('client ids of a conversation', () => {
  it('answers every key it was given, before and after it outgrows its array, the latest seq winning', () => {
    const seqs = new ClientSeqs();
    expect(seqs.get('v|a')).toBeUndefined();
    for (let i = 0; i < 40; i++) {
      seqs.set(`v|m${i}`, i + 1);
      // Moved (renumbered among several nodes): the same key, a new seq.
      seqs.set(`v|m${i}`, i + 100);
      for (let j = 0; j <= i; j++) expect(seqs.get(`v|m${j}`)).toBe(j + 100);
      expect(seqs.get(`v|m${i + 1}`)).toBeUndefined();
      expect(seqs.get(`a:u1|m${i}`)).toBeUndefined();
    }
  });

  it('is built from the keys the store read back', () => {
    const seqs = ClientSeqs.of(
      new Map([
        ['v|r1', 2],
        ['a:u1|x', 5],
      ]),
    );
    expect([seqs.get('v|r1'), seqs.get('a:u1|x'), seqs.get('v|x')]).toEqual([2, 5, undefined]);
  });
});
