import { useMemo, useSyncExternalStore } from 'react';
import { cards, parseCardData, type CardType } from '../../shared/cards/index.ts';
import { cardTitle, viewOf } from '../cards/cardViews.ts';
import { useLocalText } from '../i18n/useLocalText.ts';
import { toFieldIssues } from '../cards/issues.ts';
import type { EditorSession } from '../collab/editorSession.ts';
import { useI18n, useT } from '../i18n/I18n.tsx';
import { diagnosticText } from '../lint/diagnosticText.ts';
import { useCardLint } from '../lint/lintStore.ts';
import { ErrorBoundary } from '../ui/ErrorBoundary.tsx';
import { Icon } from '../ui/Icon.tsx';
import { icons } from '../ui/icons.ts';
import { workspaceAttributes } from '../workspace/workspace.ts';
import { CardFieldContext } from './CardFieldContext.ts';
import { CardForm } from './CardForm.tsx';
import { RawDataEditor } from './RawDataEditor.tsx';
import { streamAttributes } from './streamAttributes.ts';
import { cardName } from '../cards/cardName.ts';

/** The right-hand panel: the selected card's fields, validated as the user types and written to the doc. */
export function Inspector({ session, readOnly = false }: { session: EditorSession; readOnly?: boolean }) {
  const t = useT();
  const store = session.binding.store;
  // A string, so that drag frames (new node arrays, same selection) do not re-render the inspector.
  const selected = useSyncExternalStore(store.subscribe, () => selectionKey(store.getSnapshot().nodes));
  const ids = selected ? selected.split('\n') : [];
  return (
    <aside className="inspector" aria-label={t('inspector.title')}>
      {ids.length === 0 ? (
        <div className="inspector__empty">
          <Icon path={icons.edit} size={28} />
          <p>{t('inspector.empty')}</p>
        </div>
      ) : ids.length > 1 ? (
        <div className="inspector__empty">
          <p>{t('inspector.multi', { count: ids.length })}</p>
          {!readOnly ? (
            <button type="button" className="btn btn--danger" onClick={() => session.binding.remove(ids, [])}>
              <Icon path={icons.trash} size={14} /> {t('inspector.delete')}
            </button>
          ) : null}
        </div>
      ) : (
        <CardInspector key={ids[0]} id={ids[0]} session={session} readOnly={readOnly} />
      )}
    </aside>
  );
}

function selectionKey(nodes: readonly { id: string; selected?: boolean }[]): string {
  let key = '';
  for (const n of nodes) if (n.selected) key += key ? `\n${n.id}` : n.id;
  return key;
}

export function CardInspector({ id, session, readOnly }: { id: string; session: EditorSession; readOnly: boolean }) {
  const { t, lang } = useI18n();
  const local = useLocalText();
  const { binding, workspace, lint } = session;
  const store = binding.store;
  const card = useSyncExternalStore(store.subscribe, () => store.card(id));
  const start = useSyncExternalStore(store.subscribe, () => store.getSnapshot().start);
  const cardLint = useCardLint(lint, id);
  const attributes = useMemo(
    () => [...new Set([...workspaceAttributes(workspace), ...streamAttributes(store.stream())])],
    // Recomputed when this card's data changes; other cards' attributes rarely matter mid-edit.
    [workspace, store, card?.data],
  );
  const fieldContext = useMemo(() => ({ session, cardId: id, readOnly }), [session, id, readOnly]);
  if (!card) return null;
  const view = viewOf(card.type);
  const title = cardTitle(card.type);
  const raw = card.data && typeof card.data === 'object' && !Array.isArray(card.data) ? card.data : {};
  const parsed = parseCardData(card.type, card.data);
  const issues = toFieldIssues(parsed.ok ? [] : parsed.issues);
  const onChange = (next: unknown) => !readOnly && binding.setData(id, next);
  return (
    <div
      className="inspector__card"
      style={{ '--accent': view?.color ?? 'var(--card-unknown)' } as React.CSSProperties}
    >
      <header className="inspector__head">
        <span className="card-node__icon">
          <Icon path={view?.icon ?? icons.unknown} size={16} />
        </span>
        <div>
          <h3>{title ? local(title) : t('card.unknown')}</h3>
          <div className="inspector__name" title={`${t('inspector.id')}: ${id}`}>
            {cardName(card)}
          </div>
        </div>
      </header>
      <div className="inspector__actions">
        {start === id ? (
          <span className="pill pill--accent">{t('inspector.isStart')}</span>
        ) : (
          <button type="button" className="btn btn--small" disabled={readOnly} onClick={() => binding.setStart(id)}>
            <Icon path={icons.flag} size={14} /> {t('inspector.makeStart')}
          </button>
        )}
        <button
          type="button"
          className="btn btn--small btn--danger"
          disabled={readOnly}
          onClick={() => binding.remove([id], [])}
        >
          <Icon path={icons.trash} size={14} /> {t('inspector.delete')}
        </button>
      </div>
      {cardLint.diagnostics.length ? (
        <ul className="inspector__lint">
          {cardLint.diagnostics.map((d, i) => (
            <li key={i} className={`lint-row--${d.severity}`}>
              <Icon path={d.severity === 'error' ? icons.error : icons.warning} size={13} />
              <span>
                <code>{d.code}</code> {diagnosticText(d, lang, binding.store.cardRef)}
              </span>
            </li>
          ))}
        </ul>
      ) : null}
      <CardFieldContext.Provider value={fieldContext}>
        <fieldset className="inspector__form" disabled={readOnly}>
          {view ? (
            // Data too broken for the form (a colleague's faulty client, an old import) falls back to the JSON editor.
            <ErrorBoundary fallback={<RawDataEditor value={card.data} onChange={onChange} />} resetKey={card.data}>
              {view.Inspector ? (
                <view.Inspector
                  data={raw as never}
                  onChange={onChange}
                  issues={issues}
                  workspace={workspace}
                  attributes={attributes}
                />
              ) : (
                <CardForm
                  schema={cards[card.type as CardType].schema}
                  data={raw as Record<string, unknown>}
                  onChange={onChange}
                  issues={issues}
                  workspace={workspace}
                  attributes={attributes}
                />
              )}
            </ErrorBoundary>
          ) : (
            <RawDataEditor value={card.data} onChange={onChange} />
          )}
        </fieldset>
      </CardFieldContext.Provider>
    </div>
  );
}
