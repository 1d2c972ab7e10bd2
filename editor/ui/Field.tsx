import { useCallback, useEffect, useId, useMemo, useRef, type ReactNode } from 'react';
import type { DataPath } from '../../shared/stream/ydoc.ts';
import { RemoteCarets } from '../inspector/RemoteCarets.tsx';
import { useTextBinding } from '../inspector/useTextBinding.ts';
import { useT } from '../i18n/I18n.tsx';
import { Icon } from './Icon.tsx';
import { icons } from './icons.ts';

/** A labelled form row with its validation message (shown as the user types). */
export function Field({
  label,
  error,
  hint,
  children,
}: {
  label: string;
  error?: string;
  hint?: string;
  children: (id: string) => ReactNode;
}) {
  const id = useId();
  return (
    <div className={'field' + (error ? ' field--error' : '')}>
      <label className="field__label" htmlFor={id}>
        {label}
      </label>
      {children(id)}
      {error ? (
        <div className="field__error" role="alert">
          {error}
        </div>
      ) : hint ? (
        <div className="field__hint">{hint}</div>
      ) : null}
    </div>
  );
}

/**
 * THE text input of the inspector: every text a card's data holds is edited through this one component (labelled
 * or, in list rows, labelled for screen readers only), so that how text is bound to the draft lives in one place.
 * It carries `data-tributary="field"` and `data-field` = the dotted path of the card data field it edits
 * (SPEC §8.5: `text`, `prompt`, `answers.0.label`, …). `rows` makes it multi-line; `tokens` adds a picker that
 * inserts `{{attribute}}` at the caret (SPEC §1 tokens); `suggestions` offers known values (attribute names) while
 * still accepting a new one.
 */
export function TextField({
  field,
  label,
  hideLabel,
  error,
  help,
  value,
  onChange,
  type = 'text',
  placeholder,
  rows,
  tokens,
  suggestions,
  inputMode,
}: {
  field: string;
  label: string;
  hideLabel?: boolean;
  error?: string;
  help?: string;
  value: string;
  onChange: (value: string) => void;
  type?: 'text' | 'url';
  placeholder?: string;
  rows?: number;
  tokens?: readonly string[];
  suggestions?: readonly string[];
  inputMode?: 'decimal';
}) {
  const box = (id?: string) => (
    <TextBox
      id={id}
      field={field}
      label={hideLabel ? label : undefined}
      value={value}
      onChange={onChange}
      type={type}
      placeholder={placeholder ?? (hideLabel ? label : undefined)}
      rows={rows}
      tokens={tokens}
      suggestions={suggestions}
      invalid={!!error}
      inputMode={inputMode}
    />
  );
  if (hideLabel) {
    return (
      <>
        {box()}
        {error ? <div className="field__error">{error}</div> : null}
      </>
    );
  }
  return (
    <Field label={label} error={error} hint={help}>
      {(id) => box(id)}
    </Field>
  );
}

function TextBox({
  id,
  field,
  label,
  value,
  onChange,
  type,
  placeholder,
  rows,
  tokens,
  suggestions,
  invalid,
  inputMode,
}: {
  id?: string;
  field: string;
  label?: string;
  value: string;
  onChange: (value: string) => void;
  type: 'text' | 'url';
  placeholder?: string;
  rows?: number;
  tokens?: readonly string[];
  suggestions?: readonly string[];
  invalid: boolean;
  inputMode?: 'decimal';
}) {
  const ref = useRef<HTMLTextAreaElement & HTMLInputElement>(null);
  const listId = `${useId()}-list`;
  // Inside a card's inspector, a text field of the card's data is bound to its Y.Text in the draft.
  const path = useMemo(() => dataPath(field), [field]);
  const { ref: bindRef, bound, text } = useTextBinding(path, () => onChange(''));
  const setRef = useCallback(
    (el: (HTMLTextAreaElement & HTMLInputElement) | null) => {
      ref.current = el;
      bindRef(el);
    },
    [bindRef],
  );
  // Unbound, the input shows `value`; bound, the binding owns the input's value (uncontrolled either way, so that
  // React never resets the value under the binding).
  useEffect(() => {
    const el = ref.current;
    if (el && !bound && el.value !== value) el.value = value;
  }, [bound, value]);
  const common = {
    id,
    ref: setRef,
    defaultValue: value,
    placeholder,
    inputMode,
    className: 'input' + (invalid ? ' input--invalid' : ''),
    'aria-label': label,
    'aria-invalid': invalid || undefined,
    'data-tributary': 'field',
    'data-field': field,
    // Bound: the binding writes each keystroke to the Y.Text itself.
    onChange: bound ? undefined : (e: { target: { value: string } }) => onChange(e.target.value),
  };
  const input = rows ? (
    <textarea rows={rows} {...common} />
  ) : suggestions ? (
    <>
      <input type={type} list={listId} {...common} />
      <datalist id={listId}>
        {suggestions.map((a) => (
          <option key={a} value={a} />
        ))}
      </datalist>
    </>
  ) : (
    <input type={type} {...common} />
  );
  const carets = text ? <RemoteCarets input={ref} path={path} text={text} /> : null;
  if (!tokens) {
    return carets ? (
      <div className="bound-text">
        {input}
        {carets}
      </div>
    ) : (
      input
    );
  }
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
  return (
    <div className="token-text bound-text">
      {input}
      {carets}
      <TokenPicker attributes={tokens} onPick={insert} />
    </div>
  );
}

function TokenPicker({ attributes, onPick }: { attributes: readonly string[]; onPick(attribute: string): void }) {
  const t = useT();
  return (
    <label className="token-text__picker" title={t('inspector.insertToken')}>
      <Icon path={icons.braces} size={14} />
      <select
        aria-label={t('inspector.insertToken')}
        value=""
        onChange={(e) => e.target.value && onPick(e.target.value)}
      >
        <option value="">{t('inspector.insertToken')}</option>
        {attributes.map((a) => (
          <option key={a} value={a}>
            {a}
          </option>
        ))}
      </select>
    </label>
  );
}

/** The data path of a field named by its dotted path (`answers.0.label` → `['answers', 0, 'label']`). */
function dataPath(field: string): DataPath {
  return field.split('.').map((s) => (/^\d+$/.test(s) ? Number(s) : s));
}
