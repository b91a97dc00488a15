import path from 'node:path';

/** The demo price list that a first run imports, so a new install opens a working catalog. */
export function demoPriceListPath(resourcesDir: string): string {
  return path.join(resourcesDir, 'demo', 'price-list.csv');
}
