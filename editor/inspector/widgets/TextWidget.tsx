import { TextField } from '../../ui/Field.tsx';
import type { PropsOf } from '../widgetProps.ts';

/** A text field of the card's data; an optional one left empty is removed from the data. */
export function TextWidget({
  widget,
  field,
  label,
  help,
  compact,
  value,
  optional,
  onChange,
  error,
  attributes,
}: PropsOf<'text'>) {
  return (
    <TextField
      field={field}
      label={label}
      hideLabel={compact}
      help={help}
      error={error}
      value={typeof value === 'string' ? value : ''}
      type={widget.inputType}
      placeholder={widget.placeholder}
      rows={widget.rows}
      tokens={widget.tokens ? attributes : undefined}
      onChange={(next) => onChange(optional && next === '' ? undefined : next)}
    />
  );
}
