import { CARD_TYPES } from '../../shared/cards/index.ts';
import { cardTitle, viewOf } from '../cards/cardViews.ts';
import { useLocalText } from '../i18n/useLocalText.ts';
import { useT } from '../i18n/I18n.tsx';
import { Icon } from '../ui/Icon.tsx';

/** The drag data type of a card type dragged from the palette. */
export const PALETTE_MIME = 'application/x-tributary-card';

/** The card types, in catalog order: drag one onto the canvas, or click to add it in the middle of the view. */
export function Palette({ onAdd, disabled }: { onAdd(type: string): void; disabled?: boolean }) {
  const t = useT();
  const local = useLocalText();
  return (
    <aside className="palette" aria-label={t('palette.title')}>
      <div className="panel-title">{t('palette.title')}</div>
      <div className="palette__list">
        {CARD_TYPES.map((type) => {
          const view = viewOf(type)!;
          return (
            <button
              key={type}
              type="button"
              className="palette__item"
              draggable={!disabled}
              disabled={disabled}
              data-card-type={type}
              style={{ '--accent': view.color } as React.CSSProperties}
              onDragStart={(e) => {
                e.dataTransfer.setData(PALETTE_MIME, type);
                e.dataTransfer.effectAllowed = 'copy';
              }}
              onClick={() => onAdd(type)}
            >
              <span className="palette__icon">
                <Icon path={view.icon} size={16} />
              </span>
              {local(cardTitle(type)!)}
            </button>
          );
        })}
      </div>
      <p className="palette__hint">{t('palette.hint')}</p>
    </aside>
  );
}
