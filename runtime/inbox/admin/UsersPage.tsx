import { useState, type FormEvent } from 'react';
import { api } from '../api/client.ts';
import { PERMISSIONS, ROLES, type Permission, type Role, type User } from '../api/types.ts';
import { Avatar } from '../components/Avatar.tsx';
import { useT } from '../i18n/I18nProvider.tsx';
import { useLoad } from './useLoad.ts';

/**
 * Users, their roles and permissions. Publishing belongs with the marketer role, live chat and "view all" with
 * the agent role, so each permission sits next to its role. Changes save at once.
 */
export function UsersPage({ me }: { me: User }) {
  const t = useT();
  const { data: users, error, setData, setError } = useLoad(() => api.users());
  const [adding, setAdding] = useState(false);

  // Optimistic: the checkbox flips at once; a refused change is put back with the server's reason.
  const patch = async (u: User, change: Partial<Pick<User, 'roles' | Permission>>) => {
    setError(undefined);
    setData((list) => list?.map((x) => (x.id === u.id ? { ...x, ...change } : x)));
    try {
      const updated = await api.updateUser(u.id, change);
      setData((list) => list?.map((x) => (x.id === u.id ? { ...x, ...updated } : x)));
    } catch (e) {
      setData((list) => list?.map((x) => (x.id === u.id ? u : x)));
      setError((e as Error).message);
    }
  };
  const toggleRole = (u: User, r: Role) =>
    patch(u, { roles: u.roles.includes(r) ? u.roles.filter((x) => x !== r) : [...u.roles, r] });
  const togglePerm = (u: User, p: Permission) => patch(u, { [p]: !u[p] });
  const remove = async (u: User) => {
    if (!window.confirm(t('confirmRemoveUser', { name: u.name }))) return;
    try {
      await api.deleteUser(u.id);
      setData((list) => list?.filter((x) => x.id !== u.id));
    } catch (e) {
      setError((e as Error).message);
    }
  };

  return (
    <div className="admin-section">
      <div className="section-head">
        <h1>{t('adminUsers')}</h1>
        <button type="button" className="btn btn-primary" onClick={() => setAdding(true)} data-tributary="add-user">
          {t('addUser')}
        </button>
      </div>
      {error ? <p className="form-error">{error}</p> : null}
      {adding ? (
        <NewUserForm
          onCancel={() => setAdding(false)}
          onCreated={(u) => {
            setData((list) => [...(list ?? []), u]);
            setAdding(false);
          }}
        />
      ) : null}
      {!users ? (
        <p className="muted">{t('loading')}</p>
      ) : (
        <table className="table">
          <thead>
            <tr>
              <th>{t('name')}</th>
              <th>{t('role_admin')}</th>
              <th>{t('role_marketer')}</th>
              <th>{t('role_agent')}</th>
              <th>{t('teamsOf')}</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {users.map((u) => (
              <tr key={u.id} data-tributary="user-row" data-user={u.email}>
                <td>
                  <div className="person">
                    <Avatar name={u.name} url={u.avatarUrl} size={30} />
                    <div>
                      <div>{u.name}</div>
                      <div className="muted small">{u.email}</div>
                    </div>
                  </div>
                </td>
                <td>
                  <Check
                    label={t('role_admin')}
                    checked={u.roles.includes('admin')}
                    disabled={u.id === me.id}
                    onChange={() => void toggleRole(u, 'admin')}
                  />
                </td>
                <td>
                  <Check
                    label={t('role_marketer')}
                    checked={u.roles.includes('marketer')}
                    onChange={() => void toggleRole(u, 'marketer')}
                  />
                  <Check
                    label={t('perm_canPublish')}
                    sub
                    checked={u.canPublish}
                    disabled={!u.roles.includes('marketer')}
                    onChange={() => void togglePerm(u, 'canPublish')}
                  />
                </td>
                <td>
                  <Check
                    label={t('role_agent')}
                    checked={u.roles.includes('agent')}
                    onChange={() => void toggleRole(u, 'agent')}
                  />
                  <Check
                    label={t('perm_liveChat')}
                    sub
                    checked={u.liveChat}
                    onChange={() => void togglePerm(u, 'liveChat')}
                  />
                  <Check
                    label={t('perm_viewAll')}
                    sub
                    checked={u.viewAll}
                    onChange={() => void togglePerm(u, 'viewAll')}
                  />
                </td>
                <td className="small">{u.teams?.join(', ') || '—'}</td>
                <td>
                  {u.id !== me.id ? (
                    <button type="button" className="btn btn-ghost btn-small" onClick={() => void remove(u)}>
                      {t('removeUser')}
                    </button>
                  ) : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}

function Check({
  label,
  checked,
  onChange,
  disabled,
  sub,
}: {
  label: string;
  checked: boolean;
  onChange(): void;
  disabled?: boolean;
  sub?: boolean;
}) {
  return (
    <label className={`check${sub ? ' check-sub' : ''}`}>
      <input type="checkbox" checked={checked} onChange={onChange} disabled={disabled} />
      <span>{label}</span>
    </label>
  );
}

function NewUserForm({ onCancel, onCreated }: { onCancel(): void; onCreated(u: User): void }) {
  const t = useT();
  const [form, setForm] = useState({ name: '', email: '', password: '' });
  const [roles, setRoles] = useState<Role[]>(['agent']);
  const [perms, setPerms] = useState<Record<Permission, boolean>>({
    canPublish: false,
    liveChat: true,
    viewAll: false,
  });
  const [error, setError] = useState<string | undefined>();
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    try {
      onCreated(await api.createUser({ ...form, email: form.email.trim(), name: form.name.trim(), roles, ...perms }));
    } catch (err) {
      setError((err as Error).message);
    }
  };
  const flip = <T,>(list: T[], x: T) => (list.includes(x) ? list.filter((y) => y !== x) : [...list, x]);
  return (
    <form className="card form-grid" onSubmit={submit} data-tributary="new-user">
      <label className="field">
        <span>{t('name')}</span>
        <input required value={form.name} onChange={(e) => setForm({ ...form, name: e.target.value })} />
      </label>
      <label className="field">
        <span>{t('email')}</span>
        <input type="email" required value={form.email} onChange={(e) => setForm({ ...form, email: e.target.value })} />
      </label>
      <label className="field">
        <span>{t('password')}</span>
        <input
          type="password"
          required
          minLength={8}
          autoComplete="new-password"
          value={form.password}
          onChange={(e) => setForm({ ...form, password: e.target.value })}
        />
      </label>
      <fieldset className="field">
        <legend>{t('roles')}</legend>
        {ROLES.map((r) => (
          <Check key={r} label={t(`role_${r}`)} checked={roles.includes(r)} onChange={() => setRoles(flip(roles, r))} />
        ))}
        {PERMISSIONS.map((p) => (
          <Check
            key={p}
            label={t(`perm_${p}`)}
            checked={perms[p]}
            onChange={() => setPerms({ ...perms, [p]: !perms[p] })}
          />
        ))}
      </fieldset>
      {error ? <p className="form-error">{error}</p> : null}
      <div className="form-actions">
        <button type="button" className="btn" onClick={onCancel}>
          {t('cancel')}
        </button>
        <button type="submit" className="btn btn-primary">
          {t('addUser')}
        </button>
      </div>
    </form>
  );
}
