import { useEffect, useState } from 'react';
import type { VisitorContextView } from '../../../shared/api/visitorContext.ts';
import { api } from '../api/client.ts';
import { useI18n } from '../i18n/I18nProvider.tsx';
import { EarlierConversation } from './EarlierConversation.tsx';
import { useNow } from './useNow.ts';

/**
 * The visitor's context under their profile (SPEC §5): the page (and title) where they asked for a person, where
 * they came from, browser and OS, their local time and language, goals and score, and their earlier conversations
 * with transcripts that open in place. Fetched per chat; `version` (the visitor's attributes) fetches it again.
 */
export function VisitorContextSection({
  conversationId,
  version,
  onLoaded,
}: {
  conversationId: string;
  version?: string;
  /** What the stream captured (with the missing ones), for the profile above. */
  onLoaded?(conversationId: string, captured: VisitorContextView['captured']): void;
}) {
  const { t, lang } = useI18n();
  const [ctx, setCtx] = useState<VisitorContextView | undefined>();
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    let live = true;
    setFailed(false);
    api
      .visitorContext(conversationId)
      .then((c) => {
        if (!live) return;
        setCtx(c);
        onLoaded?.(conversationId, c.captured);
      })
      .catch(() => live && setFailed(true));
    return () => {
      live = false;
    };
  }, [conversationId, version, onLoaded]);

  if (failed) return <p className="muted">{t('ctxUnavailable')}</p>;
  if (!ctx || ctx.conversationId !== conversationId) return <p className="muted">{t('loading')}</p>;
  const locale = lang === 'ko' ? 'ko-KR' : 'en-US';
  const browser = [ctx.browser && `${ctx.browser.name} ${major(ctx.browser.version)}`, ctx.os && osName(ctx.os)]
    .filter(Boolean)
    .join(' · ');
  return (
    <div className="visitor-context" data-tributary="visitor-context">
      <h3>{t('visitorContext')}</h3>
      <dl className="profile-attrs">
        <div className="profile-row">
          <dt>{t('ctxPage')}</dt>
          <dd data-tributary="context-page">
            {ctx.page ? (
              <>
                <WebLink url={ctx.page.url} text={ctx.page.title || ctx.page.url} />
                <div className="ctx-sub">{ctx.requested ? t('ctxRequestedHere') : t('ctxStartedHere')}</div>
              </>
            ) : (
              DASH
            )}
          </dd>
        </div>
        <Row label={t('ctxReferrer')} hook="context-referrer">
          {ctx.referrer ? <WebLink url={ctx.referrer} text={hostOf(ctx.referrer)} /> : DASH}
        </Row>
        <Row label={t('ctxBrowser')} hook="context-browser">
          {browser ? <span title={ctx.userAgent ?? undefined}>{browser}</span> : DASH}
        </Row>
        <Row label={t('ctxLocalTime')} hook="context-time">
          {ctx.timeZone ? <LocalTime zone={ctx.timeZone} locale={locale} /> : DASH}
        </Row>
        <Row label={t('ctxLanguage')} hook="context-language">
          {ctx.language ? (
            <>
              {languageName(ctx.language, locale)} <span className="ctx-sub-inline">{ctx.language}</span>
            </>
          ) : (
            DASH
          )}
        </Row>
      </dl>
      <h3>{t('ctxGoals')}</h3>
      {ctx.goals.length ? (
        <div className="ctx-goals" data-tributary="context-goals">
          {ctx.goals.map((g, i) => (
            <span key={i} className="tag tag-goal">
              {g.name}
              {g.score ? ` +${g.score}` : ''}
            </span>
          ))}
          <span className="ctx-score">
            {t('ctxScore')} <strong>{ctx.score}</strong>
          </span>
        </div>
      ) : (
        <p className="muted">{t('ctxNoGoals')}</p>
      )}
      <h3>{t('ctxEarlier')}</h3>
      {ctx.earlier.length ? (
        <ul className="ctx-earlier">
          {ctx.earlier.map((c) => (
            <EarlierConversation key={c.id} conversation={c} locale={locale} />
          ))}
        </ul>
      ) : (
        <p className="muted">{t('ctxNoEarlier')}</p>
      )}
    </div>
  );
}

export const DASH = '—';

function Row({ label, hook, children }: { label: string; hook: string; children: React.ReactNode }) {
  return (
    <div className="profile-row">
      <dt>{label}</dt>
      <dd data-tributary={hook}>{children}</dd>
    </div>
  );
}

/** A link only for http(s) URLs (what the visitor's page sent is never trusted as markup or a script URL). */
function WebLink({ url, text }: { url: string; text: string }) {
  return /^https?:\/\//i.test(url) ? (
    <a href={url} target="_blank" rel="noopener noreferrer nofollow" title={url}>
      {text}
    </a>
  ) : (
    <span title={url}>{text}</span>
  );
}

/** The visitor's wall clock, ticking with the inbox's clock; a zone the browser does not know shows a dash. */
function LocalTime({ zone, locale }: { zone: string; locale: string }) {
  const now = useNow(30_000);
  let text: string;
  try {
    text = new Intl.DateTimeFormat(locale, {
      timeZone: zone,
      hour: 'numeric',
      minute: '2-digit',
      weekday: 'short',
    }).format(now);
  } catch {
    return <>{DASH}</>;
  }
  return (
    <>
      {text} <span className="ctx-sub-inline">({zone.replace(/_/g, ' ')})</span>
    </>
  );
}

function languageName(tag: string, locale: string): string {
  try {
    return new Intl.DisplayNames([locale], { type: 'language' }).of(tag) ?? tag;
  } catch {
    return tag;
  }
}

const major = (v: string | null) => (v ? v.split('.')[0] : '');
const osName = (os: { name: string; version: string | null }) =>
  os.version && !/^NT /.test(os.version) ? `${os.name} ${os.version}` : os.name;

function hostOf(url: string): string {
  try {
    return new URL(url).host || url;
  } catch {
    return url;
  }
}
