import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { api } from '../api/client.ts';
import type { User } from '../api/types.ts';
import { canViewAll } from '../app/permissions.ts';
import { linkProps } from '../app/router.ts';
import { Avatar } from '../components/Avatar.tsx';
import { apiErrorText } from '../i18n/apiErrorText.ts';
import { useI18n, useT } from '../i18n/I18nProvider.tsx';
import { decisionWhy } from '../i18n/whys.ts';
import { formatDateTime } from '../../../web/formatDate.ts';
import { reasonText } from '../i18n/reason.ts';
import type { MissedChatView } from '../../../shared/api/missed.ts';
import './routing.css';

/**
 * The Missed list (SPEC §5): every chat nobody could take, newest first, with why, what the visitor left and the
 * email to answer to. An agent claims one (`data-tributary="claim"`), so that colleagues see it is taken, then
 * replies by email and reads the transcript. Each row is `data-tributary="missed"`. `missedCount` counts the
 * agent socket's `missed` messages: the list reloads as soon as one comes.
 */
export function MissedPage({ me, missedCount = 0 }: { me: User; missedCount?: number }) {
  const { t, lang } = useI18n();
  const say = useCallback((e: unknown) => apiErrorText(e, t, lang), [t, lang]);
  const [only, setOnly] = useState<'open' | 'all'>('open');
  const [rows, setRows] = useState<MissedChatView[] | undefined>();
  const [error, setError] = useState<string | undefined>();

  const load = useCallback(() => {
    api
      .missed({ claimed: only === 'open' ? 'false' : undefined, limit: 100 })
      .then(setRows, (e: unknown) => setError(say(e)));
  }, [only, say]);
  useEffect(() => {
    setRows(undefined);
    load();
    // The agent socket announces the pool's new missed chats (`missed`, below). A slow look now and then catches
    // the rest: missed chats of other pools, and an announcement lost while the socket reconnected.
    const timer = setInterval(load, 60_000);
    return () => clearInterval(timer);
  }, [load]);
  // A new missed chat of the agent's pool: read the list again at once.
  useEffect(() => {
    if (missedCount > 0) load();
  }, [missedCount, load]);

  const claim = async (id: string) => {
    setError(undefined);
    try {
      const row = await api.claimMissed(id);
      setRows((list) => (list ?? []).map((r) => (r.conversationId === id ? row : r)));
    } catch (e) {
      setError(say(e));
      load();
    }
  };

  return (
    <div className="missed-page">
      <div className="missed-head">
        <h2>{t('missedTitle')}</h2>
        <div className="segmented" role="tablist">
          {(['open', 'all'] as const).map((k) => (
            <button
              key={k}
              type="button"
              role="tab"
              aria-selected={only === k}
              className={only === k ? 'on' : ''}
              onClick={() => setOnly(k)}
            >
              {t(k === 'open' ? 'missedUnclaimed' : 'missedAll')}
            </button>
          ))}
        </div>
      </div>
      <p className="muted missed-intro">{t('missedIntro')}</p>
      {error ? (
        <div className="notice notice-error" role="alert">
          <span>{error}</span>
        </div>
      ) : null}
      {!rows ? (
        <div className="muted">{t('loading')}</div>
      ) : rows.length === 0 ? (
        <div className="missed-empty muted">{t('missedNone')}</div>
      ) : (
        <ul className="missed-list">
          {rows.map((r) => (
            <MissedRow
              key={r.conversationId}
              row={r}
              me={me}
              onClaim={() => claim(r.conversationId)}
              onAnswered={() =>
                // In place (a reload of the unclaimed list would drop the row the agent is looking at).
                setRows((list) =>
                  list?.map((x) =>
                    x.conversationId === r.conversationId
                      ? { ...x, answeredBy: { id: me.id, name: me.name }, answeredAt: Date.now() }
                      : x,
                  ),
                )
              }
            />
          ))}
        </ul>
      )}
    </div>
  );
}

function MissedRow({
  row,
  me,
  onClaim,
  onAnswered,
}: {
  row: MissedChatView;
  me: User;
  onClaim(): void;
  onAnswered(): void;
}) {
  const { t, lang } = useI18n();
  const name = row.visitorName || row.email || `#${row.visitorId.slice(-6)}`;
  const mine = row.claimedBy?.id === me.id;
  const subject = t('missedReplySubject', { name });
  const body = row.message ? `\n\n> ${row.message.replace(/\n/g, '\n> ')}` : '';
  const mailto = row.email
    ? `mailto:${encodeURIComponent(row.email)}?subject=${encodeURIComponent(subject)}&body=${encodeURIComponent(body)}`
    : undefined;
  return (
    <li
      className={`missed-row${row.claimedBy ? ' claimed' : ''}`}
      data-tributary="missed"
      data-conversation={row.conversationId}
    >
      <Avatar name={name} size={36} />
      <div className="missed-main">
        <div className="missed-title">
          <strong>{name}</strong>
          {row.email && row.email !== name ? <span className="muted">{row.email}</span> : null}
          <span className="muted">{formatDateTime(row.at, lang, 'short')}</span>
          <span className="tag">{reasonText(row.reason, t)}</span>
          {row.answeredBy ? (
            <span className="tag tag-ok" data-tributary="missed-answered">
              {t('missedAnsweredBy', {
                name: row.answeredBy.id === me.id ? t('missedYou') : row.answeredBy.name,
                time: formatDateTime(row.answeredAt ?? 0, lang, 'short'),
              })}
            </span>
          ) : null}
        </div>
        {row.message ? (
          <blockquote className="missed-message" data-tributary="missed-text">
            {row.message}
          </blockquote>
        ) : (
          <div className="muted">{t('missedNoMessage')}</div>
        )}
        {row.why ? <div className="missed-why muted">{decisionWhy(row, t)}</div> : null}
        {mine && row.email ? <ReplyForm id={row.conversationId} onSent={onAnswered} /> : null}
      </div>
      <div className="missed-actions">
        {row.claimedBy ? (
          <span className="missed-claimer" data-tributary="claimed-by">
            {mine ? t('missedClaimedByYou') : t('missedClaimedBy', { name: row.claimedBy.name })}
          </span>
        ) : (
          <button type="button" className="btn btn-primary" onClick={onClaim} data-tributary="claim">
            {t('missedClaim')}
          </button>
        )}
        {mine && mailto ? (
          <a className="btn btn-ghost" href={mailto} data-tributary="reply-email">
            {t('missedReplyApp')}
          </a>
        ) : null}
        {mine || canViewAll(me) ? (
          <a className="btn btn-ghost" {...linkProps(`/conversations/${encodeURIComponent(row.conversationId)}`)}>
            {t('missedTranscript')}
          </a>
        ) : null}
      </div>
    </li>
  );
}

/** The claimer's answer, sent by the workspace's mailer to the visitor's email (the agent is its Reply-To). */
function ReplyForm({ id, onSent }: { id: string; onSent(): void }) {
  const t = useT();
  const [text, setText] = useState('');
  const [state, setState] = useState<{ sentTo?: string; error?: string; busy?: boolean }>({});
  const send = async (e: FormEvent) => {
    e.preventDefault();
    if (!text.trim()) return;
    setState({ busy: true });
    try {
      const r = await api.replyMissed(id, text);
      setState({ sentTo: r.to });
      setText('');
      onSent();
    } catch (err) {
      setState({ error: (err as Error).message });
    }
  };
  return (
    <form className="missed-reply" onSubmit={send}>
      <textarea
        rows={3}
        value={text}
        onChange={(e) => setText(e.target.value)}
        placeholder={t('missedReplyPlaceholder')}
        aria-label={t('missedReply')}
        data-tributary="missed-reply"
      />
      <div className="missed-reply-foot">
        {state.sentTo ? (
          <span className="muted" role="status" data-tributary="missed-sent">
            {t('missedSent', { email: state.sentTo })}
          </span>
        ) : state.error ? (
          <span className="missed-error" role="alert">
            {state.error}
          </span>
        ) : (
          <span />
        )}
        <button
          type="submit"
          className="btn btn-primary"
          disabled={state.busy || !text.trim()}
          data-tributary="missed-send"
        >
          {t('missedReply')}
        </button>
      </div>
    </form>
  );
}
