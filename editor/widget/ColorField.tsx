import { useEffect, useState } from 'react';
import { Field } from '../ui/Field.tsx';
import { useT } from '../i18n/I18n.tsx';

const HEX = /^#[0-9a-f]{6}$/i;

/**
 * A colour as a swatch picker plus the `#rrggbb` text beside it. The text may be mid-edit and wrong: the
 * appearance only takes it once it is a colour, and the field says so until then.
 */
export function ColorField({
  label,
  name,
  value,
  error,
  onChange,
}: {
  label: string;
  name: string;
  value: string;
  error?: string;
  onChange(hex: string): void;
}) {
  const t = useT();
  const [text, setText] = useState(value);
  useEffect(() => setText(value), [value]);
  const wrong = !HEX.test(text);
  return (
    <Field label={label} error={error ?? (wrong ? t('widget.notAColour') : undefined)}>
      {(id) => (
        <div className="color-field">
          <input
            type="color"
            aria-label={label}
            value={HEX.test(text) ? text.toLowerCase() : value}
            onChange={(e) => onChange(e.target.value)}
          />
          <input
            id={id}
            name={name}
            className={'input mono' + (wrong ? ' input--invalid' : '')}
            value={text}
            maxLength={7}
            spellCheck={false}
            onChange={(e) => {
              setText(e.target.value);
              if (HEX.test(e.target.value.trim())) onChange(e.target.value.trim().toLowerCase());
            }}
          />
        </div>
      )}
    </Field>
  );
}
