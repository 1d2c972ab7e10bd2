import { useCallback, useEffect, useState } from 'react';
import { widgetApi, type InstallInfo } from '../api/widget.ts';
import { useI18n } from '../i18n/I18n.tsx';
import { AllowedOrigins } from './AllowedOrigins.tsx';
import { formatDateTime } from '../../web/formatDate.ts';

/**
 * Installing the widget: the snippet to paste (with this workspace's id), what its options do, where the widget
 * was last seen loading (the installation check, from the loader's first request on each site) and which sites
 * may embed it.
 */
export function InstallPage() {
  const { t, lang } = useI18n();
  const [info, setInfo] = useState<InstallInfo | null>(null);
  const [error, setError] = useState<string>();
  const [copied, setCopied] = useState(false);

  const reload = useCallback(() => {
    widgetApi.install().then(setInfo, (e: Error) => setError(e.message));
  }, []);
  useEffect(reload, [reload]);

  if (!info) return <div className="empty">{error ?? t('app.loading')}</div>;
  const snippet = `<script src="${location.origin}/widget.js" data-workspace="${info.workspace}" async></script>`;
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(snippet);
      setCopied(true);
      setTimeout(() => setCopied(false), 2000);
    } catch {
      // Clipboard refused (insecure origin, permissions): the text is selectable.
      document.getSelection()?.selectAllChildren(document.querySelector('[data-testid="snippet"]')!);
    }
  };

  return (
    <div className="install">
      <section className="install__card">
        <h2>{t('install.snippet')}</h2>
        <p className="muted">{t('install.snippetHint')}</p>
        <div className="snippet">
          <code data-testid="snippet">{snippet}</code>
          <button type="button" className="btn btn--small btn--primary" onClick={copy}>
            {copied ? t('install.copied') : t('install.copy')}
          </button>
        </div>
        <h3>{t('install.options')}</h3>
        <table className="table options">
          <tbody>
            <tr>
              <td className="mono">data-workspace</td>
              <td>{t('install.optWorkspace', { id: info.workspace })}</td>
            </tr>
            <tr>
              <td className="mono">data-lang</td>
              <td>{t('install.optLang')}</td>
            </tr>
            <tr>
              <td className="mono">nonce</td>
              <td>{t('install.optNonce')}</td>
            </tr>
          </tbody>
        </table>
        <p className="muted">{t('install.csp')}</p>
        <pre className="snippet snippet--block">
          {`script-src  ${location.origin};\nconnect-src ${location.origin} ${location.origin.replace(/^http/, 'ws')};\nimg-src     ${location.origin};`}
        </pre>
      </section>

      <section className="install__card">
        <div className="install__head">
          <h2>{t('install.check')}</h2>
          <button type="button" className="btn btn--small" onClick={reload}>
            {t('install.refresh')}
          </button>
        </div>
        <p className="muted">{t('install.checkHint')}</p>
        {info.sites.length === 0 ? (
          <div className="empty" data-testid="no-sites">
            {t('install.none')}
          </div>
        ) : (
          <table className="table" data-testid="sites">
            <thead>
              <tr>
                <th>{t('install.site')}</th>
                <th>{t('install.lastSeen')}</th>
                <th>{t('install.lastPage')}</th>
                <th>{t('install.state')}</th>
              </tr>
            </thead>
            <tbody>
              {info.sites.map((s) => (
                <tr key={s.origin} data-testid="site">
                  <td className="mono">{s.origin}</td>
                  <td title={new Date(s.lastSeen).toISOString()}>{formatDateTime(s.lastSeen, lang)}</td>
                  <td className="mono">{s.lastPage}</td>
                  <td>
                    <span className={s.allowed ? 'pill pill--success' : 'pill pill--danger'}>
                      {s.allowed ? t('install.loading') : t('install.blocked')}
                    </span>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>

      <AllowedOrigins
        initial={info.allowedOrigins}
        onSaved={(allowedOrigins) => setInfo({ ...info, allowedOrigins })}
      />
    </div>
  );
}
