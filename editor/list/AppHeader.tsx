import type { Me } from '../api/types.ts';
import { LanguageSwitch } from '../app/LanguageSwitch.tsx';
import { Logo } from '../app/Logo.tsx';
import { useT } from '../i18n/I18n.tsx';

/** The top bar of the list page: brand, language, who is signed in. */
export function AppHeader({ me, onSignOut }: { me: Me; onSignOut(): void }) {
  const t = useT();
  return (
    <header className="app-header">
      <Logo withName />
      <nav className="app-header__nav">
        <span className="app-header__link is-active">{t('app.streams')}</span>
      </nav>
      <span className="app-header__spacer" />
      <LanguageSwitch />
      <span className="app-header__user" title={me.email}>
        {me.name || me.email}
      </span>
      <button type="button" className="btn btn--ghost btn--small" onClick={onSignOut}>
        {t('app.signOut')}
      </button>
    </header>
  );
}
