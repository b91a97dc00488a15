import { runCli } from './porter';

runCli(
  process.argv.slice(2),
  (text) => process.stdout.write(text),
  (text) => process.stderr.write(text),
).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`porter: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  },
);
