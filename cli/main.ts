import { CliError } from './errors.ts';
import { USAGE } from './usage.ts';

type Command = (args: string[]) => Promise<number>;

// Each command is loaded only when asked for. Listed one by one (not as a `./commands/${name}.ts` pattern): the
// bundler would otherwise also take in the test files next to them.
const COMMANDS: Record<string, () => Promise<{ default: Command }>> = {
  lint: () => import('./commands/lint.ts'),
  compile: () => import('./commands/compile.ts'),
  simulate: () => import('./commands/simulate.ts'),
  'route-sim': () => import('./commands/route-sim.ts'),
};

/**
 * The `tributary` command (SPEC §8.3): `tributary <command> [args]`. Each command is `cli/commands/<name>.ts` with a
 * default export `(args) => Promise<exit code>`, loaded only when asked for. A `CliError` becomes its one-line
 * message on stderr and its exit code; anything else is reported in one line too (exit 70), never as a stack trace.
 */
export async function main(argv: string[]): Promise<number> {
  // The reader went away (`tributary compile big.json | head`): stop quietly, as Unix tools do, not with a trace.
  process.stdout.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code === 'EPIPE') process.exit(0);
    process.stderr.write(`tributary: cannot write the output: ${err.message}\n`);
    process.exit(70);
  });
  const [name, ...args] = argv;
  if (name === undefined) {
    process.stderr.write(USAGE);
    return 2;
  }
  if (name === '--help' || name === '-h' || name === 'help') {
    process.stdout.write(USAGE);
    return 0;
  }
  if (!Object.hasOwn(COMMANDS, name)) {
    process.stderr.write(
      `tributary: unknown command "${name}" (commands: ${Object.keys(COMMANDS).join(', ')}; see tributary --help)\n`,
    );
    return 2;
  }
  try {
    const command = (await COMMANDS[name]()).default;
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

function oneLine(s: string): string {
  return s.replace(/\s*\n\s*/g, ' ').trim();
}
