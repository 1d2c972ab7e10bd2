import { useCallback, useEffect, useRef, useState } from 'react';
import { parseStream } from '../../shared/stream/interchange.ts';
import type { StreamDocument } from '../../shared/stream/interchange.ts';
import { streamsApi } from '../api/streams.ts';
import type { Me, StreamSummary } from '../api/types.ts';
import { navigate } from '../app/router.ts';
import { useT } from '../i18n/I18n.tsx';
import { Icon } from '../ui/Icon.tsx';
import { icons } from '../ui/icons.ts';
import { AppHeader } from './AppHeader.tsx';
import { downloadJson, fileNameFor } from './download.ts';
import { StreamRow } from './StreamRow.tsx';
import { starterStream } from './starterStream.ts';

/** The streams of the workspace: create, import, and per row open, export, duplicate, rename, delete. */
export function StreamList({ me, onSignOut }: { me: Me; onSignOut(): void }) {
  const t = useT();
  const [streams, setStreams] = useState<StreamSummary[] | null>(null);
  const [error, setError] = useState<string>();
  const [query, setQuery] = useState('');
  const fileRef = useRef<HTMLInputElement>(null);

  const reload = useCallback(() => {
    streamsApi
      .list()
      .then(setStreams)
      .catch((e: Error) => setError(t('list.actionFailed', { message: e.message })));
  }, [t]);

  useEffect(() => {
    reload();
    // Who is editing changes as colleagues open streams: refresh now and then while the list is shown.
    const timer = setInterval(reload, 10_000);
    return () => clearInterval(timer);
  }, [reload]);

  const run = async (fn: () => Promise<unknown>) => {
    setError(undefined);
    try {
      await fn();
    } catch (e) {
      setError(t('list.actionFailed', { message: e instanceof Error ? e.message : String(e) }));
    }
    reload();
  };

  const create = () =>
    run(async () => {
      const { id } = await streamsApi.create(starterStream(t('list.newName')));
      navigate(`/streams/${encodeURIComponent(id)}`);
    });

  const importFile = async (file: File) => {
    setError(undefined);
    let doc: unknown;
    try {
      doc = JSON.parse(await file.text());
    } catch (e) {
      setError(t('list.importFailed', { message: e instanceof Error ? e.message : String(e) }));
      return;
    }
    const checked = parseStream(doc);
    if (!checked.ok) {
      setError(t('list.importFailed', { message: checked.error }));
      return;
    }
    // parseStream accepted it: it is an interchange document.
    await run(() => streamsApi.create(doc as StreamDocument));
  };

  const actions = {
    open: (s: StreamSummary) => navigate(`/streams/${encodeURIComponent(s.id)}`),
    exportDoc: (s: StreamSummary) =>
      run(async () => downloadJson(fileNameFor(s.name), await streamsApi.exportDoc(s.id))),
    duplicate: (s: StreamSummary) => run(() => streamsApi.duplicate(s.id)),
    rename: (s: StreamSummary) => {
      const name = prompt(t('list.renamePrompt'), s.name);
      if (name && name.trim() && name !== s.name) void run(() => streamsApi.rename(s.id, name.trim()));
    },
    remove: (s: StreamSummary) => {
      if (confirm(t('list.confirmDelete', { name: s.name }))) void run(() => streamsApi.remove(s.id));
    },
  };

  const shown = (streams ?? []).filter((s) => s.name.toLowerCase().includes(query.trim().toLowerCase()));

  return (
    <div className="list-page">
      <AppHeader me={me} onSignOut={onSignOut} />
      <main className="list-page__main">
        <div className="list-page__head">
          <div>
            <h1>{t('list.title')}</h1>
            <p className="list-page__sub">{t('list.subtitle')}</p>
          </div>
          <div className="list-page__actions">
            <input
              ref={fileRef}
              type="file"
              accept=".json,application/json"
              hidden
              data-testid="import-file"
              onChange={(e) => {
                const f = e.target.files?.[0];
                e.target.value = '';
                if (f) void importFile(f);
              }}
            />
            <button type="button" className="btn" onClick={() => fileRef.current?.click()}>
              <Icon path={icons.upload} size={15} /> {t('list.import')}
            </button>
            <button type="button" className="btn btn--primary" onClick={create}>
              <Icon path={icons.plus} size={15} /> {t('list.new')}
            </button>
          </div>
        </div>
        {error ? (
          <div className="error-banner" role="alert">
            {error}
          </div>
        ) : null}
        <div className="table-card">
          <div className="table-card__toolbar">
            <input
              className="input input--small"
              style={{ maxWidth: 280 }}
              placeholder={t('list.search')}
              value={query}
              onChange={(e) => setQuery(e.target.value)}
            />
          </div>
          {streams === null ? (
            <div className="empty">{t('app.loading')}</div>
          ) : shown.length === 0 ? (
            <div className="empty">{t('list.empty')}</div>
          ) : (
            <table className="table">
              <thead>
                <tr>
                  <th>{t('list.name')}</th>
                  <th>{t('list.status')}</th>
                  <th>{t('list.editing')}</th>
                  <th>{t('list.updated')}</th>
                  <th aria-label={t('list.actions')} />
                </tr>
              </thead>
              <tbody>
                {shown.map((s) => (
                  <StreamRow key={s.id} stream={s} actions={actions} />
                ))}
              </tbody>
            </table>
          )}
        </div>
      </main>
    </div>
  );
}
