// Reads the Electron fuses back from a packaged Porter and compares them with what
// scripts/after-pack.mjs sets. Exit code 0 when all match, 1 otherwise.
//
//   npm run check-fuses -- dist/linux-unpacked        (or dist/win-unpacked, dist/mac/Porter.app,
//                                                      or the executable itself)
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { FuseV1Options, getCurrentFuseWire } from '@electron/fuses';
import { PORTER_FUSES } from './after-pack.mjs';

// The bytes of a fuse's state in the wire (@electron/fuses' FuseState, which its entry point does not export).
const STATE_NAMES = { 48: 'off', 49: 'on', 114: 'removed', 144: 'inherit' };

/** The executable (or .app bundle) inside what electron-builder produced. */
export function findElectronBinary(target) {
  const resolved = path.resolve(target);
  if (!fs.existsSync(resolved)) throw new Error(`${target} does not exist`);
  if (resolved.endsWith('.app') || fs.statSync(resolved).isFile()) return resolved;
  const entries = fs.readdirSync(resolved);
  const app = entries.find((name) => name.endsWith('.app'));
  if (app) return path.join(resolved, app);
  for (const name of ['Porter.exe', 'porter', 'Porter']) {
    if (entries.includes(name) && fs.statSync(path.join(resolved, name)).isFile()) return path.join(resolved, name);
  }
  throw new Error(`No Porter executable in ${target} (looked for Porter.exe, porter, Porter, *.app)`);
}

/** Each known fuse: its name, its state in the binary, what Porter expects (undefined: Electron's default is kept). */
export async function readFuses(target) {
  const binary = findElectronBinary(target);
  const wire = await getCurrentFuseWire(binary);
  const fuses = Object.keys(wire)
    .filter((key) => key !== 'version')
    .map((key) => {
      const index = Number(key);
      const expected = PORTER_FUSES[index];
      return {
        name: FuseV1Options[index] ?? `fuse ${index} (unknown to @electron/fuses)`,
        state: STATE_NAMES[wire[key]] ?? String(wire[key]),
        expected: expected === undefined ? undefined : expected ? 'on' : 'off',
      };
    });
  const missing = Object.keys(PORTER_FUSES).filter((index) => !(index in wire));
  return { binary, version: wire.version, fuses, missing: missing.map((index) => FuseV1Options[Number(index)]) };
}

async function main() {
  const target = process.argv[2];
  if (!target) {
    console.error('usage: npm run check-fuses -- <packaged app folder, .app or executable>');
    process.exit(2);
  }
  const { binary, version, fuses, missing } = await readFuses(target);
  console.log(`${binary} (fuse wire v${version})`);
  let ok = missing.length === 0;
  for (const fuse of fuses) {
    const wrong = fuse.expected !== undefined && fuse.state !== fuse.expected;
    if (wrong) ok = false;
    const note = fuse.expected === undefined ? '(Electron default kept)' : wrong ? `WRONG, expected ${fuse.expected}` : 'ok';
    console.log(`  ${fuse.name.padEnd(40)} ${fuse.state.padEnd(8)} ${note}`);
  }
  for (const name of missing) console.log(`  ${name.padEnd(40)} missing  WRONG, this Electron has no such fuse`);
  console.log(ok ? "All of Porter's fuses are set." : 'Some fuses are not as Porter sets them.');
  process.exit(ok ? 0 : 1);
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  main().catch((error) => {
    console.error(`check-fuses: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(2);
  });
}
