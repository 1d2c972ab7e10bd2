import { describe, expect, it, vi } from 'vitest';
import type { Hub } from '../live/hub.ts';
import type { WorkLocks } from './workLocks.ts';

const stepped: string[] = [];
vi.mock('../live/botStep.ts', () => ({
  recoverStep: async (_hub: unknown, conv: { rec: { id: string } }) => void stepped.push(conv.rec.id),
}));
const { stepStrandedReplies } = await import('./strandedSteps.ts');

/**
 * The look of a surviving node pages through every stranded reply, however many a dead node left, and reads none
 * twice: a store that keeps answering with conversations whose step could not run (they stay stranded) does not
 * hold the look on them. The look against real nodes and a killed one: strandedSteps.test.ts.
 */
describe("a dead node's stranded replies, looked at in pages", () => {
  const world = (stranded: string[]) => {
    const reads: Array<[number, string | undefined]> = [];
    const hub = {
      store: {
        conversations: {
          // As the store answers: in id order after `after`, at most `limit`; stepping clears none here.
          repliesWithoutStep: async (limit: number, after = '') => {
            reads.push([limit, after]);
            return stranded.filter((id) => id > after).slice(0, limit);
          },
        },
      },
      conv: async (id: string) => ({ rec: { id }, recheck: undefined }),
      release: () => undefined,
    } as unknown as Hub;
    let taken = false;
    const locks = {
      take: async () => (taken ? null : ((taken = true), async () => undefined)),
    } as unknown as WorkLocks;
    return { hub, locks, reads };
  };

  it('steps every one, page after page, each once', async () => {
    stepped.length = 0;
    const ids = ['c_1', 'c_2', 'c_3', 'c_4', 'c_5'];
    const { hub, locks, reads } = world(ids);
    expect(await stepStrandedReplies(hub, locks, 'n_dead', 2)).toBe(5);
    expect(stepped).toEqual(ids);
    expect(reads).toEqual([
      [2, ''],
      [2, 'c_2'],
      [2, 'c_4'],
    ]);
    // Another node that hears of the same death later finds the look taken.
    expect(await stepStrandedReplies(hub, locks, 'n_dead', 2)).toBe(0);
    expect(stepped).toHaveLength(5);
  });

  it('ends on a full last page with one more read that finds nothing', async () => {
    stepped.length = 0;
    const { hub, locks, reads } = world(['c_1', 'c_2']);
    expect(await stepStrandedReplies(hub, locks, 'n_dead', 2)).toBe(2);
    expect(reads).toEqual([
      [2, ''],
      [2, 'c_2'],
    ]);
  });
});
