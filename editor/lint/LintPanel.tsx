import { useI18n } from '../i18n/I18n.tsx';
import { Icon } from '../ui/Icon.tsx';
import { icons } from '../ui/icons.ts';
import type { Diagnostic } from '../../shared/lint/diagnostic.ts';
import { useDiagnostics, type LintStore } from './lintStore.ts';
import { diagnosticText } from './diagnosticText.ts';
import type { CardRefOf } from './nameCards.ts';
import { cardPhrase, type CardRef } from '../../shared/cards/cardLabel.ts';
import type { Lang } from '../i18n/I18n.tsx';

/** The card a row is about, at its end: what it says, or its type and place; its id only when it is no card. */
function cardTag(ref: CardRef | undefined, id: string, lang: Lang): string {
  if (!ref) return id;
  if ('says' in ref) return ref.says;
  const phrase = cardPhrase(ref, lang);
  return phrase[0].toUpperCase() + phrase.slice(1);
}

/**
 * The list of lint findings. Each row carries `data-tributary="lint"` (SPEC §8.5) and shows the code and the
 * message, naming cards by what they say; clicking it focuses the card.
 */
export function LintPanel({
  lint,
  onFocusCard,
  refOf,
}: {
  lint: LintStore;
  onFocusCard(cardId: string): void;
  refOf?: CardRefOf;
}) {
  const diagnostics = useDiagnostics(lint);
  return <LintList diagnostics={diagnostics} onFocusCard={onFocusCard} refOf={refOf} />;
}

export function LintList({
  diagnostics,
  onFocusCard,
  refOf = () => undefined,
}: {
  diagnostics: readonly Diagnostic[];
  onFocusCard(cardId: string): void;
  /** How a card is known in a row: what it says, or its type and place (`DraftStore.cardRef`), never its id. */
  refOf?: CardRefOf;
}) {
  const { t, lang } = useI18n();
  const errors = diagnostics.filter((d) => d.severity === 'error');
  const warnings = diagnostics.filter((d) => d.severity === 'warning');
  const sorted = [...errors, ...warnings];
  return (
    <section className="lint-panel" aria-label={t('lint.title')}>
      <header className="lint-panel__header">
        <span className="panel-title">{t('lint.title')}</span>
        <span className={'badge ' + (errors.length ? 'badge--error' : 'badge--muted')}>
          <Icon path={icons.error} size={12} /> {errors.length}
        </span>
        <span className={'badge ' + (warnings.length ? 'badge--warning' : 'badge--muted')}>
          <Icon path={icons.warning} size={12} /> {warnings.length}
        </span>
      </header>
      {sorted.length === 0 ? (
        <div className="lint-panel__ok">
          <Icon path={icons.check} size={14} /> {t('lint.none')}
        </div>
      ) : (
        <ul className="lint-panel__list">
          {sorted.map((d, i) => (
            <li key={`${d.code}|${d.cardId ?? ''}|${d.edgeId ?? ''}|${d.port ?? ''}|${i}`}>
              <button
                type="button"
                data-tributary="lint"
                data-code={d.code}
                data-card={d.cardId}
                className={`lint-row lint-row--${d.severity}`}
                onClick={() => d.cardId && onFocusCard(d.cardId)}
                title={d.severity === 'error' ? t('lint.error') : t('lint.warning')}
              >
                <Icon
                  path={d.severity === 'error' ? icons.error : icons.warning}
                  size={14}
                  className="lint-row__icon"
                />
                <code className="lint-row__code">{d.code}</code>
                <span className="lint-row__message">{diagnosticText(d, lang, refOf)}</span>
                {d.cardId ? <span className="lint-row__card">{cardTag(refOf(d.cardId), d.cardId, lang)}</span> : null}
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
