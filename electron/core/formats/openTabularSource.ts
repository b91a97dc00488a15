import fs from 'node:fs';
import path from 'node:path';
import { PorterError } from '../../../shared/errors';
import { openCsvSource } from './csvSource';
import type { SourceRow, TabularSource } from './tabularSource';

/** Opens a price list or order table: XLSX when the bytes are a zip, CSV otherwise. */
export async function openTabularSource(filePath: string, displayName = path.basename(filePath)): Promise<TabularSource> {
  let head: Buffer;
  try {
    const handle = await fs.promises.open(filePath, 'r');
    try {
      head = Buffer.alloc(4);
      await handle.read(head, 0, 4, 0);
    } finally {
      await handle.close();
    }
  } catch (error) {
    throw new PorterError('FILE_UNREADABLE', `Cannot read ${displayName}: ${(error as Error).message}`, { file: displayName });
  }
  if (head[0] === 0x50 && head[1] === 0x4b && head[2] === 0x03 && head[3] === 0x04) {
    const { openXlsxSource } = await import('./xlsxSource');
    return openXlsxSource(filePath, displayName);
  }
  if (/\.xlsx?$/i.test(displayName)) {
    throw new PorterError('FILE_FORMAT', `${displayName} is not an XLSX workbook (old .xls files must be saved as .xlsx or CSV)`, {
      file: displayName,
    });
  }
  return openCsvSource(filePath, displayName);
}

/** Reads the first rows of a source for a preview, then stops reading. */
export async function readFirstRows(source: TabularSource, count: number): Promise<SourceRow[]> {
  const rows: SourceRow[] = [];
  const controller = new AbortController();
  for await (const batch of source.rows(controller.signal)) {
    for (const row of batch) {
      rows.push(row);
      if (rows.length >= count) break;
    }
    if (rows.length >= count) {
      controller.abort();
      break;
    }
  }
  return rows;
}
