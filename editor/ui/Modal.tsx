import { useEffect, type ReactNode } from 'react';
import { useT } from '../i18n/I18n.tsx';
import { Icon } from './Icon.tsx';
import { icons } from './icons.ts';

/** A centred dialog; Escape or the backdrop closes it. */
export function Modal({ title, onClose, children }: { title: string; onClose(): void; children: ReactNode }) {
  const t = useT();
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => e.key === 'Escape' && onClose();
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [onClose]);
  return (
    <div className="modal-backdrop" onMouseDown={(e) => e.target === e.currentTarget && onClose()}>
      <div className="modal" role="dialog" aria-modal="true" aria-label={title}>
        <header className="modal__head">
          <h3>{title}</h3>
          <button type="button" className="icon-btn" aria-label={t('common.close')} onClick={onClose}>
            <Icon path={icons.close} />
          </button>
        </header>
        <div className="modal__body">{children}</div>
      </div>
    </div>
  );
}
