import type { User } from '../api/types.ts';
import { isAdmin } from '../app/permissions.ts';
import { linkProps, navigate } from '../app/router.ts';
import type { MessageKey } from '../i18n/en.ts';
import { useT } from '../i18n/I18nProvider.tsx';
import { AttributesPage } from './AttributesPage.tsx';
import { EmailSettingsPage } from './EmailSettingsPage.tsx';
import { RoutingLogPage } from './RoutingLogPage.tsx';
import { RulesPage } from './RulesPage.tsx';
import { SettingsPage } from './SettingsPage.tsx';
import { TeamsPage } from './TeamsPage.tsx';
import { UsersPage } from './UsersPage.tsx';
import { WhatIfPage } from './WhatIfPage.tsx';
import { DashboardPage } from './results/DashboardPage.tsx';
import { WebhookNotice } from './results/WebhookNotice.tsx';
import { WebhooksPage } from './results/WebhooksPage.tsx';
import { useEffect } from 'react';

const SECTIONS: { path: string; label: MessageKey; page: (me: User) => React.ReactNode }[] = [
  { path: 'users', label: 'adminUsers', page: (me) => <UsersPage me={me} /> },
  { path: 'teams', label: 'adminTeams', page: () => <TeamsPage /> },
  { path: 'rules', label: 'adminRules', page: () => <RulesPage /> },
  { path: 'settings', label: 'adminSettings', page: () => <SettingsPage /> },
  { path: 'email', label: 'adminEmail', page: () => <EmailSettingsPage /> },
  { path: 'attributes', label: 'adminAttributes', page: () => <AttributesPage /> },
  { path: 'routing-log', label: 'adminLog', page: () => <RoutingLogPage /> },
  { path: 'what-if', label: 'adminWhatIf', page: () => <WhatIfPage /> },
  { path: 'dashboard', label: 'adminDashboard', page: () => <DashboardPage /> },
  { path: 'webhooks', label: 'adminWebhooks', page: () => <WebhooksPage /> },
];

/** The admin console (/inbox/admin/…): a section list on the left, the section on the right. Admins only. */
export function AdminPage({ me, path }: { me: User; path: string }) {
  const t = useT();
  const key = path.split('/')[2] ?? '';
  const section = SECTIONS.find((s) => s.path === key);
  useEffect(() => {
    if (isAdmin(me) && !section) navigate('/admin/users', true);
  }, [me, section]);
  if (!isAdmin(me)) return <div className="empty-page">{t('adminOnly')}</div>;
  return (
    <div className="admin">
      <nav className="admin-nav" aria-label={t('adminTitle')}>
        <h2>{t('adminTitle')}</h2>
        {SECTIONS.map((s) => (
          <a
            key={s.path}
            {...linkProps(`/admin/${s.path}`)}
            className={s === section ? 'active' : ''}
            aria-current={s === section ? 'page' : undefined}
          >
            {t(s.label)}
          </a>
        ))}
      </nav>
      <div className="admin-main">
        <WebhookNotice key={key} />
        {section ? section.page(me) : null}
      </div>
    </div>
  );
}
