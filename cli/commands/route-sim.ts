import { explainDecision, explainNote } from '../../shared/routing/explain.ts';
import { parseScenario } from '../../shared/routing/parseScenario.ts';
import { runScenario } from '../../shared/routing/scenario.ts';
import { CliError } from '../errors.ts';
import { readJsonFile } from '../input.ts';

const USAGE = 'usage: tributary route-sim FILE [--explain]';

/**
 * `tributary route-sim FILE [--explain]` (SPEC §8.3): runs the routing engine on a scenario with a virtual clock
 * and prints one JSON decision per line; `--explain` prints each decision with its reasons in readable form
 * instead, plus the events that changed nothing.
 */
export default async function routeSim(args: string[]): Promise<number> {
  let file: string | undefined;
  let explain = false;
  for (const arg of args) {
    if (arg === '--explain') explain = true;
    else if (arg === '--help' || arg === '-h') {
      process.stdout.write(`${USAGE}\n`);
      return 0;
    } else if (arg.startsWith('-') && arg !== '-') throw new CliError(`unknown option ${arg} (${USAGE})`);
    else if (file === undefined) file = arg;
    else throw new CliError(`one scenario file at a time (${USAGE})`);
  }
  if (file === undefined) throw new CliError(`no scenario file given (${USAGE})`);
  const parsed = parseScenario(await readJsonFile(file));
  if (!parsed.ok) throw new CliError(`${file} is not a valid scenario: ${parsed.error}`);
  const lines: string[] = [];
  runScenario(parsed.scenario, (step) => {
    if (!explain) for (const d of step.decisions) lines.push(JSON.stringify(d));
    else for (const text of [...step.decisions.map(explainDecision), ...step.notes.map(explainNote)]) lines.push(text);
  });
  await write(lines.length ? `${lines.join('\n')}\n` : '');
  return 0;
}

/** Resolves once stdout has taken the text, so that a large output piped elsewhere is not cut short. */
function write(text: string): Promise<void> {
  return new Promise((resolve, reject) => {
    if (!text) return resolve();
    process.stdout.write(text, (err) => (err ? reject(err) : resolve()));
  });
}
