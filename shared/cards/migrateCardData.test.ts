import { describe, expect, it } from 'vitest';
import { parseStream } from '../stream/interchange.ts';
import type { CardDefinition } from './defineCard.ts';
import { cards } from './index.ts';
import { migrateCardData } from './migrateCardData.ts';

const doc = (type: string, data: unknown, version?: number) => ({
  format: 'tributary.stream/1',
  name: 'M',
  start: 'c',
  cards: [{ id: 'c', type, data, ...(version === undefined ? {} : { version }) }],
  edges: [],
});

describe('card data migrations', () => {
  for (const [type, card] of Object.entries(cards) as [string, CardDefinition][]) {
    describe(type, () => {
      it('declares a migration for every version below the current one', () => {
        for (let v = 1; v < card.version; v++) expect(card.migrations?.[v], `migrations[${v}]`).toBeTypeOf('function');
      });

      it('reads data at its current version unchanged on import', () => {
        const r = parseStream(doc(type, card.defaults(), card.version));
        expect(r.ok && r.stream.cards[0].data).toEqual(card.defaults());
      });

      it('refuses data from a newer version with a clear message, instead of misreading it', () => {
        const r = parseStream(doc(type, card.defaults(), card.version + 1));
        expect(r.ok).toBe(false);
        if (!r.ok)
          expect(r.error).toBe(
            `cards[0].version: ${type} card data version ${card.version + 1} is newer than this Tributary's (${card.version}): update Tributary`,
          );
      });

      it('runs declared migrations in order on an old fixture, to data the current schema accepts', () => {
        // The same card one version on: its data gains a field that the next version's migration fills in.
        const next: CardDefinition = {
          ...card,
          version: card.version + 1,
          migrations: {
            ...card.migrations,
            [card.version]: (old: Record<string, unknown>) => ({ ...old, migrated: card.version }),
          },
        };
        const old = card.defaults();
        const r = migrateCardData(next, old, card.version);
        expect(r).toEqual({ ok: true, data: { ...old, migrated: card.version } });
        expect(migrateCardData({ ...next, migrations: {} }, old, card.version)).toEqual({
          ok: false,
          message: `no migration of ${type} card data from version ${card.version}`,
        });
      });
    });
  }
});
