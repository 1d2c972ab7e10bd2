import { useT } from '../i18n/I18n.tsx';

/**
 * Picks an attribute name from the known ones, or lets the user type a new one (a stream may define attributes by
 * setting them). `optional` adds a "none" choice that maps to undefined.
 */
export function AttributeSelect({
  id,
  value,
  onChange,
  attributes,
  optional,
  invalid,
}: {
  id?: string;
  value: string | undefined;
  onChange(next: string | undefined): void;
  attributes: readonly string[];
  optional?: boolean;
  invalid?: boolean;
}) {
  const t = useT();
  const listId = `${id ?? 'attr'}-list`;
  return (
    <>
      <input
        id={id}
        className={'input' + (invalid ? ' input--invalid' : '')}
        list={listId}
        value={value ?? ''}
        placeholder={optional ? t('inspector.none') : undefined}
        aria-invalid={invalid || undefined}
        onChange={(e) => onChange(optional && e.target.value === '' ? undefined : e.target.value)}
      />
      <datalist id={listId}>
        {attributes.map((a) => (
          <option key={a} value={a} />
        ))}
      </datalist>
    </>
  );
}
