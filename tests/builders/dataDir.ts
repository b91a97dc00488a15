import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** A fresh data folder per test, removed afterwards. */
export function tempDataDir(label = 'porter'): { dir: string; remove: () => void } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `${label}-`));
  return { dir, remove: () => fs.rmSync(dir, { recursive: true, force: true }) };
}

export const fixturePath = (...parts: string[]): string => path.join(import.meta.dirname, '..', 'fixtures', ...parts);
