import { useEffect, useMemo, useState } from 'react';
import { api } from '../api/client.ts';
import { ApiError } from '../../../web/api/client.ts';
import type { ConversationSummary, User } from '../api/types.ts';
import { canViewAll } from '../app/permissions.ts';
import { linkProps } from '../app/router.ts';
import { Avatar } from '../components/Avatar.tsx';
import type { MessageKey } from '../i18n/en.ts';
import { useT } from '../i18n/I18nProvider.tsx';
import { displayName } from '../live/reducer.ts';
import { ConversationDetailView } from './ConversationDetailView.tsx';
import { matchesSearch } from './matchesSearch.ts';

/**
 * Past and current conversations with their transcripts. Agents see their own; "All" appears for those allowed to
 * view every conversation (the server enforces the same rule). The search filters as you type.
 */
export function ConversationsPage({ me, path }: { me: User; path: string }) {
  const t = useT();
  const all = canViewAll(me);
  const [scope, setScope] = useState<'mine' | 'all'>(all ? 'all' : 'mine');
  const [q, setQ] = useState('');
  const [list, setList] = useState<ConversationSummary[] | undefined>();
  const [error, setError] = useState<string | undefined>();
  const selected = decodeURIComponent(path.split('/')[2] ?? '') || undefined;

  useEffect(() => {
    let live = true;
    setList(undefined);
    setError(undefined);
    api
      .conversations({ agent: scope === 'mine' ? me.id : undefined, limit: 500 })
      .then((r) => live && setList(r))
      .catch(
        (e) =>
          live &&
          setError(e instanceof ApiError && e.status === 403 ? t('notAllowedTranscript') : (e as Error).message),
      );
    return () => {
      live = false;
    };
  }, [scope, me.id, t]);

  const shown = useMemo(() => (list ?? []).filter((c) => matchesSearch(c, q)), [list, q]);

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
              onClick={() => setScope('mine')}
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
                onClick={() => setScope('all')}
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
            onChange={(e) => setQ(e.target.value)}
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
                      <time>
                        {new Date(c.startedAt).toLocaleString(undefined, { dateStyle: 'short', timeStyle: 'short' })}
                      </time>
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
