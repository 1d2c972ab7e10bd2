import { useT } from '../i18n/I18n.tsx';
import { Icon } from '../ui/Icon.tsx';
import { icons } from '../ui/icons.ts';

/** Move up / move down / remove buttons of one row of an editable list (answers, branches). */
export function ListControls({
  index,
  count,
  onMove,
  onRemove,
}: {
  index: number;
  count: number;
  onMove(from: number, to: number): void;
  onRemove(index: number): void;
}) {
  const t = useT();
  return (
    <span className="list-controls">
      <button
        type="button"
        className="icon-btn"
        title={t('inspector.moveUp')}
        disabled={index === 0}
        onClick={() => onMove(index, index - 1)}
      >
        <Icon path={icons.up} size={14} />
      </button>
      <button
        type="button"
        className="icon-btn"
        title={t('inspector.moveDown')}
        disabled={index === count - 1}
        onClick={() => onMove(index, index + 1)}
      >
        <Icon path={icons.down} size={14} />
      </button>
      <button
        type="button"
        className="icon-btn icon-btn--danger"
        title={t('inspector.remove')}
        onClick={() => onRemove(index)}
      >
        <Icon path={icons.trash} size={14} />
      </button>
    </span>
  );
}

/** Moves one item of an array (a new array). */
export function moveItem<T>(list: readonly T[], from: number, to: number): T[] {
  const next = [...list];
  const [item] = next.splice(from, 1);
  next.splice(to, 0, item);
  return next;
}

/** A fresh id `prefix<n>` that no item uses yet; ids are port names, so they must stay unique on the card. */
export function freshId(prefix: string, taken: Iterable<string>): string {
  const used = new Set(taken);
  for (let n = 1; ; n++) if (!used.has(`${prefix}${n}`)) return `${prefix}${n}`;
}
