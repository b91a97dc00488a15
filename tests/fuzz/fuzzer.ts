// A mutation fuzzer for Porter's readers, guided by
// V8's block coverage (an input that reaches a block no earlier input reached joins the corpus). An
// error the reader raises on purpose (PorterError: a clear message naming file, row, field) is the
// expected outcome for bad input; anything else — a TypeError, a RangeError, a hang — is a finding,
// saved under fuzz/findings/<target>/ with the input that caused it.
import crypto from 'node:crypto';
import fs from 'node:fs';
import inspector from 'node:inspector';
import os from 'node:os';
import path from 'node:path';
import { PorterError } from '../../shared/errors';
import { seededRandom } from '../builders/random';
import { mutate } from './mutate';
import type { FuzzTarget } from './targets';

export interface FuzzReport {
  target: string;
  seed: number;
  seconds: number;
  execs: number;
  execsPerSecond: number;
  expectedErrors: number;
  corpus: number;
  blocksCovered: number;
  blocksSeen: number;
  slowInputs: number;
  findings: string[];
}

interface Range {
  startOffset: number;
  endOffset: number;
  count: number;
}
interface Coverage {
  result: { url: string; functions: { ranges: Range[] }[] }[];
}

const SLOW_MS = 5000;

/** Runs one target for `seconds`; findings are saved under tests/fuzz/findings/<name>/ and listed in the report. */
export async function fuzz(
  name: string,
  target: FuzzTarget,
  { seconds, seed, log = () => {} }: { seconds: number; seed: number; log?: (line: string) => void },
): Promise<FuzzReport> {
  const random = seededRandom(seed);
  const workDir = fs.mkdtempSync(path.join(os.tmpdir(), `porter-fuzz-${name}-`));
  const findingsDir = path.join(import.meta.dirname, 'findings', name);
  const session = new inspector.Session();
  session.connect();
  const post = <T>(method: string, params?: object) =>
    new Promise<T>((resolve, reject) => session.post(method, params, (error, result) => (error ? reject(error) : resolve(result as T))));

  const seen = new Set<string>();
  const all = new Set<string>();
  /** Blocks of the target's own modules reached since the last call (counters reset on each take). */
  const newBlocks = async (): Promise<number> => {
    const { result } = await post<Coverage>('Profiler.takePreciseCoverage');
    let fresh = 0;
    for (const script of result) {
      if (!target.modules.some((m) => script.url.includes(m))) continue;
      for (const fn of script.functions) {
        for (const r of fn.ranges) {
          const key = `${script.url}:${r.startOffset}-${r.endOffset}`;
          all.add(key);
          if (r.count > 0 && !seen.has(key)) {
            seen.add(key);
            fresh++;
          }
        }
      }
    }
    return fresh;
  };

  await post('Profiler.enable');
  await post('Profiler.startPreciseCoverage', { callCount: true, detailed: true });
  const corpus = await target.seeds();
  const findings = new Map<string, string>();
  let execs = 0;
  let expected = 0;
  let slow = 0;
  const started = Date.now();
  const deadline = started + seconds * 1000;

  const run = async (input: Buffer): Promise<void> => {
    const t0 = Date.now();
    try {
      await target.exec(input, workDir);
    } catch (error) {
      if (error instanceof PorterError) expected++;
      else {
        const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
        const signature = `${message.slice(0, 120)}\n${(error as Error).stack?.split('\n').slice(1, 3).join('\n') ?? ''}`;
        if (!findings.has(signature)) {
          findings.set(signature, message);
          fs.mkdirSync(findingsDir, { recursive: true });
          const file = path.join(findingsDir, crypto.createHash('sha1').update(input).digest('hex').slice(0, 12));
          fs.writeFileSync(file, input);
          fs.writeFileSync(`${file}.txt`, `${(error as Error).stack ?? message}\n`);
          log(`finding: ${message} (input saved as ${file})`);
        }
      }
    }
    if (Date.now() - t0 > SLOW_MS) slow++;
    execs++;
  };

  try {
    for (const input of corpus) await run(input);
    await newBlocks();
    let lastReport = Date.now();
    while (Date.now() < deadline) {
      const parent = corpus[Math.floor(random() * corpus.length)]!;
      const input = target.mutate ? target.mutate(parent, corpus, random) : mutate(parent, corpus, random, target.maxSize);
      await run(input);
      if ((await newBlocks()) > 0) corpus.push(input);
      if (Date.now() - lastReport > 60_000) {
        lastReport = Date.now();
        log(
          `${Math.round((Date.now() - started) / 1000)} s: ${execs} execs, corpus ${corpus.length}, blocks ${seen.size}/${all.size}, findings ${findings.size}`,
        );
      }
    }
  } finally {
    await post('Profiler.stopPreciseCoverage');
    session.disconnect();
    fs.rmSync(workDir, { recursive: true, force: true });
  }
  const elapsed = (Date.now() - started) / 1000;
  return {
    target: name,
    seed,
    seconds: Math.round(elapsed),
    execs,
    execsPerSecond: Math.round(execs / elapsed),
    expectedErrors: expected,
    corpus: corpus.length,
    blocksCovered: seen.size,
    blocksSeen: all.size,
    slowInputs: slow,
    findings: [...findings.values()],
  };
}
