import { useState, type FormEvent } from 'react';
import { api } from '../api/client.ts';
import type { Team, User } from '../api/types.ts';
import { Avatar } from '../components/Avatar.tsx';
import { useT } from '../i18n/I18nProvider.tsx';
import { useLoad } from './useLoad.ts';

/** Teams and their members. Member order is the team's round-robin order. Live-chat agents can be members. */
export function TeamsPage() {
  const t = useT();
  const { data, error, setData, setError } = useLoad(() => Promise.all([api.teams(), api.users()]));
  const [name, setName] = useState('');
  if (!data)
    return (
      <div className="admin-section">
        {error ? <p className="form-error">{error}</p> : <p className="muted">{t('loading')}</p>}
      </div>
    );
  const [teams, users] = data;
  const agents = users.filter((u) => u.liveChat || u.roles.includes('agent'));

  // Optimistic: the checkbox flips at once; a refused change is put back with the server's reason.
  const save = async (team: Team, patch: { name?: string; members?: string[] }) => {
    setData([teams.map((x) => (x.id === team.id ? { ...x, ...patch } : x)), users]);
    try {
      const updated = await api.updateTeam(team.id, patch);
      setData((d) => d && [d[0].map((x) => (x.id === team.id ? updated : x)), d[1]]);
    } catch (e) {
      setData((d) => d && [d[0].map((x) => (x.id === team.id ? team : x)), d[1]]);
      setError((e as Error).message);
    }
  };
  const add = async (e: FormEvent) => {
    e.preventDefault();
    if (!name.trim()) return;
    try {
      const created = await api.createTeam({ name: name.trim(), members: [] });
      setData([[...teams, created], users]);
      setName('');
    } catch (err) {
      setError((err as Error).message);
    }
  };
  const remove = async (team: Team) => {
    try {
      await api.deleteTeam(team.id);
      setData([teams.filter((x) => x.id !== team.id), users]);
    } catch (e) {
      setError((e as Error).message);
    }
  };

  return (
    <div className="admin-section">
      <div className="section-head">
        <h1>{t('adminTeams')}</h1>
      </div>
      {error ? <p className="form-error">{error}</p> : null}
      <form className="inline-form" onSubmit={add}>
        <input
          placeholder={t('teamName')}
          value={name}
          onChange={(e) => setName(e.target.value)}
          aria-label={t('teamName')}
        />
        <button type="submit" className="btn btn-primary">
          {t('addTeam')}
        </button>
      </form>
      {teams.length === 0 ? <p className="muted">{t('noTeams')}</p> : null}
      <div className="team-grid">
        {teams.map((team) => (
          <TeamCard
            key={team.id}
            team={team}
            agents={agents}
            onSave={(p) => void save(team, p)}
            onRemove={() => void remove(team)}
          />
        ))}
      </div>
    </div>
  );
}

function TeamCard({
  team,
  agents,
  onSave,
  onRemove,
}: {
  team: Team;
  agents: User[];
  onSave(p: { name?: string; members?: string[] }): void;
  onRemove(): void;
}) {
  const t = useT();
  const [name, setName] = useState(team.name);
  const toggle = (id: string) =>
    onSave({ members: team.members.includes(id) ? team.members.filter((m) => m !== id) : [...team.members, id] });
  return (
    <section className="card team-card" data-tributary="team" data-team={team.id}>
      <div className="team-head">
        <input
          className="team-name"
          value={name}
          onChange={(e) => setName(e.target.value)}
          onBlur={() => name.trim() && name !== team.name && onSave({ name: name.trim() })}
          aria-label={t('teamName')}
        />
        <span className="muted small mono">{team.id}</span>
        <button type="button" className="btn btn-ghost btn-small" onClick={onRemove}>
          {t('delete')}
        </button>
      </div>
      <div className="small muted">{t('members')}</div>
      <ul className="member-list">
        {agents.map((a) => (
          <li key={a.id}>
            <label className="check">
              <input type="checkbox" checked={team.members.includes(a.id)} onChange={() => toggle(a.id)} />
              <Avatar name={a.name} url={a.avatarUrl} size={22} />
              <span>{a.name}</span>
            </label>
          </li>
        ))}
      </ul>
    </section>
  );
}
