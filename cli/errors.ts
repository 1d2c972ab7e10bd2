/**
 * An error the CLI reports as one line on stderr (no stack trace) and exits with `code`. SPEC §8.3: 2 for bad
 * input (unreadable file, not JSON, not a valid document, bad options), 1 when lint finds errors.
 */
export class CliError extends Error {
  readonly code: number;

  constructor(message: string, code = 2) {
    super(message);
    this.name = 'CliError';
    this.code = code;
  }
}
