import { useState, type FormEvent } from 'react';
import './context.css';
import { CANNED_LIMITS, type CannedReplyView, type CannedScope } from '../../../shared/api/cannedReplies.ts';
import { api } from '../api/client.ts';
import type { User } from '../api/types.ts';
import { isAdmin } from '../app/permissions.ts';
import { useLoad } from '../admin/useLoad.ts';
import { useT } from '../i18n/I18nProvider.tsx';

/** `/inbox/replies`: the workspace's canned replies (admins change them) and the agent's own. */
export function CannedRepliesPage({ me }: { me: User }) {
  const t = useT();
  const { data, error, setData, setError } = useLoad(() => api.cannedReplies());
  const admin = isAdmin(me);
  const [scope, setScope] = useState<CannedScope>('personal');
  const [shortcut, setShortcut] = useState('');
  const [body, setBody] = useState('');
  const add = async (e: FormEvent) => {
    e.preventDefault();
    try {
      const r = await api.addCannedReply({ scope, shortcut, body });
      setData((d) => d && [...d, r]);
      setShortcut('');
      setBody('');
      setError(undefined);
    } catch (err) {
      setError((err as Error).message);
    }
  };
  const sections: [CannedScope, string, string][] = [
    ['workspace', t('cannedWorkspace'), t('cannedWorkspaceHint')],
    ['personal', t('cannedPersonal'), t('cannedPersonalHint')],
  ];
  return (
    <div className="admin-section canned-page">
      <div className="section-head">
        <h1>{t('cannedTitle')}</h1>
      </div>
      <p className="muted">{t('cannedIntro')}</p>
      {error ? (
        <p className="form-error" data-tributary="canned-error">
          {error}
        </p>
      ) : null}
      <form className="canned-form" onSubmit={add} data-tributary="canned-form">
        {admin ? (
          <select value={scope} onChange={(e) => setScope(e.target.value as CannedScope)} aria-label={t('cannedScope')}>
            <option value="personal">{t('cannedPersonal')}</option>
            <option value="workspace">{t('cannedWorkspace')}</option>
          </select>
        ) : null}
        <input
          required
          maxLength={CANNED_LIMITS.shortcut}
          placeholder={t('cannedShortcut')}
          aria-label={t('cannedShortcut')}
          value={shortcut}
          onChange={(e) => setShortcut(e.target.value)}
          data-tributary="canned-shortcut"
        />
        <textarea
          required
          rows={2}
          maxLength={CANNED_LIMITS.body}
          placeholder={t('cannedBody')}
          aria-label={t('cannedBody')}
          value={body}
          onChange={(e) => setBody(e.target.value)}
          data-tributary="canned-body"
        />
        <button type="submit" className="btn btn-primary">
          {t('cannedAdd')}
        </button>
      </form>
      {!data ? (
        <p className="muted">{t('loading')}</p>
      ) : (
        sections.map(([s, title, hint]) => {
          const rows = data.filter((r) => r.scope === s);
          return (
            <section key={s} className="canned-section">
              <h2>
                {title} <span className="muted canned-hint">{hint}</span>
              </h2>
              {rows.length === 0 ? <p className="muted">{t('cannedNone')}</p> : null}
              {rows.map((r) => (
                <CannedRow
                  key={r.id}
                  reply={r}
                  onSaved={(n) => setData((d) => d?.map((x) => (x.id === n.id ? n : x)))}
                  onRemoved={() => setData((d) => d?.filter((x) => x.id !== r.id))}
                  onError={setError}
                />
              ))}
            </section>
          );
        })
      )}
    </div>
  );
}

function CannedRow({
  reply,
  onSaved,
  onRemoved,
  onError,
}: {
  reply: CannedReplyView;
  onSaved(r: CannedReplyView): void;
  onRemoved(): void;
  onError(message: string): void;
}) {
  const t = useT();
  const [editing, setEditing] = useState(false);
  const [shortcut, setShortcut] = useState(reply.shortcut);
  const [body, setBody] = useState(reply.body);
  const save = async (e: FormEvent) => {
    e.preventDefault();
    try {
      onSaved(await api.updateCannedReply(reply.id, { shortcut, body }));
      setEditing(false);
    } catch (err) {
      onError((err as Error).message);
    }
  };
  const remove = async () => {
    try {
      await api.deleteCannedReply(reply.id);
      onRemoved();
    } catch (err) {
      onError((err as Error).message);
    }
  };
  if (editing)
    return (
      <form className="canned-row canned-form" onSubmit={save}>
        <input
          required
          maxLength={CANNED_LIMITS.shortcut}
          value={shortcut}
          onChange={(e) => setShortcut(e.target.value)}
          aria-label={t('cannedShortcut')}
        />
        <textarea
          required
          rows={2}
          maxLength={CANNED_LIMITS.body}
          value={body}
          onChange={(e) => setBody(e.target.value)}
          aria-label={t('cannedBody')}
        />
        <button type="submit" className="btn btn-primary btn-small">
          {t('save')}
        </button>
        <button type="button" className="btn btn-small" onClick={() => setEditing(false)}>
          {t('cancel')}
        </button>
      </form>
    );
  return (
    <div className="canned-row" data-tributary="canned-reply" data-shortcut={reply.shortcut}>
      <span className="canned-shortcut">/{reply.shortcut}</span>
      <span className="canned-text">{reply.body}</span>
      {reply.editable ? (
        <span className="canned-actions">
          <button type="button" className="btn btn-ghost btn-small" onClick={() => setEditing(true)}>
            {t('edit')}
          </button>
          <button type="button" className="btn btn-ghost btn-small" onClick={() => void remove()}>
            {t('delete')}
          </button>
        </span>
      ) : null}
    </div>
  );
}
