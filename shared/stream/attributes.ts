/** The standard profile attributes every workspace has (SPEC §1); admins may define custom ones besides. */
export const STANDARD_ATTRIBUTES = ['firstName', 'lastName', 'email', 'phone', 'company', 'jobTitle'] as const;
export type StandardAttribute = (typeof STANDARD_ATTRIBUTES)[number];

/** How a captured value is checked: by the attribute it fills (SPEC §2). */
export type AttributeKind = 'email' | 'phone' | 'text';

export function attributeKind(attribute: string): AttributeKind {
  if (attribute === 'email') return 'email';
  if (attribute === 'phone') return 'phone';
  return 'text';
}

export function isStandardAttribute(name: string): name is StandardAttribute {
  return (STANDARD_ATTRIBUTES as readonly string[]).includes(name);
}

/**
 * Attribute names must be usable inside a `{{token}}`: a letter or underscore, then letters, digits, `_`, `-` or `.`.
 * The token parser in `shared/engine/tokens.ts` uses the same pattern.
 */
export const ATTRIBUTE_NAME_PATTERN = /^[A-Za-z_][\w.-]*$/;
