import { CliError } from './errors.ts';
import { USAGE, COMMAND_NAMES } from './usage.ts';

type Command = (args: string[]) => Promise<number>;

/**
 * The `tributary` command (SPEC §8.3): `tributary <command> [args]`. Each command is `cli/commands/<name>.ts` with a
 * default export `(args) => Promise<exit code>`, loaded only when asked for. A `CliError` becomes its one-line
 * message on stderr and its exit code; anything else is reported in one line too (exit 70), never as a stack trace.
 */
export async function main(argv: string[]): Promise<number> {
  const [name, ...args] = argv;
  if (name === undefined) {
    process.stderr.write(USAGE);
    return 2;
  }
  if (name === '--help' || name === '-h' || name === 'help') {
    process.stdout.write(USAGE);
    return 0;
  }
  if (!(COMMAND_NAMES as readonly string[]).includes(name)) {
    process.stderr.write(`tributary: unknown command "${name}" (commands: ${COMMAND_NAMES.join(', ')}; see tributary --help)\n`);
    return 2;
  }
  try {
    const command = await loadCommand(name);
    return await command(args);
  } catch (err) {
    if (err instanceof CliError) {
      process.stderr.write(`tributary ${name}: ${oneLine(err.message)}\n`);
      return err.code;
    }
    const message = err instanceof Error ? err.message : String(err);
    process.stderr.write(`tributary ${name}: internal error: ${oneLine(message)}\n`);
    return 70;
  }
}

async function loadCommand(name: string): Promise<Command> {
  // The bundler includes every cli/commands/*.ts file for this pattern, so command tests live in cli/, not in
  // cli/commands/ (a bundled test file would load the test runner on every run).
  const mod = (await import(`./commands/${name}.ts`)) as { default: Command };
  return mod.default;
}

function oneLine(s: string): string {
  return s.replace(/\s*\n\s*/g, ' ').trim();
}
