import type { MessageKey } from '../i18n/en.ts';
import type { User } from '../api/types.ts';
import { Logo } from '../../../web/brand/Logo.tsx';
import { Avatar } from '../components/Avatar.tsx';
import { LanguageSwitch, useT } from '../i18n/I18nProvider.tsx';
import { AVAILABILITIES, type Availability, type LiveState } from '../live/types.ts';
import { isAdmin } from './permissions.ts';
import { linkProps, usePath } from './router.ts';

/** The top bar: product, page tabs, the agent's availability, language, and the agent's own avatar. */
export function TopBar({
  me,
  live,
  onStatus,
  onSignOut,
}: {
  me: User;
  live?: LiveState;
  onStatus(s: Availability): void;
  onSignOut(): void;
}) {
  const t = useT();
  const path = usePath();
  const tab = (to: string, label: MessageKey, match: (p: string) => boolean) => (
    <a
      {...linkProps(to)}
      className={`tab${match(path) ? ' active' : ''}`}
      aria-current={match(path) ? 'page' : undefined}
    >
      {t(label)}
      {to === '/' && live ? <UnreadDot live={live} /> : null}
    </a>
  );
  return (
    <header className="topbar">
      <div className="brand">
        <Logo size={24} /> {t('appName')}
      </div>
      <nav className="tabs">
        {live ? tab('/', 'navInbox', (p) => p === '/') : null}
        {live ? tab('/queue', 'navQueue', (p) => p === '/queue') : null}
        {live ? tab('/missed', 'navMissed', (p) => p === '/missed') : null}
        {live || isAdmin(me) ? tab('/schedules', 'navSchedules', (p) => p === '/schedules') : null}
        {tab('/conversations', 'navConversations', (p) => p.startsWith('/conversations'))}
        {live || isAdmin(me) ? tab('/replies', 'navReplies', (p) => p === '/replies') : null}
        {isAdmin(me) ? tab('/admin/users', 'navAdmin', (p) => p.startsWith('/admin')) : null}
      </nav>
      <div className="topbar-right">
        {live ? (
          <label className={`availability availability-${live.status}`}>
            <span className="status-dot" aria-hidden="true" />
            <span className="sr-only">{t('availability')}</span>
            <select
              data-tributary="availability"
              value={live.status}
              disabled={!live.ready}
              onChange={(e) => onStatus(e.target.value as Availability)}
              aria-label={t('availability')}
            >
              {AVAILABILITIES.map((s) => (
                <option key={s} value={s}>
                  {t(`status_${s}`)}
                </option>
              ))}
            </select>
          </label>
        ) : null}
        <LanguageSwitch />
        <a {...linkProps('/profile')} className="me-link" title={t('navProfile')} data-tributary="me">
          <Avatar name={me.name} url={me.avatarUrl} size={30} />
          <span className="me-name">{me.name}</span>
        </a>
        <button type="button" className="btn btn-ghost btn-small" onClick={onSignOut}>
          {t('signOut')}
        </button>
      </div>
    </header>
  );
}

function UnreadDot({ live }: { live: LiveState }) {
  const n = live.chats.reduce((sum, c) => sum + c.unread, 0);
  return n > 0 ? <span className="badge badge-small">{n}</span> : null;
}
