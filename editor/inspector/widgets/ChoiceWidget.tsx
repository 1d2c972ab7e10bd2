import { useT } from '../../i18n/I18n.tsx';
import { useLocalText } from '../../i18n/useLocalText.ts';
import { Field } from '../../ui/Field.tsx';
import type { PropsOf } from '../widgetProps.ts';

/** One of a fixed set of values (strings or numbers); an optional field offers "none", which removes it. */
export function ChoiceWidget({ widget, field, label, help, value, optional, onChange, error }: PropsOf<'choice'>) {
  const t = useT();
  const local = useLocalText();
  const index = widget.options.findIndex((o) => o.value === value);
  return (
    <Field label={label} error={error} hint={help}>
      {(id) => (
        <select
          id={id}
          className="input"
          data-field={field}
          value={index < 0 ? '' : String(index)}
          onChange={(e) => onChange(e.target.value === '' ? undefined : widget.options[Number(e.target.value)].value)}
        >
          {optional || index < 0 ? <option value="">{t('inspector.none')}</option> : null}
          {widget.options.map((o, i) => (
            <option key={i} value={i}>
              {local(o.label)}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
}
