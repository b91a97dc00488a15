import fs from 'node:fs';
import { createRequire } from 'node:module';

/**
 * The Electron executable, or null where none is installed. The `electron` package
 * exports the binary's path as a string; with ELECTRON_SKIP_BINARY_DOWNLOAD=1 it throws
 * (or names a file that does not exist).
 */
export function electronBinary(): string | null {
  try {
    const exported: unknown = createRequire(import.meta.url)('electron');
    return typeof exported === 'string' && fs.existsSync(exported) ? exported : null;
  } catch {
    return null;
  }
}
