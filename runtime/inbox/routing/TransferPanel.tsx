import { useEffect, useState } from 'react';
import { api } from '../api/client.ts';
import type { Agent, Team } from '../api/types.ts';
import { useT } from '../i18n/I18nProvider.tsx';
import './routing.css';

type Target = { agentId: string } | { teamId: string };

/**
 * The chat header's "Transfer" action (`data-tributary="transfer"`): pick a colleague or a team, add a note for
 * them, send. The server decides whether the transfer can go (the colleague must be available with a free slot);
 * a refusal comes back as an error notice and changes nothing. While the colleague has not answered, the chat
 * shows that it waits for them.
 */
export function TransferPanel({
  meId,
  pendingTo,
  onTransfer,
}: {
  meId: string | undefined;
  /** The colleague a transfer of this chat waits for, if any. */
  pendingTo?: string;
  onTransfer(to: Target, note: string): void;
}) {
  const t = useT();
  const [open, setOpen] = useState(false);
  const [agents, setAgents] = useState<Agent[]>([]);
  const [teams, setTeams] = useState<Team[]>([]);
  const [target, setTarget] = useState('');
  const [note, setNote] = useState('');

  useEffect(() => {
    if (!open) return;
    let live = true;
    Promise.all([api.agents(), api.teams()])
      .then(([a, tm]) => {
        if (!live) return;
        setAgents(a.filter((x) => x.id !== meId && x.liveChat));
        setTeams(tm);
      })
      .catch(() => {});
    return () => {
      live = false;
    };
  }, [open, meId]);

  const send = () => {
    const [kind, id] = target.split(':', 2) as ['agent' | 'team', string];
    if (!id) return;
    onTransfer(kind === 'agent' ? { agentId: id } : { teamId: id }, note);
    setOpen(false);
    setNote('');
    setTarget('');
  };

  return (
    <div className="transfer">
      <button
        type="button"
        className="btn"
        onClick={() => setOpen((o) => !o)}
        disabled={pendingTo !== undefined}
        aria-expanded={open}
        data-tributary="transfer"
      >
        {t('transfer')}
      </button>
      {open ? (
        <form
          className="transfer-pop"
          aria-label={t('transferTitle')}
          onSubmit={(e) => {
            e.preventDefault();
            send();
          }}
        >
          <strong>{t('transferTitle')}</strong>
          <label className="field">
            <span>{t('transferTo')}</span>
            <select
              value={target}
              onChange={(e) => setTarget(e.target.value)}
              required
              data-tributary="transfer-target"
            >
              <option value="" disabled>
                …
              </option>
              <optgroup label={t('transferAgentsGroup')}>
                {agents.map((a) => (
                  <option key={a.id} value={`agent:${a.id}`}>
                    {a.name} · {t(`status_${a.status}`)} · {a.openChats}
                  </option>
                ))}
              </optgroup>
              {teams.length ? (
                <optgroup label={t('transferTeamsGroup')}>
                  {teams.map((tm) => (
                    <option key={tm.id} value={`team:${tm.id}`}>
                      {tm.name}
                    </option>
                  ))}
                </optgroup>
              ) : null}
            </select>
          </label>
          <label className="field">
            <span>{t('transferNote')}</span>
            <textarea
              rows={3}
              maxLength={1000}
              value={note}
              onChange={(e) => setNote(e.target.value)}
              data-tributary="transfer-note"
            />
          </label>
          <div className="transfer-actions">
            <button type="button" className="btn btn-ghost" onClick={() => setOpen(false)}>
              {t('transferCancel')}
            </button>
            <button type="submit" className="btn btn-primary" disabled={!target} data-tributary="transfer-send">
              {t('transferSend')}
            </button>
          </div>
        </form>
      ) : null}
    </div>
  );
}

/** The line under the chat header while a transfer waits for the colleague. */
export function TransferPending({ to }: { to: string }) {
  const t = useT();
  return (
    <div className="transfer-pending" role="status" data-tributary="transfer-pending">
      {t('transferPending', { name: to })}
    </div>
  );
}
