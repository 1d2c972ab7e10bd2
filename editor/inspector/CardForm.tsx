import type { ComponentType } from 'react';
import { formFields } from '../../shared/cards/fieldMeta.ts';
import { useLocalText } from '../i18n/useLocalText.ts';
import type { FormProps, WidgetProps } from './widgetProps.ts';
import { widgets } from './widgets.ts';

/**
 * The inspector form generated from a card schema's field metadata (labels, help, widgets: shared/cards/fieldMeta.ts),
 * as typebot's forge generates its blocks' settings. A new card type needs no form code of its own.
 */
export function CardForm({
  schema,
  data,
  onChange,
  issues,
  attributes,
  workspace,
  path = '',
  compact = false,
}: FormProps) {
  const local = useLocalText();
  return (
    <>
      {formFields(schema)
        .filter((f) => !f.meta.visibleWhen || f.meta.visibleWhen(data))
        .map((f) => {
          const Widget = widgets[f.meta.widget.kind] as ComponentType<WidgetProps>;
          const field = path ? `${path}.${f.key}` : f.key;
          return (
            <Widget
              key={field}
              widget={f.meta.widget}
              field={field}
              label={local(f.meta.label)}
              help={f.meta.help ? local(f.meta.help) : undefined}
              compact={compact}
              value={data[f.key]}
              optional={f.optional}
              schema={f.schema}
              error={issues.get(field)}
              issues={issues}
              attributes={attributes}
              workspace={workspace}
              Form={CardForm}
              onChange={(next) => {
                if (next !== undefined) return onChange({ ...data, [f.key]: next });
                const { [f.key]: _removed, ...rest } = data;
                onChange(rest);
              }}
            />
          );
        })}
    </>
  );
}
