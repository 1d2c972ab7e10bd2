import type { CardDefinition } from './defineCard.ts';

export type MigrateResult = { ok: true; data: unknown } | { ok: false; message: string };

/**
 * Brings a card's data from the version it was written at to its type's current version by running the type's
 * declared migrations in order (`migrations[n]` turns version n into n+1; DESIGN.md convention 4). Data from a newer
 * Tributary, or a gap in the migrations, is refused with a message instead of being misread.
 */
export function migrateCardData(def: CardDefinition, data: unknown, from: number): MigrateResult {
  if (!Number.isInteger(from) || from < 1) return { ok: false, message: 'must be a whole number from 1' };
  if (from > def.version) {
    return {
      ok: false,
      message: `${def.type} card data version ${from} is newer than this Tributary's (${def.version}): update Tributary`,
    };
  }
  let out = data;
  for (let v = from; v < def.version; v++) {
    const step = def.migrations?.[v];
    if (!step) return { ok: false, message: `no migration of ${def.type} card data from version ${v}` };
    out = step(out);
  }
  return { ok: true, data: out };
}
