import type { ReactNode } from 'react';
import type { MessageKey } from '../i18n/en.ts';
import { useI18n } from '../i18n/I18nProvider.tsx';
import { formatDateTime } from '../../../web/formatDate.ts';
import { displayName } from '../live/reducer.ts';
import type { VisitorProfile } from '../live/types.ts';
import { Avatar } from './Avatar.tsx';

const STANDARD = ['firstName', 'lastName', 'email', 'phone', 'company', 'jobTitle'] as const;

/**
 * The right column: what the stream captured about the visitor. Standard attributes first in their usual order,
 * then custom ones (labelled by the workspace's attribute list when it is known).
 */
export function ProfilePanel({
  visitor,
  labels = {},
  captured,
  children,
}: {
  visitor: VisitorProfile;
  /** Custom attribute name → label. */
  labels?: Record<string, string>;
  /** Every attribute the stream captures, null for what is missing (shown as a dash); else the profile's values. */
  captured?: { attribute: string; value: string | null }[];
  /** More sections under the profile (the visitor's context). */
  children?: ReactNode;
}) {
  const { t, lang } = useI18n();
  const name = displayName(visitor);
  const entries = Object.entries(visitor.attributes).filter(([, v]) => v !== '');
  const standard = STANDARD.flatMap((k) => (visitor.attributes[k] ? [[k, visitor.attributes[k]] as const] : []));
  const custom = entries
    .filter(([k]) => !(STANDARD as readonly string[]).includes(k))
    .sort(([a], [b]) => a.localeCompare(b));
  return (
    <aside className="profile-panel" aria-label={t('profile')} data-tributary="profile">
      <div className="profile-head">
        <Avatar name={name} size={56} />
        <div className="profile-name">{name}</div>
        {visitor.attributes.jobTitle || visitor.attributes.company ? (
          <div className="profile-sub">
            {[visitor.attributes.jobTitle, visitor.attributes.company].filter(Boolean).join(' · ')}
          </div>
        ) : null}
      </div>
      <h3>{t('profile')}</h3>
      {captured ? (
        <dl className="profile-attrs" data-tributary="captured">
          {captured.map(({ attribute: k, value: v }) => (
            <Row
              key={k}
              label={(STANDARD as readonly string[]).includes(k) ? t(`attr_${k}` as MessageKey) : (labels[k] ?? k)}
              value={v ?? '—'}
              missing={v === null}
              link={k === 'email' && v ? `mailto:${v}` : undefined}
            />
          ))}
        </dl>
      ) : standard.length + custom.length === 0 ? (
        <p className="muted">{t('profileEmpty')}</p>
      ) : null}
      <dl className="profile-attrs" hidden={!!captured}>
        {standard.map(([k, v]) => (
          <Row
            key={k}
            label={t(`attr_${k}` as MessageKey)}
            value={v}
            link={k === 'email' ? `mailto:${v}` : undefined}
          />
        ))}
        {custom.map(([k, v]) => (
          <Row key={k} label={labels[k] ?? k} value={v} />
        ))}
      </dl>
      <h3>{t('dialogue')}</h3>
      <dl className="profile-attrs">
        {visitor.dialogue ? <Row label={t('dialogue')} value={visitor.dialogue} /> : null}
        {visitor.startedAt ? <Row label={t('startedAt')} value={formatDateTime(visitor.startedAt, lang)} /> : null}
        <Row label={t('visitorId')} value={visitor.id} mono />
      </dl>
      {children}
    </aside>
  );
}

function Row({
  label,
  value,
  link,
  mono,
  missing,
}: {
  label: string;
  value: string;
  link?: string;
  mono?: boolean;
  missing?: boolean;
}) {
  return (
    <div className="profile-row">
      <dt>{label}</dt>
      <dd className={mono ? 'mono' : missing ? 'missing' : undefined}>{link ? <a href={link}>{value}</a> : value}</dd>
    </div>
  );
}
