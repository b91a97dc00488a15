import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';

/** The repository: the nearest folder above this file with a package.json (also when bundled into out/node). */
export const repoRoot = (() => {
  let dir = import.meta.dirname;
  while (!fs.existsSync(path.join(dir, 'package.json')) && path.dirname(dir) !== dir) dir = path.dirname(dir);
  return dir;
})();

export interface PorterServer {
  /** http://127.0.0.1:PORT — without the token. */
  origin: string;
  /** The printed URL with ?token=…: visiting it sets the cookie and redirects to /. */
  loginUrl: string;
  dataDir: string;
  /** Ends the process; removes the data folder if this launcher made it, unless asked to keep it. */
  stop: (options?: { keepDataDir?: boolean }) => Promise<void>;
  /** Kills the process at once (SIGKILL, as a crash or power cut would); the data folder stays. */
  kill: () => Promise<void>;
}

export interface StartOptions {
  /** Import the 5,000-item demo price list on first run (the default in the app). */
  demo?: boolean;
  /** Reuse a data folder (to restart Porter over the same data); a fresh temp folder otherwise. */
  dataDir?: string;
  /** Start as a supplier's manager (`--mode manager`); a store otherwise. */
  mode?: 'store' | 'manager';
  /** The day insights are computed for and the demo order history is anchored to (`--today YYYY-MM-DD`). */
  today?: string;
}

const STARTUP_LIMIT_MS = 60_000;

/**
 * Starts the browser shell (`node out/node/serve.js`) over its own temporary data folder and
 * resolves as soon as it prints its URL. `stop()` ends the process and removes the folder.
 */
export async function startPorter(options: StartOptions = {}): Promise<PorterServer> {
  const serveJs = path.join(repoRoot, 'out', 'node', 'serve.js');
  if (!fs.existsSync(serveJs)) throw new Error(`${serveJs} is missing: run npm run build first`);
  const ownsDir = options.dataDir === undefined;
  const dataDir = options.dataDir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'porter-e2e-'));
  const args = [serveJs, '--data-dir', dataDir, '--port', '0'];
  if (!options.demo) args.push('--no-demo');
  if (options.mode) args.push('--mode', options.mode);
  if (options.today) args.push('--today', options.today);
  const child = spawn(process.execPath, args, {
    cwd: repoRoot,
    env: { ...process.env, PORTER_LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const stderr: string[] = [];
  child.stderr.on('data', (chunk: Buffer) => stderr.push(chunk.toString('utf8')));

  try {
    const loginUrl = await waitForUrl(child, stderr);
    const origin = new URL(loginUrl).origin;
    return {
      origin,
      loginUrl,
      dataDir,
      stop: async ({ keepDataDir = false } = {}) => {
        await stopProcess(child);
        if (ownsDir && !keepDataDir) fs.rmSync(dataDir, { recursive: true, force: true });
      },
      kill: async () => {
        if (child.exitCode !== null || child.signalCode !== null) return;
        const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
        child.kill('SIGKILL');
        await exited;
      },
    };
  } catch (error) {
    await stopProcess(child);
    if (ownsDir) fs.rmSync(dataDir, { recursive: true, force: true });
    throw error;
  }
}

function waitForUrl(child: ChildProcess, stderr: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    const lines = readline.createInterface({ input: child.stdout! });
    const fail = (message: string) => {
      clearTimeout(guard);
      lines.close();
      reject(new Error(`${message}\n${stderr.join('')}`));
    };
    // A guard against a hung start, not a wait: the URL line resolves the promise.
    const guard = setTimeout(() => fail(`porter serve printed no URL within ${STARTUP_LIMIT_MS} ms`), STARTUP_LIMIT_MS);
    lines.on('line', (line) => {
      const match = /Open in a browser: (http:\/\/\S+)/.exec(line);
      if (!match?.[1]) return;
      clearTimeout(guard);
      lines.close();
      resolve(match[1]);
    });
    child.once('exit', (code) => fail(`porter serve exited with code ${code} before printing its URL`));
  });
}

async function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const forced = setTimeout(() => child.kill('SIGKILL'), 10_000);
  await exited;
  clearTimeout(forced);
}
