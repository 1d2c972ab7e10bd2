import { useState } from 'react';
import { widgetApi } from '../api/widget.ts';
import { useT } from '../i18n/I18n.tsx';

/** The sites allowed to embed the widget, one origin a line; none: any site. A refused line is named. */
export function AllowedOrigins({ initial, onSaved }: { initial: string[]; onSaved(origins: string[]): void }) {
  const t = useT();
  const [text, setText] = useState(initial.join('\n'));
  const [status, setStatus] = useState<{ ok?: string; error?: string }>({});
  const lines = text
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);

  const save = async () => {
    setStatus({});
    try {
      const { allowedOrigins } = await widgetApi.saveAllowedOrigins(lines);
      setText(allowedOrigins.join('\n'));
      onSaved(allowedOrigins);
      setStatus({ ok: allowedOrigins.length ? t('install.originsSaved') : t('install.originsAny') });
    } catch (e) {
      const msg = e instanceof Error ? e.message : String(e);
      // The server names the entry: `allowedOrigins.2: not an origin …`.
      const i = /^allowedOrigins\.(\d+):\s*(.*)$/.exec(msg);
      setStatus({ error: i ? t('install.originBad', { line: lines[Number(i[1])], message: i[2] }) : msg });
    }
  };

  return (
    <section className="install__card">
      <h2>{t('install.origins')}</h2>
      <p className="muted">{t('install.originsHint')}</p>
      <textarea
        className={'input mono' + (status.error ? ' input--invalid' : '')}
        rows={4}
        name="allowedOrigins"
        placeholder="https://www.example.com"
        value={text}
        onChange={(e) => setText(e.target.value)}
      />
      {status.error ? (
        <div className="field__error" role="alert">
          {status.error}
        </div>
      ) : status.ok ? (
        <div className="ok-banner" role="status">
          {status.ok}
        </div>
      ) : null}
      <div className="appearance__actions">
        <button type="button" className="btn btn--primary" onClick={save}>
          {t('install.saveOrigins')}
        </button>
      </div>
    </section>
  );
}
