// `npm run fuzz -- <target> [--minutes N] [--seed N]`: runs the fuzzer (tests/fuzz/fuzzer.ts) on one
// reader and prints its report as JSON; exits 1 when it found anything.
import { fuzz } from './fuzzer';
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
const report = await fuzz(name, target, {
  seconds: Number(valueOf('--minutes', '10')) * 60,
  seed: Number(valueOf('--seed', String(Date.now() % 1e9))),
  log: (line) => console.log(line),
});
console.log(JSON.stringify(report));
process.exit(report.findings.length > 0 ? 1 : 0);
