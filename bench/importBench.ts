import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The sqlite3 shell baseline: .import of the same file, then the same indexes and FTS5 build as Porter's. */
export const SQLITE_BASELINE_SQL = (csvFile: string) => `
CREATE TABLE raw (code TEXT, name TEXT, barcode TEXT, unit TEXT, pack TEXT, moq TEXT, price TEXT, stock TEXT, vat TEXT, category TEXT);
.separator ";"
.import --skip 1 '${csvFile.replace(/'/g, "''")}' raw
CREATE INDEX raw_code ON raw(code);
CREATE INDEX raw_barcode ON raw(barcode) WHERE barcode <> '';
CREATE VIRTUAL TABLE raw_fts USING fts5(search_text, content='', tokenize="unicode61 remove_diacritics 2", prefix='1 2 3');
INSERT INTO raw_fts(rowid, search_text) SELECT rowid, name || ' ' || code || ' ' || barcode FROM raw;
INSERT INTO raw_fts(raw_fts) VALUES('optimize');
`;

export function hasSqliteShell(): boolean {
  return spawnSync('sqlite3', ['-version'], { encoding: 'utf8' }).status === 0;
}

export function timeSqliteShell(csvFile: string, workDir: string): number {
  const db = path.join(workDir, `baseline-${process.pid}-${Date.now()}.sqlite`);
  const started = process.hrtime.bigint();
  const result = spawnSync('sqlite3', [db], {
    // The same storage settings as Porter's catalog build (electron/core/catalog/buildCatalog.ts).
    input: `PRAGMA page_size=16384;\nPRAGMA journal_mode=OFF;\nPRAGMA synchronous=OFF;\nPRAGMA cache_size=-8192;\n${SQLITE_BASELINE_SQL(csvFile)}`,
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
}

/** Runs Porter's import in a fresh process so its peak memory is its own. */
export function timePorterImport(csvFile: string, workDir: string): ImportRun {
  const self = fileURLToPath(import.meta.url);
  const dataDir = fs.mkdtempSync(path.join(workDir, 'porter-'));
  const result = spawnSync(process.execPath, [self, '--child-import', csvFile, dataDir], {
    encoding: 'utf8',
    env: { ...process.env, PORTER_LOG_LEVEL: 'warn' },
  });
  fs.rmSync(dataDir, { recursive: true, force: true });
  if (result.status !== 0) throw new Error(`import child failed: ${result.stderr}`);
  return JSON.parse(result.stdout.trim().split('\n').pop()!) as ImportRun;
}
