// Builds a copy of better-sqlite3 for Electron's ABI in node_modules/.porter-electron, leaving
// the Node build in node_modules untouched (tests and the browser shell keep working).
// `npm start` runs this first; electron/main points PORTER_SQLITE_BINDING at the result.
// Packaged apps do not need it: electron-builder rebuilds native modules at packaging.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';

const require = createRequire(import.meta.url);
const electronVersion = JSON.parse(readFileSync(require.resolve('electron/package.json'), 'utf8')).version;
const sourceDir = join('node_modules', 'better-sqlite3');
const targetDir = join('node_modules', '.porter-electron', `better-sqlite3-electron-${electronVersion}`);
const binding = join(targetDir, 'build', 'Release', 'better_sqlite3.node');

if (existsSync(binding)) process.exit(0);
console.error(`Building better-sqlite3 for Electron ${electronVersion} (once)…`);
rmSync(targetDir, { recursive: true, force: true });
cpSync(sourceDir, targetDir, { recursive: true, filter: (src) => !src.includes(join('build', 'Release')) });

const run = (command, args) =>
  spawnSync(command, args, { cwd: targetDir, stdio: 'inherit', shell: process.platform === 'win32' }).status === 0;
const prebuilt = run(process.execPath, [require.resolve('prebuild-install/bin.js'), '--runtime', 'electron', '--target', electronVersion]);
const built =
  prebuilt ||
  run(process.execPath, [
    require.resolve('node-gyp/bin/node-gyp.js'),
    'rebuild',
    '--release',
    `--target=${electronVersion}`,
    '--runtime=electron',
    '--dist-url=https://electronjs.org/headers',
  ]);
if (!built || !existsSync(binding)) {
  console.error('Could not build better-sqlite3 for Electron (it needs the Electron headers or a prebuilt binary from the internet).');
  console.error('Without Electron, run Porter in a browser: npm run serve');
  process.exit(1);
}
