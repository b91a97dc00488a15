// `npm run serve` and `npm run bench` build first when the build is missing or older than the sources.
import { execSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const sources = ['electron', 'renderer', 'shared', 'bench'];
const outputs = ['out/renderer/index.html', 'out/node/serve.js', 'out/node/bench.js'];

function newest(dir) {
  let time = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = join(dir, entry.name);
    time = Math.max(time, entry.isDirectory() ? newest(full) : statSync(full).mtimeMs);
  }
  return time;
}

const built = outputs.every((f) => existsSync(f)) ? Math.min(...outputs.map((f) => statSync(f).mtimeMs)) : 0;
const changed = Math.max(...sources.filter((d) => existsSync(d)).map(newest));
if (built < changed) {
  console.error('Building Porter…');
  execSync('npm run build --silent', { stdio: ['ignore', 'ignore', 'inherit'] });
}
