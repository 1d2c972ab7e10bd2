import { useEffect, useState } from 'react';
import { api } from '../api/client.ts';
import { ApiError } from '../../../web/api/client.ts';
import type { ConversationSummary, User } from '../api/types.ts';
import { canViewAll } from '../app/permissions.ts';
import { linkProps } from '../app/router.ts';
import { Avatar } from '../components/Avatar.tsx';
import type { MessageKey } from '../i18n/en.ts';
import { apiErrorText } from '../i18n/apiErrorText.ts';
import { useI18n } from '../i18n/I18nProvider.tsx';
import { formatDateTime } from '../../../web/formatDate.ts';
import { displayName } from '../live/reducer.ts';
import { ConversationDetailView } from './ConversationDetailView.tsx';

/**
 * Past and current conversations with their transcripts. Agents see their own; "All" appears for those allowed to
 * view every conversation (the server enforces the same rule). The search runs on the server as you type (a
 * moment after the last key), over the visitors' names, emails and the messages, a page at a time.
 */
export function ConversationsPage({ me, path }: { me: User; path: string }) {
  const { t, lang } = useI18n();
  const all = canViewAll(me);
  const [scope, setScope] = useState<'mine' | 'all'>(all ? 'all' : 'mine');
  const [q, setQ] = useState('');
  const [list, setList] = useState<ConversationSummary[] | undefined>();
  const [next, setNext] = useState<string | null>(null);
  const [more, setMore] = useState<string | undefined>();
  const [error, setError] = useState<string | undefined>();
  const selected = decodeURIComponent(path.split('/')[2] ?? '') || undefined;

  // A new search (scope or words) starts over; "More" (`more`, a cursor) appends the next page.
  useEffect(() => {
    let live = true;
    if (!more) setList(undefined);
    setError(undefined);
    const timer = setTimeout(
      () =>
        api
          .searchConversations({ q, agent: scope === 'mine' ? me.id : undefined, cursor: more, limit: PAGE })
          .then((r) => {
            if (!live) return;
            setList((old) => (more ? [...(old ?? []), ...r.conversations] : r.conversations));
            setNext(r.next);
          })
          .catch(
            (e) =>
              live &&
              setError(
                e instanceof ApiError && e.status === 403 ? t('notAllowedTranscript') : apiErrorText(e, t, lang),
              ),
          ),
      more ? 0 : TYPING_PAUSE_MS,
    );
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [scope, q, more, me.id, t]);
  const shown = list ?? [];

  return (
    <div className="conversations">
      <div className="conv-list">
        <div className="conv-tools">
          <h2>{t('conversationsTitle')}</h2>
          <div className="segmented" role="tablist">
            <button
              type="button"
              role="tab"
              aria-selected={scope === 'mine'}
              className={scope === 'mine' ? 'on' : ''}
              onClick={() => (setScope('mine'), setMore(undefined))}
              data-tributary="scope-mine"
            >
              {t('scopeMine')}
            </button>
            {all ? (
              <button
                type="button"
                role="tab"
                aria-selected={scope === 'all'}
                className={scope === 'all' ? 'on' : ''}
                onClick={() => (setScope('all'), setMore(undefined))}
                data-tributary="scope-all"
              >
                {t('scopeAll')}
              </button>
            ) : null}
          </div>
          <input
            type="search"
            className="search"
            placeholder={t('searchConversations')}
            value={q}
            onChange={(e) => (setQ(e.target.value), setMore(undefined))}
            maxLength={200}
            data-tributary="conversation-search"
            aria-label={t('search')}
          />
        </div>
        {error ? <p className="form-error">{error}</p> : null}
        {!list && !error ? <p className="muted pad">{t('loading')}</p> : null}
        {list && shown.length === 0 ? <p className="muted pad">{t('noConversations')}</p> : null}
        <ul>
          {shown.map((c) => {
            const name = displayName({ id: c.visitorId, attributes: c.visitor });
            return (
              <li key={c.id}>
                <a
                  {...linkProps(`/conversations/${encodeURIComponent(c.id)}`)}
                  className={`conv-item${c.id === selected ? ' active' : ''}`}
                  data-tributary="conversation"
                  data-conversation={c.id}
                >
                  <Avatar name={name} size={32} />
                  <span className="conv-item-body">
                    <span className="conv-item-top">
                      <span className="conv-item-name">{name}</span>
                      <time>{formatDateTime(c.startedAt, lang, 'short')}</time>
                    </span>
                    <span className="conv-item-sub">
                      <span className={`tag tag-${c.status}`}>{t(`convStatus_${c.status}` as MessageKey)}</span>
                      {c.agentName ? <span>{c.agentName}</span> : null}
                      {c.dialogueName ? <span className="muted">{c.dialogueName}</span> : null}
                    </span>
                  </span>
                </a>
              </li>
            );
          })}
        </ul>
        {list && next ? (
          <button type="button" className="btn btn-small conv-more" onClick={() => setMore(next)} data-tributary="more">
            {t('loadMore')}
          </button>
        ) : null}
      </div>
      {selected ? (
        <ConversationDetailView id={selected} />
      ) : (
        <div className="desk-empty">
          <span className="muted">{t('pickConversation')}</span>
        </div>
      )}
    </div>
  );
}

/** Conversations a page. */
const PAGE = 50;
/** How long typing must pause before the words are searched. */
const TYPING_PAUSE_MS = 250;
