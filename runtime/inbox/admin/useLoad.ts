import { useCallback, useEffect, useState } from 'react';
import { useApiErrorText } from '../i18n/apiErrorText.ts';

/** Loads data for a page; `reload` fetches again, `setData` applies a local change (after a successful save). */
export function useLoad<T>(load: () => Promise<T>, deps: readonly unknown[] = []) {
  const [data, setData] = useState<T | undefined>();
  const [error, setError] = useState<string | undefined>();
  const [n, setN] = useState(0);
  const say = useApiErrorText();
  useEffect(() => {
    let live = true;
    setError(undefined);
    load()
      .then((d) => live && setData(d))
      .catch((e) => live && setError(say(e)));
    return () => {
      live = false;
    };
  }, [n, ...deps]);
  const reload = useCallback(() => setN((x) => x + 1), []);
  return { data, error, reload, setData, setError };
}
