/**
 * Every lint code (SPEC §3) with its severity. Codes are stable: the editor's lint panel, publish (HTTP 422), the
 * CLI's `--json` output and tests key on them. Errors block publishing; warnings do not.
 */
export const LINT_CODES = {
  'no-start': 'error',
  'unknown-card-type': 'error',
  'invalid-card-data': 'error',
  'dangling-edge': 'error',
  'duplicate-edge': 'error',
  cycle: 'error',
  'live-chat-not-last': 'error',
  'poke-not-first': 'error',
  'duplicate-answer-label': 'error',
  'condition-too-deep': 'error',
  'talk-to-person-duplicate': 'error',
  'unreachable-card': 'warning',
  'unconnected-port': 'warning',
  'live-chat-without-consent': 'warning',
  'live-chat-without-email': 'warning',
  'unknown-token': 'warning',
  'live-chat-unknown-target': 'error',
  'no-target-url': 'error',
} as const;

export type LintCode = keyof typeof LINT_CODES;
export type Severity = 'error' | 'warning';
