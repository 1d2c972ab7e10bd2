import { pathToFileURL } from 'node:url';
import { resolve } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { build } from 'vite';
import type { Stream } from '../shared/stream/model.ts';
import { launchChromium } from '../testing/chromium.ts';
import { serveStatic } from './canvas/staticServer.ts';
import { generateStream } from './generate.ts';

/**
 * Canvas drag benchmark (SPEC §9): drags one card on a 1,000-card stream in headless Chromium, in the editor's real
 * canvas (Y.Doc binding, awareness, live lint) and in a plain React Flow page with the same nodes and no Yjs, in
 * alternating runs. Reports the update interval p95 (time between frames in which the dragged card actually moved)
 * and main-thread ms per drag step, and their ratios against the target (≤ 1.0× plain). Main-thread time is given
 * twice: wall clock of its tasks (CDP TaskDuration) and the CPU time of the thread (CDP ThreadTime). On a shared
 * machine the wall clock includes the time other processes held the core, which moves the ratio by tens of percent
 * from one run to the next; the CPU time is what the page itself spent, and is the figure read against the target.
 * Also checks the 100-card target (editor update p95 ≤ 16.7 ms). Figures only: it never fails on a timing.
 *
 * `node --import tsx bench/canvas.ts [--runs N] [--steps N]`
 */
const args = process.argv.slice(2);
const opt = (name: string, dflt: number) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? Number(args[i + 1]) : dflt;
};
const RUNS = opt('runs', 3);
const STEPS = opt('steps', 120);
const STEP_PX = 3;
/** Input pacing: one pointer move every 8 ms (a 120 Hz mouse), so the page, not the driver, limits updates. */
const STEP_MS = 8;

interface RunResult {
  updateP95: number;
  updateMedian: number;
  updates: number;
  taskMsPerStep: number;
  scriptMsPerStep: number;
  cpuMsPerStep: number;
}

export async function main(): Promise<void> {
  const out = resolve(import.meta.dirname, '../.tmp/bench-canvas');
  await build({
    configFile: resolve(import.meta.dirname, 'canvas/vite.config.ts'),
    logLevel: 'silent',
    build: { outDir: out },
  });
  const server = await serveStatic(out);
  const browser = await launchChromium();
  try {
    const big = generateStream({ cards: 1000, seed: 7 });
    const small = generateStream({ cards: 100, seed: 7 });
    console.log(
      `canvas drag: ${STEPS} steps of ${STEP_PX}px every ${STEP_MS} ms, ${RUNS} alternating runs per page, viewport 1400×900`,
    );
    const results: Record<'editor' | 'plain', RunResult[]> = { editor: [], plain: [] };
    for (let r = 0; r < RUNS; r++) {
      for (const page of r % 2 === 0 ? (['editor', 'plain'] as const) : (['plain', 'editor'] as const)) {
        results[page].push(await dragRun(browser, server.url, page, big));
      }
    }
    const smallRuns = [
      await dragRun(browser, server.url, 'editor', small),
      await dragRun(browser, server.url, 'editor', small),
    ];

    const med = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
    const row = (name: string, rs: RunResult[]) =>
      `${name.padEnd(22)} update p95 ${med(rs.map((x) => x.updateP95))
        .toFixed(1)
        .padStart(
          6,
        )} ms (median ${med(rs.map((x) => x.updateMedian)).toFixed(1)} ms, ${med(rs.map((x) => x.updates))} updates)   main thread ${med(
        rs.map((x) => x.taskMsPerStep),
      )
        .toFixed(2)
        .padStart(6)} ms/step (script ${med(rs.map((x) => x.scriptMsPerStep)).toFixed(2)}), CPU ${med(
        rs.map((x) => x.cpuMsPerStep),
      )
        .toFixed(2)
        .padStart(6)} ms/step`;
    console.log(row('editor, 1,000 cards', results.editor));
    console.log(row('plain RF, 1,000 nodes', results.plain));
    console.log(row('editor, 100 cards', smallRuns));
    const p95Ratio = med(results.editor.map((x) => x.updateP95)) / med(results.plain.map((x) => x.updateP95));
    const taskRatio = med(results.editor.map((x) => x.taskMsPerStep)) / med(results.plain.map((x) => x.taskMsPerStep));
    const cpuRatio = med(results.editor.map((x) => x.cpuMsPerStep)) / med(results.plain.map((x) => x.cpuMsPerStep));
    // The same ratio per alternating pair (editor and plain measured back to back): how far the load moved it.
    const pairs = results.editor.map((x, i) => (x.cpuMsPerStep / results.plain[i].cpuMsPerStep).toFixed(2));
    const smallP95 = med(smallRuns.map((x) => x.updateP95));
    console.log(
      `ratio editor/plain: update p95 ${p95Ratio.toFixed(2)}× (target ≤ 1.0×: ${p95Ratio <= 1 ? 'met' : 'missed'})`,
    );
    console.log(
      `ratio editor/plain: main-thread ms per step ${taskRatio.toFixed(2)}× wall clock, ${cpuRatio.toFixed(2)}× CPU (target ≤ 1.0×: ${cpuRatio <= 1 ? 'met' : 'missed'}; CPU per pair ${pairs.join(', ')})`,
    );
    console.log(
      `100 cards: update p95 ${smallP95.toFixed(1)} ms (target ≤ 16.7 ms: ${smallP95 <= 16.7 ? 'met' : 'missed'})`,
    );
  } finally {
    await browser.close();
    await server.close();
  }
}

/** One page load and one drag; the page is the editor canvas or the plain React Flow page. */
export async function dragRun(
  browser: Browser,
  base: string,
  which: 'editor' | 'plain',
  stream: Stream,
  query = '',
): Promise<RunResult> {
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
  const page = await context.newPage();
  await page.addInitScript(`window.__BENCH_STREAM__ = ${JSON.stringify(stream)};`);
  await page.goto(`${base}${which}.html${query}`);
  await page.waitForFunction(
    () => !!(window as any).__BENCH_FLOW__ && document.querySelectorAll('.react-flow__node').length > 0,
  );
  await page.waitForFunction((n) => document.querySelectorAll('.react-flow__node').length >= n, stream.cards.length);
  const target = centreCard(stream);
  await setViewport(page, stream);
  await page.waitForTimeout(400);

  const cdp = await context.newCDPSession(page);
  await cdp.send('Performance.enable');
  const box = (await page.locator(`.react-flow__node[data-id="${target}"]`).boundingBox())!;
  const x0 = box.x + box.width / 2;
  const y0 = box.y + box.height / 2;
  // A string, not a function: the TypeScript loader would wrap named inner functions in a helper the page lacks.
  await page.evaluate(`(() => {
    const el = document.querySelector('.react-flow__node[data-id="${target}"]');
    window.__moves = [];
    window.__recording = true;
    let last = el.style.transform;
    requestAnimationFrame(function tick(ts) {
      const now = el.style.transform;
      if (now !== last) { window.__moves.push(ts); last = now; }
      if (window.__recording) requestAnimationFrame(tick);
    });
  })()`);
  await page.mouse.move(x0, y0);
  await page.mouse.down();
  const before = metrics(await cdp.send('Performance.getMetrics'));
  const start = Date.now();
  for (let i = 1; i <= STEPS; i++) {
    // Circle-free zig-zag: always moving, so every processed step changes the card's position.
    await page.mouse.move(x0 + i * STEP_PX, y0 + (i % 2) * STEP_PX);
    const due = start + i * STEP_MS;
    const wait = due - Date.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
  }
  await page.waitForTimeout(100);
  const after = metrics(await cdp.send('Performance.getMetrics'));
  await page.mouse.up();
  const moves = (await page.evaluate('(window.__recording = false, window.__moves)')) as number[];
  await context.close();

  const intervals = moves
    .slice(1)
    .map((t, i) => t - moves[i])
    .sort((a, b) => a - b);
  const pct = (p: number) => intervals[Math.min(intervals.length - 1, Math.floor(p * intervals.length))] ?? NaN;
  return {
    updateP95: pct(0.95),
    updateMedian: pct(0.5),
    updates: moves.length,
    taskMsPerStep: ((after.TaskDuration - before.TaskDuration) * 1000) / STEPS,
    scriptMsPerStep: ((after.ScriptDuration - before.ScriptDuration) * 1000) / STEPS,
    cpuMsPerStep: ((after.ThreadTime - before.ThreadTime) * 1000) / STEPS,
  };
}

function metrics(r: { metrics: { name: string; value: number }[] }): Record<string, number> {
  return Object.fromEntries(r.metrics.map((m) => [m.name, m.value]));
}

/** The card nearest the middle of the layout: dragged in every run, with neighbours all around it. */
function centreCard(stream: Stream): string {
  const xs = stream.cards.map((c) => c.position?.x ?? 0);
  const ys = stream.cards.map((c) => c.position?.y ?? 0);
  const cx = (Math.min(...xs) + Math.max(...xs)) / 2;
  const cy = (Math.min(...ys) + Math.max(...ys)) / 2;
  let best = stream.cards[0];
  let bestD = Infinity;
  for (const c of stream.cards) {
    const d = ((c.position?.x ?? 0) - cx) ** 2 + ((c.position?.y ?? 0) - cy) ** 2;
    if (d < bestD) [best, bestD] = [c, d];
  }
  return best.id;
}

/** The same viewport on both pages: the whole layout in view (so every card is rendered and painted). */
async function setViewport(page: Page, stream: Stream): Promise<void> {
  const xs = stream.cards.map((c) => c.position?.x ?? 0);
  const ys = stream.cards.map((c) => c.position?.y ?? 0);
  const [minX, maxX, minY, maxY] = [Math.min(...xs), Math.max(...xs) + 260, Math.min(...ys), Math.max(...ys) + 120];
  const zoom = Math.min(1, 1400 / (maxX - minX + 80), 900 / (maxY - minY + 80));
  const vp = {
    x: -minX * zoom + (1400 - (maxX - minX) * zoom) / 2,
    y: -minY * zoom + (900 - (maxY - minY) * zoom) / 2,
    zoom,
  };
  await page.evaluate((v) => (window as any).__BENCH_FLOW__.setViewport(v), vp);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await main();
