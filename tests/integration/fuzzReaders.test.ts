import { describe, expect, it } from 'vitest';
import { fuzz } from '../fuzz/fuzzer';
import { TARGETS } from '../fuzz/targets';

/** The short run of every reader's fuzzer; `npm run fuzz -- <target> --minutes 10` is the long one. */
const SECONDS = Number(process.env.PORTER_FUZZ_SECONDS ?? 4);

describe('fuzzing the readers (short run)', () => {
  for (const [name, target] of Object.entries(TARGETS)) {
    it(`${name}: only typed import errors, whatever the bytes`, async () => {
      const report = await fuzz(name, target, { seconds: SECONDS, seed: 20261129 });
      expect(report.findings).toEqual([]);
      // It did run: mutated inputs reached the reader, and the reader's code was covered.
      expect(report.execs).toBeGreaterThan(report.corpus);
      expect(report.blocksCovered).toBeGreaterThan(0);
    });
  }
});
