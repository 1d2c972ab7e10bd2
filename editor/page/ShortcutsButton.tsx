import { useState } from 'react';
import { useT } from '../i18n/I18n.tsx';
import type { MessageKey } from '../i18n/en.ts';
import { Icon } from '../ui/Icon.tsx';
import { icons } from '../ui/icons.ts';
import { Modal } from '../ui/Modal.tsx';

/** Keys (as written on keyboards) or the key name of a gesture to translate; what they do. */
const SHORTCUTS: [string | MessageKey, MessageKey][] = [
  ['Ctrl/⌘ Z', 'shortcuts.undo'],
  ['Ctrl/⌘ Shift Z · Ctrl Y', 'shortcuts.redo'],
  ['Ctrl/⌘ C', 'shortcuts.copy'],
  ['Ctrl/⌘ V', 'shortcuts.paste'],
  ['Ctrl/⌘ D', 'shortcuts.duplicate'],
  ['Delete · Backspace', 'shortcuts.delete'],
  ['Ctrl/⌘ A', 'shortcuts.selectAll'],
  ['shortcuts.keys.multi', 'shortcuts.multi'],
  ['shortcuts.keys.box', 'shortcuts.box'],
  ['F', 'shortcuts.fit'],
  ['Shift L', 'shortcuts.arrange'],
  ['+ / −', 'shortcuts.zoom'],
];

/** Opens the list of keyboard shortcuts. */
export function ShortcutsButton() {
  const t = useT();
  const [open, setOpen] = useState(false);
  return (
    <>
      <button
        type="button"
        className="icon-btn"
        title={t('toolbar.shortcuts')}
        aria-label={t('toolbar.shortcuts')}
        onClick={() => setOpen(true)}
      >
        <Icon path={icons.keyboard} />
      </button>
      {open ? (
        <Modal title={t('shortcuts.title')} onClose={() => setOpen(false)}>
          <table className="shortcuts">
            <tbody>
              {SHORTCUTS.map(([keys, label]) => (
                <tr key={label}>
                  <td>
                    <kbd>{keys.startsWith('shortcuts.') ? t(keys as MessageKey) : keys}</kbd>
                  </td>
                  <td>{t(label)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </Modal>
      ) : null}
    </>
  );
}
