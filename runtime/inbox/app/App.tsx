import { useI18n } from '../i18n/I18nProvider.tsx';
import { Shell } from './Shell.tsx';
import { SignIn } from './SignIn.tsx';
import { useSession } from './useSession.ts';

/** The inbox app: sign-in, then the shell (live chat, conversations, profile, admin console). */
export function App() {
  const { t } = useI18n();
  const { session, refresh, signOut, setMe } = useSession();
  if (session.state === 'loading') return <div className="splash">{t('loading')}</div>;
  if (session.state === 'signedOut') return <SignIn onSignedIn={refresh} expired={session.expired} />;
  return <Shell me={session.me} onSignOut={signOut} onMeChanged={setMe} />;
}
