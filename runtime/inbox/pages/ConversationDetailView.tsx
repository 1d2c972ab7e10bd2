import { useEffect, useState } from 'react';
import { api, type ConversationDetail } from '../api/client.ts';
import { ApiError } from '../../../web/api/client.ts';
import { MessageBubble } from '../components/MessageBubble.tsx';
import { EmailTranscriptButton } from '../components/EmailTranscriptButton.tsx';
import { ProfilePanel } from '../components/ProfilePanel.tsx';
import { VisitorContextSection } from '../components/VisitorContextSection.tsx';
import '../canned/context.css';
import { useT } from '../i18n/I18nProvider.tsx';
import { displayName } from '../live/reducer.ts';
import { toMessage } from '../live/wire.ts';
import { DecisionList } from '../admin/DecisionList.tsx';

/** One conversation's transcript (read-only), the visitor's profile and the routing decisions that shaped it. */
export function ConversationDetailView({ id }: { id: string }) {
  const t = useT();
  const [detail, setDetail] = useState<ConversationDetail | undefined>();
  const [error, setError] = useState<string | undefined>();
  const [names, setNames] = useState<Record<string, string>>({});
  useEffect(() => {
    api
      .agents()
      .then((list) => setNames(Object.fromEntries(list.map((a) => [a.id, a.name]))))
      .catch(() => {});
  }, []);
  useEffect(() => {
    let live = true;
    setDetail(undefined);
    setError(undefined);
    api
      .conversation(id)
      .then((d) => live && setDetail(d))
      .catch((e) => {
        if (!live) return;
        setError(
          e instanceof ApiError && (e.status === 403 || e.status === 404)
            ? t('notAllowedTranscript')
            : (e as Error).message,
        );
      });
    return () => {
      live = false;
    };
  }, [id, t]);

  if (error)
    return (
      <div className="desk-empty">
        <p className="form-error" data-tributary="transcript-error">
          {error}
        </p>
      </div>
    );
  if (!detail)
    return (
      <div className="desk-empty">
        <span className="muted">{t('loading')}</span>
      </div>
    );
  const visitor = {
    id: detail.visitorId,
    attributes: detail.visitor,
    dialogue: detail.dialogueName ?? undefined,
    startedAt: detail.startedAt,
  };
  const name = displayName(visitor);
  return (
    <>
      <section className="chat-view" data-tributary="transcript-view">
        <header className="chat-head">
          <div>
            <h2>{name}</h2>
            <div className="chat-head-sub">
              {detail.dialogueName ? <span>{detail.dialogueName}</span> : null}
              {detail.agentName ? <span>{detail.agentName}</span> : null}
              <span className={`tag tag-${detail.status}`}>{t(`convStatus_${detail.status}`)}</span>
            </div>
          </div>
          <EmailTranscriptButton conversationId={detail.id} email={detail.visitor.email} />
        </header>
        <div className="chat-scroll">
          <div className="section-label">{t('transcript')}</div>
          {detail.items.map((item) => (
            <MessageBubble key={item.seq} message={toMessage(item)} visitorName={name} />
          ))}
          {detail.decisions?.length ? (
            <>
              <div className="section-label">{t('routingDecisions')}</div>
              <DecisionList decisions={detail.decisions} compact names={names} />
            </>
          ) : null}
        </div>
      </section>
      <ProfilePanel visitor={visitor}>
        <VisitorContextSection conversationId={detail.id} />
      </ProfilePanel>
    </>
  );
}
