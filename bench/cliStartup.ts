import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

/**
 * Start-up cost of the `tributary` command (docs/development.md): bare Node, `node bin/tributary.js`, and `npx
 * tributary`, each linting examples/demo.json, in alternating runs; wall time and CPU time (user + sys, from
 * `/usr/bin/time`) per run, median and minimum.
 *
 *   node --import tsx bench/cliStartup.ts [runs=7]
 */
export function benchCliStartup(runs = 7) {
  const root = join(dirname(fileURLToPath(import.meta.url)), '..');
  const cases: [string, string[]][] = [
    ['node -e 0', ['node', '-e', '0']],
    ['node bin/tributary.js lint examples/demo.json', ['node', 'bin/tributary.js', 'lint', 'examples/demo.json']],
    ['npx tributary lint examples/demo.json', ['npx', 'tributary', 'lint', 'examples/demo.json']],
  ];
  const wall = cases.map(() => [] as number[]);
  const cpu = cases.map(() => [] as number[]);
  spawnSync('npx', ['tributary', 'lint', 'examples/demo.json'], { cwd: root }); // warm the file cache
  for (let r = 0; r < runs; r++) {
    cases.forEach(([, cmd], i) => {
      const x = spawnSync('/usr/bin/time', ['-f', 'TIME %e %U %S', ...cmd], { cwd: root, encoding: 'utf8' });
      const m = /TIME ([\d.]+) ([\d.]+) ([\d.]+)/.exec(x.stderr ?? '');
      if (!m) throw new Error(`could not time ${cmd.join(' ')} (is /usr/bin/time installed?)`);
      wall[i].push(Number(m[1]));
      cpu[i].push(Number(m[2]) + Number(m[3]));
    });
  }
  const med = (a: number[]) => a.slice().sort((x, y) => x - y)[Math.floor(a.length / 2)];
  const s = (x: number) => `${x.toFixed(2)} s`;
  console.log(`CLI start-up, ${runs} alternating runs each`);
  cases.forEach(([name], i) =>
    console.log(
      `  ${name.padEnd(48)} wall median ${s(med(wall[i]))} (min ${s(Math.min(...wall[i]))})  ` +
        `CPU median ${s(med(cpu[i]))} (min ${s(Math.min(...cpu[i]))})`,
    ),
  );
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  benchCliStartup(Number(process.argv[2] ?? 7));
}
