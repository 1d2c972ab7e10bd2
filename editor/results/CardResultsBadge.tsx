import { memo } from 'react';
import { useCanvasServices } from '../canvas/CanvasContext.ts';
import { useT } from '../i18n/I18n.tsx';
import { formatShare } from './formatShare.ts';
import { useCardResults } from './resultsStore.ts';

/** A drop-off at or above this share of a card's visitors is highlighted as a leak. */
export const HIGH_DROP_OFF = 0.2;

/**
 * A card's counts while results are on (SPEC §8.5 `card-results`: its text includes how many reached the card):
 * reached, how many stopped here (highlighted when many did), and whether the draft's card differs from the version
 * whose counts these are. Renders nothing while results are off.
 */
export const CardResultsBadge = memo(function CardResultsBadge({ id }: { id: string }) {
  const t = useT();
  const { results } = useCanvasServices();
  const r = useCardResults(results, id);
  if (!r) return null;
  const high = r.dropShare !== null && r.dropShare >= HIGH_DROP_OFF && r.left > 0;
  return (
    <div
      data-tributary="card-results"
      data-reached={r.reached}
      className={'card-results' + (high ? ' is-high-drop' : '') + (r.mark ? ` is-${r.mark}` : '')}
    >
      <span className="card-results__reached" title={t('results.reachedHint')}>
        <b>{r.reached}</b> {t('results.reached')}
      </span>
      {r.left > 0 ? (
        <span className="card-results__left" title={t('results.leftHint')}>
          {t('results.left', { count: r.left, share: formatShare(r.dropShare) })}
        </span>
      ) : null}
      {r.mark ? (
        <span
          className={`card-results__mark card-results__mark--${r.mark}`}
          title={t(r.mark === 'new' ? 'results.newHint' : 'results.changedHint')}
        >
          {t(r.mark === 'new' ? 'results.new' : 'results.changed')}
        </span>
      ) : null}
    </div>
  );
});
