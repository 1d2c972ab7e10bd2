import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import {
  closeSession,
  startSession,
  stepSession,
  talkToPerson,
  talkToPersonRefusal,
  type SessionFacts,
  type SessionStep,
} from '../../shared/engine/index.ts';
import { CliError } from '../errors.ts';
import { parseJsonText } from '../input.ts';
import { compileFile } from '../lintedStream.ts';

const USAGE = 'usage: tributary simulate FILE [--attributes JSON] [--agents-available] [--talk-to-person LINE]';

/**
 * `tributary simulate FILE` (SPEC §8.3): runs the stream with the same engine as the runtime. Visitor replies come
 * from stdin, one per line; every engine event is printed as one JSON line. When stdin ends while a reply is
 * awaited, the conversation ends with reason `input-ended`. Refuses a stream with lint errors (exit 1).
 */
export default async function simulate(args: string[]): Promise<number> {
  const { positionals, values } = parse(args);
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  if (positionals.length !== 1) throw new CliError(`expected one stream file (${USAGE})`);
  const attributes = values.attributes === undefined ? {} : parseAttributes(values.attributes);
  const compiled = await compileFile(positionals[0]);
  if (!compiled) return 1;
  const available = values['agents-available'] === true;
  const facts: SessionFacts = { agentsAvailable: () => available };

  let step = startSession(compiled, attributes, facts);
  print(step);
  if (step.state.status === 'waiting') {
    const lines = createInterface({ input: process.stdin, crlfDelay: Infinity, terminal: false });
    const person = values['talk-to-person'];
    for await (const line of lines) {
      // The widget header's "Talk to a person" action, taken where the stream has a target (else a plain reply).
      if (person !== undefined && line === person && talkToPersonRefusal(compiled, step.state) === null)
        step = talkToPerson(compiled, step.state, facts);
      else step = stepSession(compiled, step.state, line, facts);
      print(step);
      if (step.state.status === 'ended') break;
    }
    lines.close();
    if (step.state.status === 'waiting') print(closeSession(step.state));
  }
  // The conversation is over: stop reading so that an open stdin does not keep the process alive.
  process.stdin.destroy();
  return 0;
}

function print(step: SessionStep): void {
  if (step.events.length === 0) return;
  process.stdout.write(step.events.map((e) => `${JSON.stringify(e)}\n`).join(''));
}

/** `--attributes '{"firstName":"Ann"}'`: an object of strings (numbers and booleans are taken as text). */
function parseAttributes(text: string): Record<string, string> {
  let value: unknown;
  try {
    value = parseJsonText(text, '--attributes');
  } catch (err) {
    throw new CliError((err as Error).message.replace(/ at line 1, column/, ' at column'));
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new CliError('--attributes must be a JSON object, e.g. {"firstName":"Ann"}');
  }
  const out: Record<string, string> = {};
  for (const [key, v] of Object.entries(value)) {
    if (typeof v === 'string') out[key] = v;
    else if (typeof v === 'number' || typeof v === 'boolean') out[key] = String(v);
    else
      throw new CliError(
        `--attributes: ${JSON.stringify(key)} must be a string, not ${v === null ? 'null' : Array.isArray(v) ? 'an array' : typeof v}`,
      );
  }
  return out;
}

function parse(args: string[]) {
  try {
    return parseArgs({
      args,
      allowPositionals: true,
      options: {
        attributes: { type: 'string' },
        'agents-available': { type: 'boolean' },
        'talk-to-person': { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (err) {
    throw new CliError(`${(err as Error).message} (${USAGE})`);
  }
}
