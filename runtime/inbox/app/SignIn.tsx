import { useState, type FormEvent } from 'react';
import { api } from '../api/client.ts';
import { ApiError } from '../api/http.ts';
import { useT } from '../i18n/I18nProvider.tsx';
import { LanguageSwitch } from './LanguageSwitch.tsx';

/** The sign-in form. A wrong email and a wrong password get the same answer (the server gives no hint either). */
export function SignIn({ onSignedIn, expired }: { onSignedIn(): void; expired?: boolean }) {
  const t = useT();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | undefined>(expired ? t('sessionEnded') : undefined);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      await api.signIn(email.trim(), password);
      onSignedIn();
    } catch (err) {
      setError(
        err instanceof ApiError && err.status === 401
          ? t('signInFailed')
          : t('errorGeneric', { message: (err as Error).message }),
      );
    } finally {
      setBusy(false);
    }
  };

  return (
    <main className="signin">
      <form className="signin-card" onSubmit={submit}>
        <div className="brand brand-large">
          <Logo /> {t('appName')}
        </div>
        <h1>{t('signInTitle')}</h1>
        <p className="muted">{t('signInLead')}</p>
        <label className="field">
          <span>{t('email')}</span>
          <input
            type="email"
            name="email"
            autoComplete="username"
            required
            value={email}
            onChange={(e) => setEmail(e.target.value)}
          />
        </label>
        <label className="field">
          <span>{t('password')}</span>
          <input
            type="password"
            name="password"
            autoComplete="current-password"
            required
            value={password}
            onChange={(e) => setPassword(e.target.value)}
          />
        </label>
        {error ? (
          <p className="form-error" role="alert">
            {error}
          </p>
        ) : null}
        <button type="submit" className="btn btn-primary btn-block" disabled={busy}>
          {busy ? t('signingIn') : t('signIn')}
        </button>
        <div className="signin-foot">
          <LanguageSwitch />
        </div>
      </form>
    </main>
  );
}

export function Logo() {
  return (
    <svg width="22" height="22" viewBox="0 0 24 24" aria-hidden="true">
      <path fill="#1473e6" d="M4 4h16a2 2 0 0 1 2 2v10a2 2 0 0 1-2 2H9l-5 4v-4a2 2 0 0 1-2-2V6a2 2 0 0 1 2-2Z" />
      <path fill="#fff" d="M7 9h10v1.6H7zm0 3.2h7v1.6H7z" />
    </svg>
  );
}
