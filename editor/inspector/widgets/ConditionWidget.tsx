import type { Condition } from '../../../shared/conditions/schema.ts';
import { ConditionBuilder } from '../ConditionBuilder.tsx';
import type { PropsOf } from '../widgetProps.ts';

/** A condition with its builder; shows the first schema issue found inside it. */
export function ConditionWidget({ field, value, onChange, issues, attributes, workspace }: PropsOf<'condition'>) {
  const first = [...issues.entries()].find(([path]) => path === field || path.startsWith(`${field}.`));
  return (
    <>
      <ConditionBuilder
        value={(value ?? { attribute: 'email', op: 'isNotEmpty' }) as Condition}
        field={field}
        attributes={attributes}
        workspace={workspace}
        onChange={onChange}
      />
      {first ? <div className="field__error">{first[1]}</div> : null}
    </>
  );
}
