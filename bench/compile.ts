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

  const parse: number[] = [];
  const compile: number[] = [];
  const pipeline: number[] = [];
  const time = (f: () => unknown) => {
    const t = performance.now();
    f();
    return performance.now() - t;
  };
  for (let i = 0; i < 5; i++) (JSON.parse(text), compileStream(stream), compileLinted(toStream())); // warm-up
  for (let i = 0; i < samples; i++) {
    parse.push(time(() => JSON.parse(text)));
    compile.push(time(() => compileStream(stream)));
    pipeline.push(time(() => compileLinted(toStream())));
  }
  const p = stats(parse);
  const c = stats(compile);
  const l = stats(pipeline);
  const ratio = c.median / p.median;
  const ok = ratio <= 5 && c.median < 100;
  const ms = (x: number) => `${x.toFixed(2)} ms`;
  console.log(`compile: ${cards} cards, ${(text.length / 1024).toFixed(0)} kB document, ${samples} alternating samples`);
  const row = (name: string, x: ReturnType<typeof stats>) =>
    console.log(`  ${name.padEnd(34)} median ${ms(x.median)}  p95 ${ms(x.p95)}  min ${ms(x.min)}`);
  row('JSON.parse', p);
  row('compileStream', c);
  row('parse + lint + compile (the CLI)', l);
  console.log(
    `  compile / JSON.parse: median ${ratio.toFixed(2)}×, p95 ${(c.p95 / p.p95).toFixed(2)}×, min ${(c.min / p.min).toFixed(2)}× ` +
      `(target ≤ 5×); median ${ms(c.median)} (target < 100 ms): ${ok ? 'met' : 'NOT met'}`,
  );
  return { parse: p, compile: c, pipeline: l, ratio, ok };
}

function stats(xs: number[]) {
  const s = xs.slice().sort((a, b) => a - b);
  const at = (q: number) => s[Math.min(s.length - 1, Math.floor((q / 100) * s.length))];
  return { min: s[0], median: at(50), p95: at(95) };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  benchCompile(Number(process.argv[2] ?? 5000), Number(process.argv[3] ?? 30));
}
