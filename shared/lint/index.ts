/** Lint (SPEC §3): the public surface used by the editor, publish and the CLI. */
export { lintStream } from './lintStream.ts';
export { createIncrementalLinter, type IncrementalLinter, type StreamChanges } from './createIncrementalLinter.ts';
export { hasErrors } from './hasErrors.ts';
export type { Diagnostic } from './diagnostic.ts';
export type { LintContext } from './context.ts';
export { LINT_CODES, type LintCode, type Severity } from './codes.ts';
