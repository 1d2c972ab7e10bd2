import { pathToFileURL } from 'node:url';
import { createIncrementalLinter, lintStream } from '../shared/lint/index.ts';
import { exportStream } from '../shared/stream/exportStream.ts';
import type { Card, Edge, Stream } from '../shared/stream/model.ts';
import { generateStream } from './generate.ts';

/**
 * Lint targets of SPEC §9, measured against peers in the same run:
 *  (a) a 500-card stream re-linted incrementally after one edit vs a full lint of it: ≤ 1/50 and < 5 ms;
 *  (b) a full lint of 5,000 cards vs JSON.parse of the same interchange document: ≤ 5× and < 100 ms.
 * Streams come from bench/generate.ts (realistic, lint-error-free, with some warnings); the document is the
 * interchange file as written (2-space indented, like bench/compile.ts). No forced GC between samples: after a
 * full collection V8 shrinks the young generation and both sides slow down several-fold.
 * Run: node --import tsx bench/lint.ts [--quick]
 */

export interface Timing {
  median: number;
  p95: number;
}

export interface LintBenchResult {
  full500: Timing;
  edits: { name: string; timing: Timing; ratio: number; ok: boolean }[];
  documentBytes: number;
  parse5000: Timing;
  full5000: Timing;
  /** CPU time of the same samples (the process's own, not counting time other processes held the core). */
  parse5000Cpu: Timing;
  full5000Cpu: Timing;
  ratio5000: number;
  ok5000: boolean;
}

export function benchLint({ quick = false } = {}): LintBenchResult {
  const scale = quick ? 0.2 : 1;
  const s500 = generateStream({ cards: 500, seed: 1 });
  const full500 = measure(() => lintStream(s500), Math.round(200 * scale), 20);
  const edits = EDITS.map(({ name, make }) => {
    const timing = measureEdits(s500, make, Math.round(2000 * scale));
    const ratio = timing.median / full500.median;
    return { name, timing, ratio, ok: ratio <= 1 / 50 && timing.median < 5 };
  });

  const s5000 = generateStream({ cards: 5000, seed: 1 });
  const text = JSON.stringify(exportStream(s5000), null, 2);
  // Interleaved, so that both see the same machine load.
  const parseTimes: number[] = [];
  const lintTimes: number[] = [];
  const parseCpu: number[] = [];
  const lintCpu: number[] = [];
  const rounds = Math.round(40 * scale);
  for (let i = 0; i < rounds + 5; i++) {
    const c0 = process.cpuUsage();
    const a = time(() => JSON.parse(text));
    const c1 = process.cpuUsage();
    const b = time(() => lintStream(s5000));
    const c2 = process.cpuUsage();
    if (i >= 5) {
      parseTimes.push(a);
      lintTimes.push(b);
      parseCpu.push(cpuMs(c0, c1));
      lintCpu.push(cpuMs(c1, c2));
    }
  }
  const parse5000 = stats(parseTimes);
  const full5000 = stats(lintTimes);
  const ratio5000 = full5000.median / parse5000.median;
  return {
    full500,
    edits,
    documentBytes: text.length,
    parse5000,
    full5000,
    parse5000Cpu: stats(parseCpu),
    full5000Cpu: stats(lintCpu),
    ratio5000,
    ok5000: ratio5000 <= 5 && full5000.median < 100,
  };
}

/** One edit and its undo: each is timed as "one edit" on its own. */
interface EditPair {
  apply(s: Stream): { stream: Stream; cards: string[]; edges: string[] };
  undo(s: Stream): { stream: Stream; cards: string[]; edges: string[] };
}

const EDITS: { name: string; make: (s: Stream, rnd: () => number) => EditPair }[] = [
  {
    name: 'edit the text of a message',
    make: (s, rnd) => {
      const messages = s.cards.filter((c) => c.type === 'message');
      const card = messages[Math.floor(rnd() * messages.length)];
      const edited: Card = { ...card, data: { ...(card.data as object), text: `Edited {{firstName}}: ${rnd()}` } };
      return { apply: (x) => replaceCard(x, edited), undo: (x) => replaceCard(x, card) };
    },
  },
  {
    name: 'delete an edge / restore it',
    make: (s, rnd) => {
      const edge = s.edges[Math.floor(rnd() * s.edges.length)];
      return {
        apply: (x) => ({ stream: { ...x, edges: x.edges.filter((e) => e !== edge) }, cards: [], edges: [edge.id] }),
        undo: (x) => ({ stream: { ...x, edges: [...x.edges, edge] }, cards: [], edges: [edge.id] }),
      };
    },
  },
  {
    name: 'add a card on an open port / remove it',
    make: (s, rnd) => {
      const from = s.cards[Math.floor(rnd() * s.cards.length)];
      const card: Card = { id: `new-${from.id}`, type: 'goal', data: { name: 'bench' } };
      const edge: Edge = { id: `new-edge-${from.id}`, from: from.id, port: 'bench', to: card.id };
      return {
        apply: (x) => ({
          stream: { ...x, cards: [...x.cards, card], edges: [...x.edges, edge] },
          cards: [card.id],
          edges: [edge.id],
        }),
        undo: (x) => ({
          stream: { ...x, cards: x.cards.filter((c) => c !== card), edges: x.edges.filter((e) => e !== edge) },
          cards: [card.id],
          edges: [edge.id],
        }),
      };
    },
  },
];

function replaceCard(s: Stream, card: Card): { stream: Stream; cards: string[]; edges: string[] } {
  return { stream: { ...s, cards: s.cards.map((c) => (c.id === card.id ? card : c)) }, cards: [card.id], edges: [] };
}

/** Times `update` only: the edited stream is made beforehand, as the editor would hand it over. */
function measureEdits(base: Stream, make: (s: Stream, rnd: () => number) => EditPair, n: number): Timing {
  const rnd = seeded(7);
  const linter = createIncrementalLinter();
  let stream = base;
  linter.update(stream, 'all');
  const times: number[] = [];
  for (let i = 0; i < n; i++) {
    const pair = make(stream, rnd);
    for (const step of [pair.apply, pair.undo]) {
      const next = step(stream);
      stream = next.stream;
      const t = time(() => linter.update(stream, { cards: next.cards, edges: next.edges }));
      if (i >= n / 10) times.push(t);
    }
  }
  return stats(times);
}

function measure(f: () => unknown, n: number, warmup: number): Timing {
  for (let i = 0; i < warmup; i++) f();
  const times: number[] = [];
  for (let i = 0; i < n; i++) times.push(time(f));
  return stats(times);
}

/** Milliseconds, with the resolution of the high-resolution clock. */
function time(f: () => unknown): number {
  const t = process.hrtime.bigint();
  f();
  return Number(process.hrtime.bigint() - t) / 1e6;
}

function cpuMs(from: NodeJS.CpuUsage, to: NodeJS.CpuUsage): number {
  return (to.user - from.user + to.system - from.system) / 1000;
}

function stats(times: number[]): Timing {
  const sorted = [...times].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
  return { median: at(0.5), p95: at(0.95) };
}

function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), a | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function ms(x: number): string {
  return x < 0.1 ? `${(x * 1000).toFixed(1)} µs` : `${x.toFixed(2)} ms`;
}

export function printLintBench(r: LintBenchResult): void {
  const row = (label: string, t: Timing, extra = '') =>
    console.log(`  ${label.padEnd(44)} median ${ms(t.median).padStart(9)}  p95 ${ms(t.p95).padStart(9)}${extra}`);
  console.log('lint (SPEC §9)');
  row('500 cards: full lint', r.full500);
  for (const e of r.edits) {
    const verdict = e.ok ? 'meets' : 'MISSES';
    row(
      `500 cards, one edit: ${e.name}`,
      e.timing,
      `  = 1/${Math.round(1 / e.ratio)} of a full lint (target ≤ 1/50 and < 5 ms: ${verdict})`,
    );
  }
  row(`5,000 cards: JSON.parse of the ${Math.round(r.documentBytes / 1024)} kB document`, r.parse5000);
  const verdict = r.ok5000 ? 'meets' : 'MISSES';
  row(
    '5,000 cards: full lint',
    r.full5000,
    `  = ${r.ratio5000.toFixed(2)}× JSON.parse (target ≤ 5× and < 100 ms: ${verdict})`,
  );
  const cpuRatio = r.full5000Cpu.median / r.parse5000Cpu.median;
  console.log(
    `  (CPU time of the same samples: JSON.parse median ${ms(r.parse5000Cpu.median)}, full lint median ${ms(r.full5000Cpu.median)}, ${cpuRatio.toFixed(2)}×;` +
      ' wall time above is what counts, CPU time shows how much of it other processes took)',
  );
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  printLintBench(benchLint({ quick: process.argv.includes('--quick') }));
}
