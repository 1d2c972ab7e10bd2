import type { Position } from '../../shared/stream/model.ts';

export interface Box {
  x: number;
  y: number;
  w: number;
  h: number;
}

/** The size of a card not measured yet (a new one). */
export const CARD_BOX = { w: 260, h: 100 };
const GAP = 24;
const STEP = 40;

/**
 * Where to put new cards near `want` so that they land on no existing card: `want` itself when it is free, else
 * the nearest free offset, searched in growing rings (down and right first, as a person would make room). `group`
 * is the new cards' boxes relative to `want` (one box for one card; a pasted selection keeps its shape).
 */
export function freeSpot(
  want: Position,
  existing: readonly Box[],
  group: readonly Box[] = [{ x: 0, y: 0, ...CARD_BOX }],
): Position {
  const overlaps = (dx: number, dy: number) =>
    group.some((g) =>
      existing.some(
        (e) =>
          want.x + dx + g.x < e.x + e.w + GAP &&
          want.x + dx + g.x + g.w + GAP > e.x &&
          want.y + dy + g.y < e.y + e.h + GAP &&
          want.y + dy + g.y + g.h + GAP > e.y,
      ),
    );
  for (let ring = 0; ring <= 40; ring++) {
    const d = ring * STEP;
    const candidates =
      ring === 0
        ? [[0, 0]]
        : [
            [0, d],
            [d, 0],
            [d, d],
            [-d, d],
            [0, -d],
            [-d, 0],
            [d, -d],
            [-d, -d],
          ];
    for (const [dx, dy] of candidates) if (!overlaps(dx, dy)) return { x: want.x + dx, y: want.y + dy };
  }
  return want;
}

/** The boxes the cards on the canvas take (measured when React Flow has measured them). */
export function cardBoxes(
  nodes: readonly { position: Position; measured?: { width?: number; height?: number } }[],
): Box[] {
  return nodes.map((n) => ({
    x: n.position.x,
    y: n.position.y,
    w: n.measured?.width ?? CARD_BOX.w,
    h: n.measured?.height ?? CARD_BOX.h,
  }));
}
