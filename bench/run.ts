import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * `npm run bench [-- NAME…]`: runs every benchmark in bench/, one after the other, each in its own process
 * (`node --import tsx bench/NAME.ts`) so that one benchmark's heap, JIT state and open sockets cannot skew another.
 *
 * A benchmark is a top-level `bench/*.ts` file that runs when executed directly. Files that another bench file
 * refers to (`./generate.ts`, a child-process script such as `./collabServer.ts`) are helpers and are not run on
 * their own; nor are tests or this runner. Names given on the command line pick benchmarks (`npm run bench --
 * compile routing`); `--list` prints the benchmarks without running them. Benchmarks print their figures and ratios; a benchmark that misses a target does not fail the
 * run (DESIGN §9) — only one that crashes does.
 */
const here = dirname(fileURLToPath(import.meta.url));
const files = readdirSync(here)
  .filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts') && f !== 'run.ts')
  .sort();
const sources = new Map(files.map((f) => [f, readFileSync(join(here, f), 'utf8')]));
const helpers = new Set(
  files.filter((f) => files.some((other) => other !== f && sources.get(other)!.includes(`./${f}`))),
);
const list = process.argv.includes('--list');
const wanted = process.argv.slice(2).filter((a) => a !== '--list');
const entries = files
  .filter((f) => !helpers.has(f))
  .filter((f) => wanted.length === 0 || wanted.includes(basename(f, '.ts')));

if (entries.length === 0) {
  console.error(
    `no benchmark named ${wanted.join(', ')} (benchmarks: ${files.filter((f) => !helpers.has(f)).join(', ')})`,
  );
  process.exit(2);
}
if (list) {
  console.log(entries.map((f) => basename(f, '.ts')).join('\n'));
  process.exit(0);
}
let failed = 0;
for (const file of entries) {
  console.log(`\n=== bench/${file}`);
  const r = spawnSync(process.execPath, ['--expose-gc', '--import', 'tsx', join(here, file)], { stdio: 'inherit' });
  if (r.status !== 0) {
    failed++;
    console.log(`bench/${file} exited with ${r.status ?? r.signal}`);
  }
}
process.exit(failed === 0 ? 0 : 1);
