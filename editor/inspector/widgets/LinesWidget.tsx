import { TextField } from '../../ui/Field.tsx';
import type { PropsOf } from '../widgetProps.ts';

/** A list of strings, one per line (a pick list's options). */
export function LinesWidget({ widget, field, label, help, compact, value, onChange, error, issues }: PropsOf<'lines'>) {
  const lines = Array.isArray(value) ? value.map(String) : [];
  // An empty line's issue sits at `options.2`: show the first one on the field.
  const itemError = [...issues.entries()].find(([path]) => path.startsWith(`${field}.`))?.[1];
  return (
    <TextField
      field={field}
      label={label}
      hideLabel={compact}
      help={help}
      error={error ?? itemError}
      rows={widget.rows ?? 4}
      value={lines.join('\n')}
      onChange={(text) => onChange(text.split('\n'))}
    />
  );
}
