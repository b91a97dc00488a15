// CommerceML import figure: a generated catalog + offers pair (import.xml + offers.xml) imported as
// the app imports it, next to the same-run baseline of the CSV import of exactly the same items.
import fs from 'node:fs';
import path from 'node:path';
import { generatedPriceList, writeCommerceMlPair } from '../tests/builders/commerceml';
import { generateItems, writePriceListCsv } from '../tests/builders/priceLists';
import { timePorterImport, type ImportRun } from './importBench';
import { f1, median, megabytes, seconds, settle } from './measure';

export interface CommerceMlBenchOptions {
  items: number;
  runs: number;
  /** Removed by the caller. */
  workDir: string;
}

/** generatedPriceList and generateItems yield the same items for the same seed. */
const SEED = 42;

export async function commerceMlBench({ items, runs, workDir }: CommerceMlBenchOptions): Promise<void> {
  const dir = fs.mkdtempSync(path.join(workDir, 'commerceml-'));
  try {
    const { importPath, offersPath } = await writeCommerceMlPair(dir, generatedPriceList(items, SEED));
    const csv = path.join(dir, 'price-list.csv');
    await writePriceListCsv(csv, generateItems(items, SEED), { bom: false });
    for (const file of [importPath, offersPath, csv]) settle(file);
    console.log(
      `\n== CommerceML exchange, ${items.toLocaleString('en')} items: import.xml ${megabytes(importPath)} MB + offers.xml ${megabytes(offersPath)} MB` +
        ` (UTF-8, as Porter's CommerceML writer writes them); the same items as CSV: ${megabytes(csv)} MB`,
    );

    const commerceMl: ImportRun[] = [];
    const baseline: ImportRun[] = [];
    const check = (format: string, run: ImportRun): ImportRun => {
      if (run.items !== items || run.rejected !== 0) {
        throw new Error(`${format} import: ${run.items} of ${items} items imported, ${run.rejected} rejected`);
      }
      return run;
    };
    for (let run = 0; run < runs; run++) {
      // Alternate the order so neither format always gets the warmer page cache.
      if (run % 2 === 1) baseline.push(check('CSV', timePorterImport(csv, workDir)));
      commerceMl.push(check('CommerceML', timePorterImport([importPath, offersPath], workDir)));
      if (run % 2 === 0) baseline.push(check('CSV', timePorterImport(csv, workDir)));
    }

    const line = (label: string, runs: ImportRun[]) =>
      console.log(
        `${label.padEnd(52)} ${seconds(median(runs.map((r) => r.ms)))} s; runs ${runs.map((r) => seconds(r.ms)).join(', ')} s;` +
          ` peak memory ${f1(Math.max(...runs.map((r) => r.maxRssMb)))} MB`,
      );
    line('CommerceML import (both files, offers joined):', commerceMl);
    line('CSV import of the same items (the reference):', baseline);
    const ratio = median(commerceMl.map((r) => r.ms)) / median(baseline.map((r) => r.ms));
    console.log(
      `  CommerceML ${seconds(median(commerceMl.map((r) => r.ms)))} s vs CSV ${seconds(median(baseline.map((r) => r.ms)))} s` +
        ` of the same items: ${ratio.toFixed(2)}× (peak memory is the importing process's, worker threads included)`,
    );
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
