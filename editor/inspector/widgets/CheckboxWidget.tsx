import type { PropsOf } from '../widgetProps.ts';

/** A yes/no field. */
export function CheckboxWidget({ field, label, value, onChange }: PropsOf<'checkbox'>) {
  return (
    <label className="check">
      <input type="checkbox" data-field={field} checked={value === true} onChange={(e) => onChange(e.target.checked)} />
      {label}
    </label>
  );
}
