import { useCallback, useEffect, useState } from 'react';
import { ApiError } from '../../web/api/client.ts';
import { signOut as endSession } from '../../web/api/session.ts';
import { streamsApi } from '../api/streams.ts';
import type { Me } from '../api/types.ts';
import { useT } from '../i18n/I18n.tsx';
import { StreamList } from '../list/StreamList.tsx';
import { LeadsPage } from '../leads/LeadsPage.tsx';
import { EditorPage } from '../page/EditorPage.tsx';
import { parseRoute, usePathname } from './router.ts';
import { SignIn } from './SignIn.tsx';
import { WidgetPage } from '../widget/WidgetPage.tsx';

/** The editor app: sign-in gate, then the stream list (`/`), one stream's canvas (`/streams/{id}`) the widget's settings (`/widget`) or the leads (`/leads`). */
export function App() {
  const t = useT();
  const [me, setMe] = useState<Me | null | undefined>(undefined);
  const route = parseRoute(usePathname());

  useEffect(() => {
    streamsApi
      .me()
      .then(setMe)
      .catch((err) => {
        setMe(null);
      });
  }, []);

  const signOut = useCallback(async () => {
    await endSession().catch(() => {});
    setMe(null);
  }, []);

  if (me === undefined) return <div className="page-loading">{t('app.loading')}</div>;
  if (me === null) return <SignIn onSignedIn={setMe} />;
  if (route.page === 'editor') return <EditorPage key={route.streamId} streamId={route.streamId} me={me} />;
  if (route.page === 'leads') return <LeadsPage me={me} onSignOut={signOut} />;
  if (route.page === 'widget') return <WidgetPage me={me} tab={route.tab} onSignOut={signOut} />;
  return <StreamList me={me} onSignOut={signOut} />;
}
