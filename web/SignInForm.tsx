import { useState, type FormEvent, type ReactNode } from 'react';
import type { User } from '../shared/api/users.ts';
import { ApiError } from './api/client.ts';
import { format, type Lang } from './createI18n.tsx';
import { SIGN_IN_MESSAGES } from './signInMessages.ts';
import { signIn } from './api/session.ts';

/** Class names, so that each app keeps its own look on the same form. */
export interface SignInClasses {
  root: string;
  card: string;
  lead?: string;
  field: string;
  label?: string;
  input?: string;
  error: string;
  submit: string;
}

/**
 * Email and password sign-in (`POST /api/session`) for the editor and the inbox: the token is kept for the
 * sockets (web/api/session.ts) and the signed-in user handed to the app.
 */
export function SignInForm(props: {
  lang: Lang;
  /** The app's own heading and lead line. */
  title: string;
  lead: string;
  classes: SignInClasses;
  onSignedIn(user: User): void;
  /** Shown above the title (logo, app name). */
  brand?: ReactNode;
  /** Outside the card, before it (the editor's language switch). */
  before?: ReactNode;
  /** Inside the card, after the button (the inbox's language switch). */
  footer?: ReactNode;
  initialError?: string;
}) {
  const { classes: c } = props;
  const text = SIGN_IN_MESSAGES[props.lang];
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  // What went wrong, worded when shown: switching the language rewords a message already on screen.
  const [error, setError] = useState<'initial' | 'failed' | { message: string } | undefined>(
    props.initialError ? 'initial' : undefined,
  );

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      props.onSignedIn(await signIn(email, password));
    } catch (err) {
      setError(
        err instanceof ApiError && err.status === 401
          ? 'failed'
          : { message: err instanceof Error ? err.message : String(err) },
      );
    } finally {
      setBusy(false);
    }
  };

  const field = (name: 'email' | 'password', value: string, set: (v: string) => void) => (
    <label className={c.field}>
      <span className={c.label}>{text[name]}</span>
      <input
        className={c.input}
        name={name}
        type={name}
        autoComplete={name === 'email' ? 'username' : 'current-password'}
        required
        value={value}
        onChange={(ev) => set(ev.target.value)}
      />
    </label>
  );

  return (
    <main className={c.root}>
      {props.before}
      <form className={c.card} onSubmit={submit}>
        {props.brand}
        <h1>{props.title}</h1>
        <p className={c.lead}>{props.lead}</p>
        {field('email', email, setEmail)}
        {field('password', password, setPassword)}
        {error ? (
          <p className={c.error} role="alert">
            {error === 'initial'
              ? props.initialError
              : error === 'failed'
                ? text.failed
                : format(text.error, { message: error.message })}
          </p>
        ) : null}
        <button type="submit" className={c.submit} disabled={busy}>
          {busy ? text.busy : text.submit}
        </button>
        {props.footer}
      </form>
    </main>
  );
}
