import { useState, type FormEvent } from 'react';
import { ApiError, auth } from '../api/client.ts';
import { streamsApi } from '../api/streams.ts';
import type { Me } from '../api/types.ts';
import { useT } from '../i18n/I18n.tsx';
import { LanguageSwitch } from './LanguageSwitch.tsx';
import { Logo } from './Logo.tsx';

/** Email and password sign-in (POST /api/session); the token is kept for the co-editing socket. */
export function SignIn({ onSignedIn }: { onSignedIn(me: Me): void }) {
  const t = useT();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      const { token } = await streamsApi.signIn(email, password);
      auth.token = token;
      onSignedIn(await streamsApi.me());
    } catch (err) {
      setError(
        err instanceof ApiError && err.status === 401
          ? t('signIn.failed')
          : t('signIn.error', { message: err instanceof Error ? err.message : String(err) }),
      );
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="signin">
      <div className="signin__lang">
        <LanguageSwitch />
      </div>
      <form className="signin__card" onSubmit={submit}>
        <Logo size={40} />
        <h1>{t('signIn.title')}</h1>
        <p className="signin__sub">{t('signIn.subtitle')}</p>
        <label className="field">
          <span className="field__label">{t('signIn.email')}</span>
          <input
            className="input"
            name="email"
            type="email"
            autoComplete="username"
            required
            value={email}
            onChange={(e) => setEmail(e.target.value)}
          />
        </label>
        <label className="field">
          <span className="field__label">{t('signIn.password')}</span>
          <input
            className="input"
            name="password"
            type="password"
            autoComplete="current-password"
            required
            value={password}
            onChange={(e) => setPassword(e.target.value)}
          />
        </label>
        {error ? (
          <div className="error-banner" role="alert">
            {error}
          </div>
        ) : null}
        <button type="submit" className="btn btn--primary btn--block" disabled={busy}>
          {t('signIn.submit')}
        </button>
      </form>
    </div>
  );
}
