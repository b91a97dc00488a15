// `npm run fuzz -- <target> [--minutes N] [--seed N]`: a mutation fuzzer for Porter's readers, guided by
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
import { mutate, seeded } from './mutate';
import { TARGETS } from './targets';

const args = process.argv.slice(2);
const valueOf = (flag: string, fallback: string) => {
  const at = args.indexOf(flag);
  return at >= 0 && args[at + 1] ? args[at + 1]! : fallback;
};
const name = args[0] ?? '';
const target = TARGETS[name];
if (!target) {
  console.error(`usage: npm run fuzz -- <${Object.keys(TARGETS).join('|')}> [--minutes N] [--seed N]`);
  process.exit(2);
}
const minutes = Number(valueOf('--minutes', '10'));
const seed = Number(valueOf('--seed', String(Date.now() % 1e9)));
const random = seeded(seed);
const workDir = fs.mkdtempSync(path.join(os.tmpdir(), `porter-fuzz-${name}-`));
const findingsDir = path.join(import.meta.dirname, 'findings', name);
const SLOW_MS = 5000;

const session = new inspector.Session();
session.connect();
const post = <T>(method: string, params?: object) =>
  new Promise<T>((resolve, reject) => session.post(method, params, (error, result) => (error ? reject(error) : resolve(result as T))));

interface Range {
  startOffset: number;
  endOffset: number;
  count: number;
}
interface Coverage {
  result: { url: string; functions: { ranges: Range[] }[] }[];
}
const seen = new Set<string>();
const all = new Set<string>();
/** Blocks of the target's own modules reached since the last call (counters reset on each take). */
async function newBlocks(): Promise<number> {
  const { result } = await post<Coverage>('Profiler.takePreciseCoverage');
  let fresh = 0;
  for (const script of result) {
    if (!target!.modules.some((m) => script.url.includes(m))) continue;
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
}

await post('Profiler.enable');
await post('Profiler.startPreciseCoverage', { callCount: true, detailed: true });

const corpus = await target.seeds();
const findings = new Map<string, string>();
let execs = 0;
let expected = 0;
let slow = 0;
const started = Date.now();
const deadline = started + minutes * 60_000;

async function run(input: Buffer): Promise<void> {
  const t0 = Date.now();
  try {
    await target!.exec(input, workDir);
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
        console.log(`finding: ${message} (input saved as ${file})`);
      }
    }
  }
  if (Date.now() - t0 > SLOW_MS) slow++;
  execs++;
}

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
    console.log(
      `${Math.round((Date.now() - started) / 1000)} s: ${execs} execs, corpus ${corpus.length}, blocks ${seen.size}/${all.size}, findings ${findings.size}`,
    );
  }
}
const seconds = (Date.now() - started) / 1000;
console.log(
  JSON.stringify({
    target: name,
    seed,
    seconds: Math.round(seconds),
    execs,
    execsPerSecond: Math.round(execs / seconds),
    expectedErrors: expected,
    corpus: corpus.length,
    blocksCovered: seen.size,
    blocksSeen: all.size,
    slowInputs: slow,
    findings: [...findings.values()],
  }),
);
fs.rmSync(workDir, { recursive: true, force: true });
process.exit(findings.size > 0 ? 1 : 0);
