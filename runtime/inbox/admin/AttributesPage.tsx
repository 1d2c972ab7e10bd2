import { useState, type FormEvent } from 'react';
import { api } from '../api/client.ts';
import type { MessageKey } from '../i18n/en.ts';
import { useT } from '../i18n/I18nProvider.tsx';
import { useLoad } from './useLoad.ts';

/** Standard attributes (fixed) and the workspace's custom attributes (add, remove). */
export function AttributesPage() {
  const t = useT();
  const { data, error, setData, setError } = useLoad(() => api.attributes());
  const [name, setName] = useState('');
  const [label, setLabel] = useState('');
  const add = async (e: FormEvent) => {
    e.preventDefault();
    try {
      const a = await api.addAttribute({ name: name.trim(), label: label.trim() || undefined });
      setData((d) => d && { ...d, custom: [...d.custom, a] });
      setName('');
      setLabel('');
    } catch (err) {
      setError((err as Error).message);
    }
  };
  const remove = async (n: string) => {
    try {
      await api.deleteAttribute(n);
      setData((d) => d && { ...d, custom: d.custom.filter((a) => a.name !== n) });
    } catch (err) {
      setError((err as Error).message);
    }
  };
  const rows = data
    ? [
        ...data.standard.map((n) => ({ name: n, label: t(`attr_${n}` as MessageKey), standard: true })),
        ...data.custom.map((c) => ({ ...c, standard: false })),
      ]
    : undefined;
  return (
    <div className="admin-section">
      <div className="section-head">
        <h1>{t('adminAttributes')}</h1>
      </div>
      <p className="muted">{t('attributesLead')}</p>
      {error ? <p className="form-error">{error}</p> : null}
      <form className="inline-form" onSubmit={add}>
        <input
          required
          pattern="[A-Za-z_][A-Za-z0-9_.\-]*"
          placeholder={t('attrName')}
          value={name}
          onChange={(e) => setName(e.target.value)}
          aria-label={t('attrName')}
          data-tributary="attribute-name"
        />
        <input
          placeholder={t('attrLabel')}
          value={label}
          onChange={(e) => setLabel(e.target.value)}
          aria-label={t('attrLabel')}
        />
        <button type="submit" className="btn btn-primary">
          {t('addAttribute')}
        </button>
      </form>
      {!rows ? (
        <p className="muted">{t('loading')}</p>
      ) : (
        <table className="table">
          <thead>
            <tr>
              <th>{t('attrName')}</th>
              <th>{t('attrLabel')}</th>
              <th />
              <th />
            </tr>
          </thead>
          <tbody>
            {rows.map((a) => (
              <tr key={a.name} data-tributary="attribute-row">
                <td className="mono">{a.name}</td>
                <td>{a.label}</td>
                <td>
                  <span className={`tag${a.standard ? '' : ' tag-live'}`}>
                    {a.standard ? t('standard') : t('custom')}
                  </span>
                </td>
                <td>
                  {a.standard ? null : (
                    <button type="button" className="btn btn-ghost btn-small" onClick={() => void remove(a.name)}>
                      {t('delete')}
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
