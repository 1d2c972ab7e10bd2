import { useT } from '../../i18n/I18n.tsx';
import { TextField } from '../../ui/Field.tsx';
import type { PropsOf } from '../widgetProps.ts';

/** A profile attribute name: one of the known ones or a new one; an optional field left empty is removed. */
export function AttributeWidget({
  field,
  label,
  help,
  compact,
  value,
  optional,
  onChange,
  error,
  attributes,
}: PropsOf<'attribute'>) {
  const t = useT();
  return (
    <TextField
      field={field}
      label={label}
      hideLabel={compact}
      help={help}
      error={error}
      value={typeof value === 'string' ? value : ''}
      placeholder={optional ? t('inspector.none') : undefined}
      suggestions={attributes}
      onChange={(next) => onChange(optional && next === '' ? undefined : next)}
    />
  );
}
