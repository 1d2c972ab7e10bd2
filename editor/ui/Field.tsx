import { useId, type ReactNode } from 'react';

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

/** A labelled one-line text input with its validation message: the common case of the inspectors. */
export function TextField({
  label,
  error,
  value,
  onChange,
  type = 'text',
  placeholder,
}: {
  label: string;
  error?: string;
  value: string;
  onChange: (value: string) => void;
  type?: 'text' | 'url';
  placeholder?: string;
}) {
  return (
    <Field label={label} error={error}>
      {(id) => (
        <input
          id={id}
          type={type}
          className={'input' + (error ? ' input--invalid' : '')}
          value={value}
          placeholder={placeholder}
          onChange={(e) => onChange(e.target.value)}
        />
      )}
    </Field>
  );
}
