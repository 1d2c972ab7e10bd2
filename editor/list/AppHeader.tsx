import type { Me } from '../api/types.ts';
import { Logo } from '../../web/brand/Logo.tsx';
import { navigate } from '../app/router.ts';
import { LanguageSwitch, useT } from '../i18n/I18n.tsx';
import { WebhookNotice } from './WebhookNotice.tsx';

const SECTIONS = [
  { id: 'streams', path: '/', key: 'app.streams' },
  { id: 'widget', path: '/widget', key: 'app.widget' },
  { id: 'leads', path: '/leads', key: 'app.leads' },
] as const;

type Section = (typeof SECTIONS)[number]['id'];

/** Leads are for marketers and admins (the server refuses agents too): others do not see the link. */
const canSee = (me: Me, id: Section) => id !== 'leads' || me.roles.includes('marketer') || me.roles.includes('admin');

/**
 * The top bar of the marketer's pages: brand, sections (streams, widget, leads), language, who is signed in; under
 * it, for admins, the notice of webhook endpoints turned off for failing.
 */
export function AppHeader({ me, onSignOut, active = 'streams' }: { me: Me; onSignOut(): void; active?: Section }) {
  const t = useT();
  return (
    <>
      <header className="app-header">
        <Logo withName />
        <nav className="app-header__nav">
          {SECTIONS.filter((s) => canSee(me, s.id)).map((s) => (
            <a
              key={s.id}
              href={s.path}
              className={'app-header__link' + (active === s.id ? ' is-active' : '')}
              aria-current={active === s.id ? 'page' : undefined}
              data-nav={s.id}
              onClick={(e) => {
                e.preventDefault();
                navigate(s.path);
              }}
            >
              {t(s.key)}
            </a>
          ))}
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
      <WebhookNotice me={me} />
    </>
  );
}
