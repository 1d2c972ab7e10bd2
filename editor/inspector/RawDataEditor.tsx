import { useEffect, useState } from 'react';
import { useT } from '../i18n/I18n.tsx';
import { Field } from '../ui/Field.tsx';

/** The data of a card whose type has no form (an unknown type): edited as JSON, written only when it parses. */
export function RawDataEditor({ value, onChange }: { value: unknown; onChange(next: unknown): void }) {
  const t = useT();
  const [text, setText] = useState(() => JSON.stringify(value ?? {}, null, 2));
  const [error, setError] = useState<string>();
  // Follow changes from elsewhere (a colleague, undo), but not the echo of this box's own edit.
  useEffect(() => {
    setText((current) => (sameJson(current, value) ? current : JSON.stringify(value ?? {}, null, 2)));
  }, [value]);
  return (
    <Field label={t('inspector.rawJson')} error={error} hint={t('inspector.rawJsonHint')}>
      {(id) => (
        <textarea
          id={id}
          className={'input mono' + (error ? ' input--invalid' : '')}
          rows={10}
          value={text}
          onChange={(e) => {
            setText(e.target.value);
            try {
              onChange(JSON.parse(e.target.value));
              setError(undefined);
            } catch {
              setError(t('inspector.invalidJson'));
            }
          }}
        />
      )}
    </Field>
  );
}

function sameJson(text: string, value: unknown): boolean {
  try {
    return JSON.stringify(JSON.parse(text)) === JSON.stringify(value ?? {});
  } catch {
    return false;
  }
}
