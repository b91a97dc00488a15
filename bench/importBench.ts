import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { workerCatalogBuilder } from '../electron/core/catalog/workerCatalogBuilder';
import { createCore } from '../electron/core/core';

/**
 * The sqlite3 shell baseline: .import of the same file, then the same indexes and FTS5 index as Porter's.
 * `automergeOff` loads the FTS5 index as Porter does (catalogSchema.ts: automerge off, an 8 MB term hash), for a
 * second, stricter baseline.
 */
export const SQLITE_BASELINE_SQL = (csvFile: string, automergeOff = false) => `
CREATE TABLE raw (code TEXT, name TEXT, barcode TEXT, unit TEXT, pack TEXT, moq TEXT, price TEXT, stock TEXT, vat TEXT, category TEXT);
.separator ";"
.import --skip 1 '${csvFile.replace(/'/g, "''")}' raw
CREATE INDEX raw_code ON raw(code);
CREATE INDEX raw_barcode ON raw(barcode) WHERE barcode <> '';
CREATE VIRTUAL TABLE raw_fts USING fts5(search_text, content='', tokenize="unicode61 remove_diacritics 2", prefix='1 2 3');
${automergeOff ? "INSERT INTO raw_fts(raw_fts, rank) VALUES('automerge', 0);\nINSERT INTO raw_fts(raw_fts, rank) VALUES('hashsize', 8388608);" : ''}
INSERT INTO raw_fts(rowid, search_text) SELECT rowid, name || ' ' || code || ' ' || barcode FROM raw;
${automergeOff ? "INSERT INTO raw_fts(raw_fts, rank) VALUES('automerge', 4);" : ''}
INSERT INTO raw_fts(raw_fts) VALUES('optimize');
`;

export function hasSqliteShell(): boolean {
  return spawnSync('sqlite3', ['-version'], { encoding: 'utf8' }).status === 0;
}

export function timeSqliteShell(csvFile: string, workDir: string, automergeOff = false): number {
  const db = path.join(workDir, `baseline-${process.pid}-${Date.now()}.sqlite`);
  const started = process.hrtime.bigint();
  const result = spawnSync('sqlite3', [db], {
    // The same storage settings as Porter's catalog build (electron/core/catalog/buildCatalog.ts).
    input: `PRAGMA page_size=16384;\nPRAGMA journal_mode=OFF;\nPRAGMA synchronous=OFF;\nPRAGMA cache_size=-8192;\n${SQLITE_BASELINE_SQL(csvFile, automergeOff)}`,
    encoding: 'utf8',
  });
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  fs.rmSync(db, { force: true });
  if (result.status !== 0) throw new Error(`sqlite3 failed: ${result.stderr}`);
  return ms;
}

export interface ImportRun {
  ms: number;
  maxRssMb: number;
  items: number;
  /** Rows or offers the import set aside (listed in its report). */
  rejected: number;
}

/**
 * Runs Porter's import in a fresh process so its peak memory is its own: one CSV file, or the files
 * of one CommerceML exchange (import.xml + offers.xml).
 */
export function timePorterImport(files: string | readonly string[], workDir: string): ImportRun {
  const child = path.join(path.dirname(fileURLToPath(import.meta.url)), 'benchImportChild.js');
  const dataDir = fs.mkdtempSync(path.join(workDir, 'porter-'));
  const result = spawnSync(process.execPath, [child, dataDir, ...(typeof files === 'string' ? [files] : files)], {
    encoding: 'utf8',
    env: { ...process.env, PORTER_LOG_LEVEL: 'warn' },
  });
  fs.rmSync(dataDir, { recursive: true, force: true });
  if (result.status !== 0) throw new Error(`import child failed: ${result.stderr}`);
  return JSON.parse(result.stdout.trim().split('\n').pop()!) as ImportRun;
}

/** The child's side of timePorterImport: imports as the app does and prints its ImportRun as JSON. */
export async function childImport(dataDir: string, files: readonly string[]): Promise<void> {
  const started = process.hrtime.bigint();
  // As the app runs it: the import in a worker thread, reading in a second one.
  const here = path.dirname(fileURLToPath(import.meta.url));
  const inThread = process.env.PORTER_BENCH_BUILDER === 'thread';
  const core = await createCore({
    dataDir,
    catalogBuilder: inThread ? undefined : workerCatalogBuilder(path.join(here, 'importWorker.js')),
  });
  const report =
    files.length === 1
      ? await core.priceLists.importFile(files[0]!, path.basename(files[0]!))
      : // The files of one CommerceML exchange, as the import dialog hands them over.
        await core.priceLists.importFiles(files.map((file) => ({ path: file, name: path.basename(file) })));
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  core.close();
  const rejected = report.rejected.length + report.rejectedNotListed;
  const run: ImportRun = { ms, maxRssMb: process.resourceUsage().maxRSS / 1024, items: report.items, rejected };
  console.log(JSON.stringify(run));
}
