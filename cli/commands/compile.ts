import { parseArgs } from 'node:util';
import { CliError } from '../errors.ts';
import { compileFile } from '../lintedStream.ts';

const USAGE = 'usage: tributary compile FILE';

/**
 * `tributary compile FILE` (SPEC §8.3): prints the compiled stream (`tributary.compiled/1`, with its content hash) as
 * JSON. With lint errors: exit 1, the diagnostics on stderr, nothing on stdout.
 */
export default async function compile(args: string[]): Promise<number> {
  const { positionals, values } = parse(args);
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  if (positionals.length !== 1) throw new CliError(`expected one stream file (${USAGE})`);
  const compiled = await compileFile(positionals[0]);
  if (!compiled) return 1;
  process.stdout.write(`${JSON.stringify(compiled, null, 2)}\n`);
  return 0;
}

function parse(args: string[]) {
  try {
    return parseArgs({ args, allowPositionals: true, options: { help: { type: 'boolean', short: 'h' } } });
  } catch (err) {
    throw new CliError(`${(err as Error).message} (${USAGE})`);
  }
}
