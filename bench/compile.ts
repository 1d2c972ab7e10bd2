import { pathToFileURL } from 'node:url';
import { compileLinted } from '../shared/compile/compileLinted.ts';
import { compileStream } from '../shared/compile/compileStream.ts';
import { exportStream } from '../shared/stream/exportStream.ts';
import { parseStream } from '../shared/stream/interchange.ts';
import type { Stream } from '../shared/stream/model.ts';
import { generateStream } from './generate.ts';

/**
 * SPEC §9 compile target: compiling 5,000 cards ≤ 5× `JSON.parse` of the same interchange document, measured in the
 * same run (and < 100 ms here). Samples alternate between the two so that both see the same machine state.
 * Also prints, for information, the whole `tributary compile` pipeline (interchange parse + lint + compile).
 *
 *   node --import tsx bench/compile.ts [cards=5000] [samples=30]
 */
export function benchCompile(cards = 5000, samples = 30) {
  const text = JSON.stringify(exportStream(generateStream({ cards, seed: 1 })), null, 2);
  const toStream = (): Stream => {
    const r = parseStream(JSON.parse(text));
    if (!r.ok) throw new Error(r.error);
    return r.stream;
  };
  const stream = toStream();
  const lintClean = compileLinted(stream);
  if (!lintClean.ok) throw new Error('the generated stream has lint errors');

  const cases = {
    'JSON.parse': () => JSON.parse(text),
    compileStream: () => compileStream(stream),
    'parse + lint + compile (the CLI)': () => compileLinted(toStream()),
  };
  const wall = new Map(Object.keys(cases).map((k) => [k, [] as number[]]));
  const cpu = new Map(Object.keys(cases).map((k) => [k, [] as number[]]));
  for (let i = 0; i < 5; i++) for (const f of Object.values(cases)) f(); // warm-up
  for (let i = 0; i < samples; i++) {
    for (const [name, f] of Object.entries(cases)) {
      const c0 = process.cpuUsage();
      const t0 = performance.now();
      f();
      wall.get(name)!.push(performance.now() - t0);
      const c1 = process.cpuUsage(c0);
      cpu.get(name)!.push((c1.user + c1.system) / 1000);
    }
  }
  const ms = (x: number) => `${x.toFixed(2)} ms`.padStart(10);
  console.log(
    `compile: ${cards} cards, ${(text.length / 1024).toFixed(0)} kB document, ${samples} alternating samples`,
  );
  console.log(
    `  ${''.padEnd(34)} ${'wall median'.padStart(12)} ${'p95'.padStart(10)} ${'CPU median'.padStart(11)} ${'p95'.padStart(10)}`,
  );
  for (const name of Object.keys(cases)) {
    const w = stats(wall.get(name)!);
    const c = stats(cpu.get(name)!);
    console.log(`  ${name.padEnd(34)} ${ms(w.median)}   ${ms(w.p95)} ${ms(c.median)} ${ms(c.p95)}`);
  }
  const pw = stats(wall.get('JSON.parse')!);
  const cw = stats(wall.get('compileStream')!);
  const pc = stats(cpu.get('JSON.parse')!);
  const cc = stats(cpu.get('compileStream')!);
  const ratio = cw.median / pw.median;
  const ok = ratio <= 5 && cw.median < 100;
  console.log(
    `  compileStream / JSON.parse: wall median ${ratio.toFixed(2)}×, p95 ${(cw.p95 / pw.p95).toFixed(2)}×; ` +
      `CPU median ${(cc.median / pc.median).toFixed(2)}× (target ≤ 5×); median ${cw.median.toFixed(1)} ms (target < 100 ms): ` +
      `${ok ? 'met' : 'NOT met'}`,
  );
  console.log('  (CPU time is the steadier figure when other processes share the cores.)');
  return { ratio, cpuRatio: cc.median / pc.median, compileMedianMs: cw.median, ok };
}

function stats(xs: number[]) {
  const s = xs.slice().sort((a, b) => a - b);
  const at = (q: number) => s[Math.min(s.length - 1, Math.floor((q / 100) * s.length))];
  return { min: s[0], median: at(50), p95: at(95) };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  benchCompile(Number(process.argv[2] ?? 5000), Number(process.argv[3] ?? 30));
}
