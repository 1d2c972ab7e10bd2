import { describe, expect, it } from 'vitest';
import { CARD_BOX, freeSpot } from './freeSpot.ts';

describe('freeSpot', () => {
  const card = (x: number, y: number) => ({ x, y, ...CARD_BOX });

  it('keeps a free position and moves a new card off the card it would cover', () => {
    expect(freeSpot({ x: 0, y: 0 }, [card(1000, 1000)])).toEqual({ x: 0, y: 0 });
    const spot = freeSpot({ x: 10, y: 10 }, [card(0, 0)]);
    expect(spot).not.toEqual({ x: 10, y: 10 });
    const overlaps = spot.x < CARD_BOX.w && spot.x + CARD_BOX.w > 0 && spot.y < CARD_BOX.h && spot.y + CARD_BOX.h > 0;
    expect(overlaps).toBe(false);
  });

  it('moves a pasted group as a whole, keeping its shape', () => {
    const group = [
      { x: 0, y: 0, ...CARD_BOX },
      { x: 0, y: 200, ...CARD_BOX },
    ];
    const existing = [card(0, 0), card(0, 200)];
    const spot = freeSpot({ x: 40, y: 40 }, existing, group);
    for (const g of group) {
      for (const e of existing) {
        const hit =
          spot.x + g.x < e.x + e.w && spot.x + g.x + g.w > e.x && spot.y + g.y < e.y + e.h && spot.y + g.y + g.h > e.y;
        expect(hit).toBe(false);
      }
    }
  });
});
