import { useCallback, useEffect, useRef, useState } from 'react';
import type { EditorSession } from '../collab/editorSession.ts';
import { useT } from '../i18n/I18n.tsx';
import { Icon } from '../ui/Icon.tsx';
import { icons } from '../ui/icons.ts';
import { SidePanel } from '../ui/SidePanel.tsx';
import { PreviewTranscript } from './PreviewTranscript.tsx';
import {
  canTalkToPerson,
  pendingAsk,
  replyPreview,
  startPreview,
  talkToPersonPreview,
  type PreviewRun,
} from './runPreview.ts';

/** Runs the draft as a visitor would see it, in a panel that looks like the widget. */
export function PreviewPanel({ session, onClose }: { session: EditorSession; onClose(): void }) {
  const t = useT();
  const [agents, setAgents] = useState(true);
  const [run, setRun] = useState<PreviewRun | null>(null);
  const [blocked, setBlocked] = useState<string>();
  const [text, setText] = useState('');
  const endRef = useRef<HTMLDivElement>(null);

  const restart = useCallback(() => {
    setText('');
    if (session.lint.errorCount() > 0) {
      setRun(null);
      setBlocked(t('preview.blocked'));
      return;
    }
    try {
      setRun(startPreview(session.binding.store.stream(), agents));
      setBlocked(undefined);
    } catch (e) {
      setRun(null);
      setBlocked(e instanceof Error ? e.message : String(e));
    }
  }, [session, agents, t]);

  useEffect(() => {
    restart();
  }, [restart]);
  // Braces matter: Chromium's scrollIntoView returns a promise, which React would take for a cleanup function.
  useEffect(() => {
    endRef.current?.scrollIntoView({ block: 'end' });
  }, [run]);

  const ask = run ? pendingAsk(run) : undefined;
  const send = (reply: string) => {
    if (!run || !reply.trim()) return;
    try {
      setRun(replyPreview(run, reply, agents));
    } catch (e) {
      setBlocked(e instanceof Error ? e.message : String(e));
    }
    setText('');
  };
  const buttons = ask ? ('answers' in ask ? ask.answers : ask.input === 'picklist' ? (ask.options ?? []) : []) : [];
  const wantsText = !!ask && ('answers' in ask ? !!ask.freeText : ask.input !== 'picklist');
  const person = () => {
    if (!run) return;
    try {
      setRun(talkToPersonPreview(run, t('preview.talkToPerson'), agents));
    } catch (e) {
      setBlocked(e instanceof Error ? e.message : String(e));
    }
  };

  return (
    <SidePanel
      title={t('preview.title')}
      onClose={onClose}
      actions={
        <button type="button" className="btn btn--small" onClick={restart}>
          <Icon path={icons.undo} size={13} /> {t('preview.restart')}
        </button>
      }
    >
      <label className="check">
        <input type="checkbox" checked={agents} onChange={(e) => setAgents(e.target.checked)} />
        {t('preview.agentsAvailable')}
      </label>
      <div className="widget-frame" data-tributary="preview">
        <div className="widget-frame__head">
          <span className="widget-frame__avatar">
            <Icon path={icons.message} size={16} />
          </span>
          <div>
            <strong>{session.binding.store.getSnapshot().name || t('preview.bot')}</strong>
            <div className="widget-frame__status">● {t('conn.connected')}</div>
          </div>
          {run && canTalkToPerson(run) ? (
            <button type="button" className="btn btn--small" data-tributary="talk-to-person" onClick={person}>
              {t('preview.talkToPerson')}
            </button>
          ) : null}
        </div>
        <div className="widget-frame__body">
          {blocked ? <div className="error-banner">{blocked}</div> : null}
          {run ? <PreviewTranscript lines={run.lines} workspace={session.workspace} /> : null}
          {buttons.length ? (
            <div className="widget-frame__answers">
              {buttons.map((label) => (
                <button key={label} type="button" className="widget-answer" onClick={() => send(label)}>
                  {label}
                </button>
              ))}
            </div>
          ) : null}
          <div ref={endRef} />
        </div>
        <form
          className="widget-frame__composer"
          onSubmit={(e) => {
            e.preventDefault();
            send(text);
          }}
        >
          <input
            className="input"
            placeholder={ask && 'placeholder' in ask && ask.placeholder ? ask.placeholder : t('preview.type')}
            disabled={!wantsText}
            value={text}
            onChange={(e) => setText(e.target.value)}
          />
          <button type="submit" className="btn btn--primary btn--small" disabled={!wantsText || !text.trim()}>
            {t('preview.send')}
          </button>
        </form>
      </div>
    </SidePanel>
  );
}
