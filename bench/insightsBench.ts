import { Worker } from 'node:worker_threads';
import { demoOrderedLines } from '../electron/core/insights/demoHistory';
import { GapFinder, gapProfiles } from '../shared/insights/gaps';
import { groupBy, indexHistory, type OrderedLine } from '../shared/insights/history';
import { computeInsights } from '../shared/insights/insights';
import { seasonalityOf } from '../shared/insights/seasonality';
import { generateDemoHistory } from '../tests/builders/demoOrders';
import { demoItems } from '../tests/builders/demoPriceList';
import { referenceGaps } from '../tests/builders/insightsReference';
import { elapsedMs, f1, median } from './measure';

/**
 * All insights for `stores` stores × `years` years of orders (the demo generator's stores, rhythms and
 * seasons, ending on 27 November 2026), generated in memory: computeInsights' time (median of `runs`),
 * its parts, and its peak memory, next to baselines measured in the same run — one pass summing the
 * lines, and grouping the lines by store the plain way (a Map of arrays).
 */
export function insightsBench({ stores, years, runs }: { stores: number; years: number; runs: number }): void {
  const today = '2026-11-29';
  const started = process.hrtime.bigint();
  const history = generateDemoHistory(demoItems(), {
    stores,
    from: `${2026 - years}-11-28`,
    to: '2026-11-27',
    seed: 500,
  });
  const lines = demoOrderedLines(history.orders);
  history.orders.length = 0;
  console.log(
    `\n== insights: ${stores} stores × ${years} years — ${lines.length.toLocaleString('en')} lines in ` +
      `${new Set(lines.map((l) => l.orderId)).size.toLocaleString('en')} orders (generated in ${f1(elapsedMs(started) / 1000)} s)`,
  );

  /** Wall and CPU milliseconds of each run (CPU time is steadier on a shared machine). */
  const time = (run: () => unknown) => {
    const times: number[] = [];
    const cpu: number[] = [];
    for (let i = 0; i < runs; i++) {
      const t = process.hrtime.bigint();
      const c = process.cpuUsage();
      run();
      times.push(elapsedMs(t));
      const used = process.cpuUsage(c);
      cpu.push((used.user + used.system) / 1000);
    }
    return { times, cpu };
  };
  const show = (label: string, { times, cpu }: { times: number[]; cpu: number[] }) =>
    console.log(
      `  ${label.padEnd(44)} ${f1(median(times)).padStart(8)} ms, CPU ${f1(median(cpu)).padStart(8)} ms   (runs ${times.map(f1).join(', ')})`,
    );

  let sink = 0;
  show(
    'baseline: one pass summing the lines',
    time(() => (sink += sumAmounts(lines))),
  );
  show(
    'baseline: group the lines by store (Map)',
    time(() => (sink += groupBy(lines, (l) => l.storeId).size)),
  );

  const memory = peakMemorySampler();
  const before = process.memoryUsage().rss;
  memory.reset();
  // The first call pays for compiling the code too: that is what opening the insights view costs once.
  const cold = process.hrtime.bigint();
  sink += computeInsights(lines, today).stores.length;
  console.log(`  ${'computeInsights, first call (cold)'.padEnd(44)} ${f1(elapsedMs(cold)).padStart(8)} ms`);
  const total = time(() => (sink += computeInsights(lines, today).stores.length));
  const peak = memory.peak();
  memory.stop();
  show('computeInsights, everything', total);

  const index = indexHistory(lines, today);
  show(
    '  of it: lay out the history (indexHistory)',
    time(() => (sink += indexHistory(lines, today).stores.length)),
  );
  show(
    '  of it: gaps of every store (profiles, peers)',
    time(() => {
      const finder = new GapFinder(index, gapProfiles(index, 26));
      for (let s = 0; s < index.stores.length; s++) sink += finder.gaps(s, 5, 100).length;
    }),
  );
  show(
    '  of it: seasonality, items and categories',
    time(() => (sink += seasonalityOf(index).items.length)),
  );
  console.log(`  RSS before: ${f1(before / 1e6)} MB (the lines in memory); peak during computeInsights: ${f1(peak / 1e6)} MB`);
  console.log(`    → at most ${f1(Math.max(0, peak - before) / 1e6)} MB above the lines themselves`);
  const plainStarted = process.hrtime.bigint();
  sink += referenceGaps(lines, index.stores[0]!, today).length;
  const plain = elapsedMs(plainStarted);
  console.log(
    `  for scale: the plain (pre-index) gap code for ONE store: ${f1(plain)} ms — × ${index.stores.length} stores ≈ ${f1((plain * index.stores.length) / 1000)} s`,
  );
  if (sink === -1) console.log(sink); // keeps the work from being optimised away
}

function sumAmounts(lines: readonly OrderedLine[]): number {
  let sum = 0;
  for (const line of lines) sum += line.amountKopecks;
  return sum;
}

/** Samples the process's RSS every 2 ms from a worker thread, so the peak of synchronous work is seen. */
function peakMemorySampler(): { reset(): void; peak(): number; stop(): void } {
  const shared = new Float64Array(new SharedArrayBuffer(16)); // [0] peak RSS, [1] 1 = stop
  const worker = new Worker(
    `const { workerData } = require('node:worker_threads');
     const state = new Float64Array(workerData);
     const tick = () => {
       const rss = process.memoryUsage.rss();
       if (rss > state[0]) state[0] = rss;
       if (state[1] === 0) setTimeout(tick, 2);
     };
     tick();`,
    { eval: true, workerData: shared.buffer },
  );
  return {
    reset: () => (shared[0] = process.memoryUsage().rss),
    peak: () => Math.max(shared[0]!, process.memoryUsage().rss),
    stop: () => {
      shared[1] = 1;
      void worker.terminate();
    },
  };
}
