import type { CannedReplyView } from '../../../shared/api/cannedReplies.ts';
import { useT } from '../i18n/I18nProvider.tsx';

/** The list the composer's `/` opens above it: shortcut, scope and the start of each matching reply. */
export function CannedMenu({
  matches,
  query,
  picked,
  onPick,
  onHover,
}: {
  matches: readonly CannedReplyView[];
  query: string;
  picked: number;
  onPick(r: CannedReplyView): void;
  onHover(i: number): void;
}) {
  const t = useT();
  return (
    <div className="canned-menu" role="listbox" aria-label={t('cannedMenu')} data-tributary="canned-menu">
      {matches.length === 0 ? (
        <div className="canned-empty muted">{t('cannedNoMatch', { query })}</div>
      ) : (
        matches.map((r, i) => (
          <div
            key={r.id}
            role="option"
            aria-selected={i === picked}
            className={i === picked ? 'canned-option active' : 'canned-option'}
            data-tributary="canned-option"
            data-shortcut={r.shortcut}
            // Keeps the focus in the text box (a blur would close the menu before the click).
            onMouseDown={(e) => e.preventDefault()}
            onMouseEnter={() => onHover(i)}
            onClick={() => onPick(r)}
          >
            <span className="canned-shortcut">/{r.shortcut}</span>
            <span className="canned-body">{r.body}</span>
            <span className={r.scope === 'workspace' ? 'tag' : 'tag tag-live'}>
              {t(r.scope === 'workspace' ? 'cannedWorkspace' : 'cannedPersonal')}
            </span>
          </div>
        ))
      )}
    </div>
  );
}
