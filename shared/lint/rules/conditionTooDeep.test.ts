import { describe, expect, it } from 'vitest';
import { lintStream } from '../lintStream.ts';
import { card, demo } from '../testStreams.ts';
import { MAX_CONDITION_DEPTH } from '../../conditions/depth.ts';

/** A condition `depth` levels of `all` deep around one comparison. */
const nested = (depth: number) => {
  let when: unknown = { attribute: 'email', op: 'isNotEmpty' };
  for (let i = 0; i < depth; i++) when = { all: [when] };
  return when;
};
const lintWith = (depth: number) => {
  const s = demo();
  s.cards.push(card('gate', 'condition', { branches: [{ id: 'deep', when: nested(depth) }] }));
  return lintStream(s).filter((d) => d.cardId === 'gate');
};

describe('condition-too-deep', () => {
  it('is an error past the limit, with the branch as port; at the limit there is none', () => {
    expect(lintWith(MAX_CONDITION_DEPTH).map((d) => d.code)).not.toContain('condition-too-deep');
    const [d] = lintWith(MAX_CONDITION_DEPTH + 1).filter((x) => x.code === 'condition-too-deep');
    expect(d).toMatchObject({ severity: 'error', cardId: 'gate', port: 'deep' });
    expect(d.message).toContain(`at most ${MAX_CONDITION_DEPTH}`);
  });

  it('reports a condition nested 100,000 deep instead of overflowing the stack', () => {
    expect(lintWith(100_000).map((d) => d.code)).toEqual(expect.arrayContaining(['condition-too-deep']));
    expect(lintWith(100_000).map((d) => d.code)).not.toContain('invalid-card-data');
  });
});
