import { z } from 'zod';
import { ATTRIBUTE_NAME_PATTERN } from './attributes.ts';

/** Schema of an attribute name (cards, custom attributes). Kept apart from attributes.ts so that the widget, which
 * needs only `attributeKind`, does not load zod. */
export const attributeNameSchema = z
  .string()
  .trim()
  .min(1, 'name the attribute')
  .regex(ATTRIBUTE_NAME_PATTERN, 'an attribute name starts with a letter and holds only letters, digits, _ - .');
