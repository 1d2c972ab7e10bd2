import { useEffect } from 'react';
import { edgePhrase } from '../../shared/cards/cardLabel.ts';
import type { DraftStore } from '../collab/draftStore.ts';
import { useI18n } from '../i18n/I18n.tsx';

/**
 * Gives the canvas's edges an accessible name in the page's language, by the cards they join ("From ‘Welcome’ to
 * ‘Ask email’"; a card that says nothing by its type and place), never by ids: React Flow's own default is
 * "Edge from <id> to <id>". The store names them again whenever cards or edges change.
 */
export function useEdgeNames(store: DraftStore): void {
  const { lang } = useI18n();
  useEffect(() => store.setEdgeNamer((from, to) => edgePhrase(from, to, lang)), [store, lang]);
}
