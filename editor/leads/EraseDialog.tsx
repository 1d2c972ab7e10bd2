import { useState, type FormEvent } from 'react';
import { leadsApi, type Erasure } from '../api/leads.ts';
import { useI18n } from '../i18n/I18n.tsx';
import { leadsErrorText } from './leadsError.ts';
import { Modal } from '../ui/Modal.tsx';

/**
 * "Delete a person's data" (admins): asks for the email, says what will go and that it cannot be undone, then
 * shows what the server deleted and what it kept (conversations in a live chat now). `onErased` runs once
 * something was deleted, so that the table drops the rows.
 */
export function EraseDialog({ onClose, onErased }: { onClose(): void; onErased(): void }) {
  const { t, lang } = useI18n();
  const [email, setEmail] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const [result, setResult] = useState<Erasure>();

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      const r = await leadsApi.erase(email.trim());
      setResult(r);
      if (r.conversations > 0 || r.rows > 0) onErased();
    } catch (err) {
      setError(t('leads.eraseFailed', { message: leadsErrorText(err, {}, t, lang) }));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal title={t('leads.eraseTitle')} onClose={onClose}>
      {result ? (
        <div className="erase-result" role="status" data-tributary="erase-result">
          <p>{result.rows > 0 || result.conversations > 0 ? t('leads.erased') : t('leads.erasedNone')}</p>
          <dl className="erase-result__counts">
            <dt>{t('leads.erasedConversations')}</dt>
            <dd data-count="conversations">{result.conversations}</dd>
            <dt>{t('leads.erasedVisitors')}</dt>
            <dd data-count="visitors">{result.visitors}</dd>
            <dt>{t('leads.erasedRows')}</dt>
            <dd data-count="rows">{result.rows}</dd>
            <dt>{t('leads.erasedKept')}</dt>
            <dd data-count="kept">{result.kept}</dd>
          </dl>
          {result.kept > 0 ? (
            <p className="warn-banner" data-tributary="erase-kept">
              {t('leads.kept', { kept: result.kept })}
            </p>
          ) : null}
          <div className="erase-dialog__actions">
            <button type="button" className="btn btn--primary" onClick={onClose}>
              {t('leads.done')}
            </button>
          </div>
        </div>
      ) : (
        <form className="erase-dialog" onSubmit={submit} data-tributary="erase-form">
          <p className="erase-dialog__lead">{t('leads.eraseLead')}</p>
          <label className="field">
            <span className="field__label">{t('leads.eraseEmail')}</span>
            <input
              type="email"
              required
              autoFocus
              className="input"
              value={email}
              maxLength={320}
              onChange={(e) => setEmail(e.target.value)}
              data-tributary="erase-email"
            />
          </label>
          {error ? (
            <div className="error-banner" role="alert">
              {error}
            </div>
          ) : null}
          <div className="erase-dialog__actions">
            <button type="button" className="btn" onClick={onClose}>
              {t('common.cancel')}
            </button>
            <button
              type="submit"
              className="btn btn--danger"
              disabled={busy || email.trim().length < 3}
              data-tributary="erase-confirm"
            >
              {busy ? t('leads.erasing') : t('leads.eraseConfirm')}
            </button>
          </div>
        </form>
      )}
    </Modal>
  );
}
