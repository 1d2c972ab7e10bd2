import { parseArgs } from 'node:util';
import { formatStylish } from '../../shared/lint/formatStylish.ts';
import { hasErrors, lintStream } from '../../shared/lint/index.ts';
import { CliError } from '../errors.ts';
import { readStreamFile } from '../input.ts';

const USAGE = 'usage: tributary lint FILE [--json]';

/**
 * `tributary lint FILE [--json]` (SPEC §8.3): the diagnostics of SPEC §3, as ESLint-style text or, with `--json`,
 * as `{"diagnostics":[…]}`. Exits 1 when any diagnostic is an error, else 0; bad input is a CliError (exit 2).
 */
export default async function lint(args: string[]): Promise<number> {
  const { positionals, values } = parse(args);
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  if (positionals.length !== 1) throw new CliError(`expected one stream file (${USAGE})`);
  const file = positionals[0];
  const diagnostics = lintStream(await readStreamFile(file));
  process.stdout.write(values.json ? `${JSON.stringify({ diagnostics })}\n` : formatStylish(file, diagnostics));
  return hasErrors(diagnostics) ? 1 : 0;
}

function parse(args: string[]) {
  try {
    return parseArgs({
      args,
      allowPositionals: true,
      options: { json: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } },
    });
  } catch (err) {
    throw new CliError(`${(err as Error).message} (${USAGE})`);
  }
}
