import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import readline from 'node:readline';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { tempDataDir } from '../builders/dataDir';
import { generateItems, writePriceListCsv } from '../builders/priceLists';
import { seededRandom } from '../builders/random';

const repo = path.resolve(import.meta.dirname, '..', '..');
const WRITER = path.join(repo, 'out', 'node', 'crashWriter.js');
/** 200 in the test suite; `npm run soak` sets more. */
const KILLS = Number(process.env.PORTER_SOAK_KILLS ?? 200);
const LINES = 5;

interface Run {
  acked: Map<string, number>;
  imports: number;
  output: string[];
}

/** Starts the writer and kills it (SIGKILL) after `afterMs`, or when it has acknowledged enough. */
function runAndKill(dataDir: string, priceList: string, afterMs: number): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [WRITER, dataDir, priceList, String(LINES)], {
      env: { ...process.env, PORTER_LOG_LEVEL: 'error' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const run: Run = { acked: new Map(), imports: 0, output: [] };
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    readline.createInterface({ input: child.stdout }).on('line', (line) => {
      run.output.push(line);
      const [word, id, lines] = line.split(' ');
      if (word === 'ACK') run.acked.set(id!, Number(lines));
      if (word === 'IMPORTED') run.imports++;
    });
    const timer = setTimeout(() => child.kill('SIGKILL'), afterMs);
    child.once('error', reject);
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      // Give readline the last lines the child wrote before it died.
      setImmediate(() => {
        if (signal === 'SIGKILL' || code === 0) resolve(run);
        else reject(new Error(`writer exited with ${code}: ${stderr}\n${run.output.join('\n')}`));
      });
    });
  });
}

describe('crash soak: the core killed at random moments while importing and writing orders', () => {
  it(`after each of ${KILLS} kills the database is intact, every acknowledged order is there whole, no transaction is half-applied`, async () => {
    expect(fs.existsSync(WRITER), `${WRITER} is missing: run npm run build first`).toBe(true);
    const data = tempDataDir('porter-soak');
    const dataDir = data.dir;
    const priceList = `${dataDir}-prices.csv`;
    await writePriceListCsv(priceList, generateItems(2000, 9));
    const random = seededRandom(20261129);
    const acknowledged = new Map<string, number>();
    let imports = 0;
    try {
      for (let kill = 0; kill < KILLS; kill++) {
        // Early kills land in start-up and the import; later ones among the order writes.
        const run = await runAndKill(dataDir, priceList, Math.floor(random() * 1200));
        for (const [id, lines] of run.acked) acknowledged.set(id, lines);
        imports += run.imports;

        const file = path.join(dataDir, 'porter.sqlite');
        // Killed before the database was first created: nothing can have been acknowledged.
        if (!fs.existsSync(file)) {
          expect(acknowledged.size).toBe(0);
          continue;
        }
        const db = new Database(file, { readonly: true });
        try {
          expect(db.pragma('integrity_check', { simple: true }), `after kill ${kill + 1}`).toBe('ok');
          // Killed while the first migration ran: it rolled back whole, and nothing was acknowledged yet.
          if (db.pragma('user_version', { simple: true }) === 0) {
            expect(db.prepare("SELECT count(*) FROM sqlite_schema WHERE type = 'table'").pluck().get()).toBe(0);
            expect(acknowledged.size).toBe(0);
            continue;
          }
          const lineCounts = new Map(
            (
              db
                .prepare(
                  'SELECT o.id, o.status, count(l.item_code) AS lines FROM orders o LEFT JOIN order_lines l ON l.order_id = o.id GROUP BY o.id',
                )
                .all() as {
                id: string;
                status: string;
                lines: number;
              }[]
            ).map((row) => [row.id, row]),
          );
          // Every acknowledged order is there, sent, with all its lines.
          for (const [id, lines] of acknowledged)
            expect(lineCounts.get(id), `order ${id} after kill ${kill + 1}`).toMatchObject({ status: 'submitted', lines });
          // A draft's lines go in one transaction: none or all of them.
          for (const row of lineCounts.values()) expect([0, LINES], `order ${row.id} has ${row.lines} lines`).toContain(row.lines);
          // The current price list is whole: its catalog file opens and holds every item.
          const current = db.prepare('SELECT catalog_file, item_count FROM price_lists WHERE is_current = 1').get() as
            { catalog_file: string; item_count: number } | undefined;
          if (current) {
            const catalog = new Database(path.join(dataDir, 'catalogs', current.catalog_file), { readonly: true });
            expect(catalog.prepare('SELECT count(*) FROM items').pluck().get()).toBe(2000);
            catalog.close();
          }
        } finally {
          db.close();
        }
      }
      // The soak did what it claims: orders were written and acknowledged, and imports completed between kills.
      expect(acknowledged.size).toBeGreaterThan(KILLS / 4);
      expect(imports).toBeGreaterThan(0);
    } finally {
      data.remove();
      fs.rmSync(priceList, { force: true });
    }
  }, 900_000);
});
