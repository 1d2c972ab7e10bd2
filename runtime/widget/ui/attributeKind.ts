import type { AttributeKind } from '../../../shared/stream/attributes.ts';

/**
 * The widget build's stand-in for `attributeKind` of shared/stream/attributes.ts, whose module also builds zod
 * schemas at load time and would pull all of zod (~20 kB gzip) into the widget. vite.config.ts points
 * shared/cards/validate.ts here, so the widget still runs the one shared `validateCapture`; a test keeps the two
 * functions equal.
 */
export function attributeKind(attribute: string): AttributeKind {
  if (attribute === 'email') return 'email';
  if (attribute === 'phone') return 'phone';
  return 'text';
}
