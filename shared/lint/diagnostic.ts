import { LINT_CODES, type LintCode, type Severity } from './codes.ts';

/** One finding of lint: what is wrong, where, and (in `message`) how to fix it. */
export interface Diagnostic {
  code: LintCode;
  severity: Severity;
  /** The card the finding is about; absent for stream-level findings and edges that leave no existing card. */
  cardId?: string;
  edgeId?: string;
  port?: string;
  message: string;
}

/** Builds a diagnostic with the code's severity; `where` fields that are undefined are left out (clean JSON). */
export function diagnostic(
  code: LintCode,
  where: { cardId?: string; edgeId?: string; port?: string },
  message: string,
): Diagnostic {
  // Built field by field so that the JSON reads code, severity, where, message (and holds no undefined fields).
  const d = { code, severity: LINT_CODES[code] } as Diagnostic;
  if (where.cardId !== undefined) d.cardId = where.cardId;
  if (where.edgeId !== undefined) d.edgeId = where.edgeId;
  if (where.port !== undefined) d.port = where.port;
  d.message = message;
  return d;
}
