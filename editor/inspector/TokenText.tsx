import { useRef } from 'react';
import { useT } from '../i18n/I18n.tsx';
import { Icon } from '../ui/Icon.tsx';
import { icons } from '../ui/icons.ts';

/**
 * A text box for bot text with a picker that inserts `{{attribute}}` at the caret (SPEC §1 tokens). Multi-line when
 * `rows` is given.
 */
export function TokenText({
  id,
  value,
  onChange,
  attributes,
  rows,
  placeholder,
  invalid,
}: {
  id?: string;
  value: string;
  onChange(next: string): void;
  attributes: readonly string[];
  rows?: number;
  placeholder?: string;
  invalid?: boolean;
}) {
  const t = useT();
  const ref = useRef<HTMLTextAreaElement & HTMLInputElement>(null);
  const insert = (attribute: string) => {
    const el = ref.current;
    const token = `{{${attribute}}}`;
    const at = el?.selectionStart ?? value.length;
    const end = el?.selectionEnd ?? at;
    onChange(value.slice(0, at) + token + value.slice(end));
    requestAnimationFrame(() => {
      el?.focus();
      el?.setSelectionRange(at + token.length, at + token.length);
    });
  };
  const common = {
    id,
    ref,
    value,
    placeholder,
    className: 'input' + (invalid ? ' input--invalid' : ''),
    'aria-invalid': invalid || undefined,
    onChange: (e: { target: { value: string } }) => onChange(e.target.value),
  };
  return (
    <div className="token-text">
      {rows ? <textarea rows={rows} {...common} /> : <input type="text" {...common} />}
      <label className="token-text__picker" title={t('inspector.insertToken')}>
        <Icon path={icons.braces} size={14} />
        <select
          aria-label={t('inspector.insertToken')}
          value=""
          onChange={(e) => e.target.value && insert(e.target.value)}
        >
          <option value="">{t('inspector.insertToken')}</option>
          {attributes.map((a) => (
            <option key={a} value={a}>
              {a}
            </option>
          ))}
        </select>
      </label>
    </div>
  );
}
