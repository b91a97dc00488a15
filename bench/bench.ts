// `npm run bench`: price-list import and search figures at 200,000 and 1,000,000 items, the CommerceML
// import, the order submission throughput and all insights for 500 stores × 2 years of orders, each next
// to a baseline measured in the same run.
// Not a test: it prints numbers, it does not judge.
//
//   --only csv,commerceml,exchange,insights   sections to run (all by default); csv is import + search + UI
//   --sizes 200000,1000000 --runs 3 --ui-size 200000
//   --commerceml-items 200000 --exchange-orders 1000 --exchange-lines 20
//   --insights-stores 500 --insights-years 2
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { CatalogReader } from '../electron/core/catalog/catalogReader';
import { createCore } from '../electron/core/core';
import { searchWords } from '../shared/search';
import { generateItems, writePriceListCsv } from '../tests/builders/priceLists';
import { seededRandom } from '../tests/builders/random';
import { commerceMlBench } from './commercemlBench';
import { childExchangeBench, runExchangeBench } from './exchangeBench';
import { hasSqliteShell, timePorterImport, timeSqliteShell } from './importBench';
import { insightsBench } from './insightsBench';
import { f1, median, percentile, settle } from './measure';
import { uiBench } from './uiBench';

const args = process.argv.slice(2);

if (args[0] === '--child-exchange') {
  await childExchangeBench(args.slice(1));
  process.exit(0);
}

const valueOf = (flag: string, fallback: string) => {
  const at = args.indexOf(flag);
  return at >= 0 && args[at + 1] ? args[at + 1]! : fallback;
};
const count = (flag: string, fallback: number) => {
  const value = Number(valueOf(flag, String(fallback)));
  if (!Number.isInteger(value) || value < 1) throw new Error(`${flag} takes a whole number above 0, not "${valueOf(flag, '')}"`);
  return value;
};
const SECTIONS = ['csv', 'commerceml', 'exchange', 'insights'] as const;
const only = valueOf('--only', SECTIONS.join(',')).split(',');
const unknown = only.filter((s) => !(SECTIONS as readonly string[]).includes(s));
if (unknown.length > 0) throw new Error(`--only ${unknown.join(',')}: the sections are ${SECTIONS.join(', ')}`);
const runs = count('--runs', 3);
const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'porter-bench-'));

console.log(
  `Porter bench — ${new Date().toISOString()} — Node ${process.version}, ${os.cpus().length} CPUs, ${runs} runs each (median); sections: ${only.join(', ')}`,
);
try {
  if (only.includes('csv')) await csvBench();
  if (only.includes('commerceml')) await commerceMlBench({ items: count('--commerceml-items', 200_000), runs, workDir });
  if (only.includes('exchange')) {
    runExchangeBench({ orders: count('--exchange-orders', 1000), linesPerOrder: count('--exchange-lines', 20), runs, workDir });
  }
  if (only.includes('insights')) insightsBench({ stores: count('--insights-stores', 500), years: count('--insights-years', 2), runs });
} finally {
  fs.rmSync(workDir, { recursive: true, force: true });
}

/** CSV price lists at each of --sizes: import next to the sqlite3 shell, search latency, the browser-shell UI. */
async function csvBench(): Promise<void> {
  const sizes = valueOf('--sizes', '200000,1000000').split(',').map(Number);
  /** The price list size the browser-shell measurements run on. */
  const uiSize = Number(valueOf('--ui-size', '200000'));
  if (!hasSqliteShell()) console.log('sqlite3 shell not found (apt-get install sqlite3): the import baseline is skipped');
  for (const size of sizes) {
    const csv = path.join(workDir, `price-list-${size}.csv`);
    await writePriceListCsv(csv, generateItems(size, 42), { bom: false });
    settle(csv);
    const mb = fs.statSync(csv).size / 1e6;
    console.log(`\n== ${size.toLocaleString('en')} items (${f1(mb)} MB CSV, UTF-8, ';', decimal comma)`);

    const porter: number[] = [];
    const baseline: number[] = [];
    const tuned: number[] = [];
    const rss: number[] = [];
    const shell = hasSqliteShell();
    for (let run = 0; run < runs; run++) {
      // Alternate the order so neither side always gets the warmer page cache (or a faster spell of this shared machine).
      if (run % 2 === 1 && shell) baseline.push(timeSqliteShell(csv, workDir));
      const r = timePorterImport(csv, workDir);
      if (r.items !== size) throw new Error(`imported ${r.items} of ${size} items`);
      porter.push(r.ms);
      rss.push(r.maxRssMb);
      if (run % 2 === 0 && shell) baseline.push(timeSqliteShell(csv, workDir));
      if (shell) tuned.push(timeSqliteShell(csv, workDir, true));
    }
    const seconds = (times: number[]) => `${f1(median(times) / 1000)} s; runs ${times.map((m) => f1(m / 1000)).join(', ')} s`;
    console.log(`import (parse + validate + insert + indexes + FTS5): ${seconds(porter)}`);
    console.log(`  peak memory of the importing process: ${f1(Math.max(...rss))} MB (target < 200 MB)`);
    if (shell) {
      // Both medians and fastest runs: on a shared machine the same work can take 1.5× as long from one run to the next.
      const ratios = (times: number[]) =>
        `${(median(porter) / median(times)).toFixed(2)}× of medians, ${(Math.min(...porter) / Math.min(...times)).toFixed(2)}× of fastest runs`;
      console.log(`sqlite3 shell .import + same indexes + FTS5:        ${seconds(baseline)}`);
      console.log(`  ratio Porter / sqlite3 shell: ${ratios(baseline)} (target ≤ 1.25×)`);
      console.log(`  the same with FTS5 loaded as Porter loads it (automerge off, 8 MB hash): ${seconds(tuned)}`);
      console.log(`  ratio Porter / that: ${ratios(tuned)}`);
    }
    const dataDir = await searchLatency(csv, size);
    if (size === uiSize) {
      const items = generateItems(size, 42);
      const random = seededRandom(11);
      const picked = [...items].filter(() => random() < 2000 / size);
      const words = picked.slice(0, 12).map((item) => searchWords(item.name)[0] ?? '');
      await uiBench({ dataDir, words, codes: picked.slice(0, 300).map((item) => item.code) });
    }
  }
}

/** Search latency on an imported copy of the file; returns its data folder (removed with workDir). */
async function searchLatency(csv: string, size: number): Promise<string> {
  // Import once more into a kept data folder, then query its catalog directly (as the core does per keystroke).
  const dataDir = fs.mkdtempSync(path.join(workDir, 'search-'));
  await importKeeping(csv, dataDir);
  const catalogFile = fs.readdirSync(path.join(dataDir, 'catalogs')).find((f) => f.endsWith('.sqlite'))!;
  const catalog = new CatalogReader(path.join(dataDir, 'catalogs', catalogFile));
  const random = seededRandom(7);
  const sample = [...generateItems(Math.min(size, 200_000), 42)].filter(() => random() < 0.01);
  const pickItem = () => sample[Math.floor(random() * sample.length)]!;
  const shapes: [string, () => string][] = [];
  for (let length = 1; length <= 7; length++) {
    shapes.push([`prefix ${length} char${length > 1 ? 's' : ''}`, () => (searchWords(pickItem().name)[0] ?? '').slice(0, length)]);
  }
  shapes.push([
    'two words',
    () =>
      searchWords(pickItem().name)
        .slice(0, 2)
        .map((w, i) => (i === 1 ? w.slice(0, 3) : w))
        .join(' '),
  ]);
  shapes.push(['barcode (13 digits)', () => pickItem().barcode]);
  shapes.push(['barcode prefix (7)', () => pickItem().barcode.slice(0, 7)]);
  shapes.push(['code (8 digits)', () => pickItem().code]);
  console.log(`search, ${size.toLocaleString('en')} items — first page of 100 + capped count, 300 queries per shape (p50 / p99 ms):`);
  for (const [name, query] of shapes) {
    for (let i = 0; i < 20; i++) catalog.search(query(), 0, 100); // warm-up
    const times: number[] = [];
    let found = 0;
    for (let i = 0; i < 300; i++) {
      const q = query();
      const started = process.hrtime.bigint();
      const result = catalog.search(q, 0, 100);
      times.push(Number(process.hrtime.bigint() - started) / 1e6);
      found += result.items.length > 0 ? 1 : 0;
    }
    console.log(
      `  ${name.padEnd(22)} p50 ${percentile(times, 50).toFixed(2).padStart(7)}  p99 ${percentile(times, 99).toFixed(2).padStart(7)}   (${found}/300 found)`,
    );
  }
  // Baseline in the same run: the raw cost of reading 100 rows by primary key from the same file.
  const times: number[] = [];
  for (let i = 0; i < 300; i++) {
    const started = process.hrtime.bigint();
    catalog.search('', Math.floor(random() * (size - 100)), 100);
    times.push(Number(process.hrtime.bigint() - started) / 1e6);
  }
  console.log(
    `  ${'reference: page of 100'.padEnd(22)} p50 ${percentile(times, 50).toFixed(2).padStart(7)}  p99 ${percentile(times, 99).toFixed(2).padStart(7)}`,
  );
  catalog.close();
  return dataDir;
}

async function importKeeping(csv: string, dataDir: string): Promise<void> {
  const core = await createCore({ dataDir });
  await core.priceLists.importFile(csv, path.basename(csv));
  core.close();
}
