import type { Me } from '../api/types.ts';
import { navigate } from '../app/router.ts';
import { useT } from '../i18n/I18n.tsx';
import { AppHeader } from '../list/AppHeader.tsx';
import { AppearancePage } from './AppearancePage.tsx';
import { InstallPage } from './InstallPage.tsx';

/** The marketer's "Widget" section: appearance (`/widget`) and installation (`/widget/install`). */
export function WidgetPage({ me, tab, onSignOut }: { me: Me; tab: 'appearance' | 'install'; onSignOut(): void }) {
  const t = useT();
  const tabs = [
    { id: 'appearance', path: '/widget', label: t('widget.appearance') },
    { id: 'install', path: '/widget/install', label: t('widget.install') },
  ] as const;
  return (
    <div className="list-page">
      <AppHeader me={me} onSignOut={onSignOut} active="widget" />
      <main className="list-page__main list-page__main--wide">
        <div className="list-page__head">
          <div>
            <h1>{t('widget.pageTitle')}</h1>
            <p className="list-page__sub">{t('widget.pageSubtitle')}</p>
          </div>
        </div>
        <nav className="tabs" role="tablist">
          {tabs.map((x) => (
            <a
              key={x.id}
              role="tab"
              href={x.path}
              aria-selected={tab === x.id}
              className={'tabs__tab' + (tab === x.id ? ' is-active' : '')}
              onClick={(e) => {
                e.preventDefault();
                navigate(x.path);
              }}
            >
              {x.label}
            </a>
          ))}
        </nav>
        {tab === 'appearance' ? <AppearancePage /> : <InstallPage />}
      </main>
    </div>
  );
}
