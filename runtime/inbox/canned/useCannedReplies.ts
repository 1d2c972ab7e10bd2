import { useEffect, useState } from 'react';
import type { CannedReplyView } from '../../../shared/api/cannedReplies.ts';
import { api } from '../api/client.ts';

/** The canned replies the agent may insert (the workspace's and their own), loaded when the inbox opens and again
 * when the window gets focus (they may have been edited on the Replies page or by an admin). */
export function useCannedReplies(): CannedReplyView[] {
  const [replies, setReplies] = useState<CannedReplyView[]>([]);
  useEffect(() => {
    let live = true;
    const load = () =>
      api.cannedReplies().then(
        (r) => live && setReplies(r),
        () => {},
      );
    void load();
    window.addEventListener('focus', load);
    return () => {
      live = false;
      window.removeEventListener('focus', load);
    };
  }, []);
  return replies;
}
