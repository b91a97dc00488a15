import fs from 'node:fs';

/** Helpers shared by the bench sections: medians, percentiles, number formatting, warmed-up files. */
export const median = (values: readonly number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

export const percentile = (values: readonly number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
};

export const f1 = (n: number) => n.toFixed(1);

/** Seconds with one decimal, from milliseconds. */
export const seconds = (ms: number) => f1(ms / 1000);

export const megabytes = (file: string) => f1(fs.statSync(file).size / 1e6);

export const elapsedMs = (started: bigint) => Number(process.hrtime.bigint() - started) / 1e6;

/** Flushes the freshly written file and reads it once, so no run pays for write-back or a cold cache. */
export function settle(file: string): void {
  const fd = fs.openSync(file, 'r+');
  fs.fsyncSync(fd);
  const buffer = Buffer.alloc(1 << 20);
  while (fs.readSync(fd, buffer, 0, buffer.length, null) > 0);
  fs.closeSync(fd);
}
