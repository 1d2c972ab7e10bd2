import type { ReactNode } from 'react';
import { useT } from '../i18n/I18n.tsx';
import { Icon } from './Icon.tsx';
import { icons } from './icons.ts';

/** The frame of a right-hand panel (preview, versions, targeting). */
export function SidePanel({
  title,
  onClose,
  children,
  actions,
}: {
  title: string;
  onClose?(): void;
  children: ReactNode;
  actions?: ReactNode;
}) {
  const t = useT();
  return (
    <section className="side-panel" aria-label={title}>
      <header className="side-panel__head">
        <h3>{title}</h3>
        <span className="toolbar__spacer" />
        {actions}
        {onClose ? (
          <button type="button" className="icon-btn" aria-label={t('common.close')} onClick={onClose}>
            <Icon path={icons.close} />
          </button>
        ) : null}
      </header>
      <div className="side-panel__body">{children}</div>
    </section>
  );
}
