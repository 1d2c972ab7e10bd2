import { readFile } from 'node:fs/promises';
import { parse as parseTolerant, type ParseError } from 'jsonc-parser';
import { parseStream } from '../shared/stream/interchange.ts';
import type { Stream } from '../shared/stream/model.ts';
import { CliError } from './errors.ts';

/** Reads and parses a JSON file; every failure is a one-line `CliError` (exit 2) that says what and where. */
export async function readJsonFile(path: string): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (err) {
    throw new CliError(`cannot read ${path}: ${describeFsError(err)}`);
  }
  return parseJsonText(text, path);
}

/** Parses JSON text; a syntax error names the line and column (1-based) where parsing stopped. */
export function parseJsonText(text: string, source: string): unknown {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  try {
    return JSON.parse(body);
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    const { line, column } = lineColumn(body, errorPosition(message, body));
    const reason = message
      .replace(/\s*(in JSON )?at position \d+.*$/, '')
      .replace(/\s*\(line \d+ column \d+\)$/, '')
      .replace(/^(Unexpected token '.+?'), .* is not valid JSON$/s, '$1');
    throw new CliError(`${source} is not valid JSON: ${reason} at line ${line}, column ${column}`);
  }
}

/** Reads a `tributary.stream/1` file into the stream model (exit 2 with the bad field's path when invalid). */
export async function readStreamFile(path: string): Promise<Stream> {
  const value = await readJsonFile(path);
  const r = parseStream(value);
  if (!r.ok) throw new CliError(`${path} is not a valid tributary.stream/1 document: ${r.error}`);
  return r.stream;
}

/**
 * Where parsing stopped. V8 names the position for most errors (`... at position N`) but not for an unexpected token
 * (`Unexpected token '}', "..." is not valid JSON`), so a strict pass of jsonc-parser, which reports offsets for every
 * error, finds it; an unexpected end is the end of the text.
 */
function errorPosition(message: string, text: string): number {
  const m = /at position (\d+)/.exec(message);
  if (m) return Number(m[1]);
  const errors: ParseError[] = [];
  parseTolerant(text, errors, { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false });
  return errors.length > 0 ? errors[0].offset : text.length;
}

function lineColumn(text: string, position: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  const end = Math.min(position, text.length);
  for (let i = 0; i < end; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: end - lineStart + 1 };
}

function describeFsError(err: unknown): string {
  const code = (err as { code?: string }).code;
  switch (code) {
    case 'ENOENT':
      return 'no such file';
    case 'EISDIR':
      return 'it is a directory';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    default:
      return code ?? (err instanceof Error ? err.message : String(err));
  }
}
