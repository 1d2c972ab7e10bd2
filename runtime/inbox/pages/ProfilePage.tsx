import { useRef, useState, type FormEvent } from 'react';
import { api } from '../api/client.ts';
import type { User } from '../api/types.ts';
import { Avatar } from '../components/Avatar.tsx';
import { LanguageSwitch, useT } from '../i18n/I18nProvider.tsx';

const MAX_AVATAR_BYTES = 256 * 1024;
const IMAGE_TYPES = ['image/png', 'image/jpeg', 'image/gif', 'image/webp'];

/** The agent's own profile: name, password, and the picture visitors see next to their messages. */
export function ProfilePage({ me, onChanged }: { me: User; onChanged(u: User): void }) {
  const t = useT();
  const [name, setName] = useState(me.name);
  const [password, setPassword] = useState('');
  const [current, setCurrent] = useState('');
  const [message, setMessage] = useState<{ ok: boolean; text: string } | undefined>();
  const file = useRef<HTMLInputElement>(null);

  const run = async (fn: () => Promise<User>) => {
    setMessage(undefined);
    try {
      onChanged(await fn());
      setMessage({ ok: true, text: t('saved') });
    } catch (e) {
      setMessage({ ok: false, text: t('errorGeneric', { message: (e as Error).message }) });
    }
  };

  const save = (e: FormEvent) => {
    e.preventDefault();
    void run(() =>
      api.updateMe({ name: name.trim(), ...(password ? { password, currentPassword: current } : {}) }),
    ).then(() => {
      setPassword('');
      setCurrent('');
    });
  };

  const upload = (f: File | undefined) => {
    if (!f) return;
    if (f.size > MAX_AVATAR_BYTES) return setMessage({ ok: false, text: t('avatarTooBig') });
    if (!IMAGE_TYPES.includes(f.type)) return setMessage({ ok: false, text: t('avatarHint') });
    void run(() => api.uploadAvatar(f));
  };

  return (
    <div className="narrow-page">
      <h1>{t('myProfile')}</h1>
      <section className="card">
        <h2>{t('avatar')}</h2>
        <div className="avatar-edit">
          <Avatar name={me.name} url={me.avatarUrl} size={72} />
          <div>
            <p className="muted">{t('avatarHint')}</p>
            <input
              ref={file}
              type="file"
              accept={IMAGE_TYPES.join(',')}
              hidden
              onChange={(e) => upload(e.target.files?.[0])}
              data-tributary="avatar-file"
            />
            <button type="button" className="btn" onClick={() => file.current?.click()}>
              {t('uploadAvatar')}
            </button>{' '}
            {me.avatarUrl ? (
              <button
                type="button"
                className="btn btn-ghost"
                onClick={() => void run(async () => (await api.removeAvatar(), api.me()))}
              >
                {t('removeAvatar')}
              </button>
            ) : null}
          </div>
        </div>
      </section>
      <form className="card" onSubmit={save}>
        <label className="field">
          <span>{t('name')}</span>
          <input value={name} onChange={(e) => setName(e.target.value)} required maxLength={100} />
        </label>
        <label className="field">
          <span>{t('email')}</span>
          <input value={me.email} disabled />
        </label>
        <label className="field">
          <span>{t('newPassword')}</span>
          <input
            type="password"
            autoComplete="new-password"
            value={password}
            onChange={(e) => setPassword(e.target.value)}
            minLength={8}
          />
        </label>
        {password ? (
          <label className="field">
            <span>{t('currentPassword')}</span>
            <input
              type="password"
              autoComplete="current-password"
              value={current}
              onChange={(e) => setCurrent(e.target.value)}
              required
            />
          </label>
        ) : null}
        <label className="field">
          <span>{t('language')}</span>
          <LanguageSwitch />
        </label>
        <button type="submit" className="btn btn-primary">
          {t('save')}
        </button>
        {message ? (
          <p className={message.ok ? 'form-ok' : 'form-error'} role="status">
            {message.text}
          </p>
        ) : null}
      </form>
    </div>
  );
}
