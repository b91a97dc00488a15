import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { app, BrowserWindow, dialog, session } from 'electron';
import type { PorterErrorData } from '../../shared/errors';
import { configureLogFile, createLogger } from '../core/logger';
import { DEFAULT_UPDATE_SETTINGS, type UpdateSettings } from '../core/updates/updatePolicy';
import { startCoreHost, type CoreHost } from './coreHost';
import { registerIpcHandlers } from './ipc';
import { installApplicationMenu } from './menu';
import { isAllowedNavigation } from './securityPolicy';
import { startAutoUpdates } from './updates/updater';
import { createMainWindow, hardenSession, type RendererSource } from './window';

/**
 * The Electron main process: a thin shell. It owns windows, dialogs and the security
 * policy; the core (database, imports, orders) runs in a utility process (coreHost.js)
 * so nothing here can block a window.
 */

const log = createLogger('main');
const here = path.dirname(fileURLToPath(import.meta.url)); // out/main
const projectRoot = path.resolve(here, '..', '..');

/** `--data-dir DIR` or `--data-dir=DIR`: a separate data folder (tests, a second company). */
function argumentValue(argv: readonly string[], flag: string): string | undefined {
  const at = argv.indexOf(flag);
  if (at >= 0) return argv[at + 1];
  return argv.find((arg) => arg.startsWith(`${flag}=`))?.slice(flag.length + 1);
}

const dataDirArgument = argumentValue(process.argv, '--data-dir');
// Chromium's own profile (cache, storage) lives in userData too: moving it keeps test runs and instances apart.
if (dataDirArgument) app.setPath('userData', path.resolve(dataDirArgument));
const dataDir = app.getPath('userData');
configureLogFile({ dir: path.join(dataDir, 'logs'), process: 'main' });
const resourcesDir = app.isPackaged ? process.resourcesPath : path.join(projectRoot, 'resources');

// Only an unpackaged app may load the dev server: a packaged one must never take its page from the environment.
const devServerUrl = app.isPackaged ? undefined : process.env.ELECTRON_RENDERER_URL;
const rendererFile = path.join(here, '..', 'renderer', 'index.html');
const renderer: RendererSource = devServerUrl
  ? { kind: 'url', url: devServerUrl }
  : { kind: 'file', file: rendererFile, url: pathToFileURL(rendererFile).href };
const preload = path.join(here, '..', 'preload', 'index.cjs');

/** The better-sqlite3 build for Electron's ABI that `npm start` prepares (scripts/electron-native.mjs). */
function electronSqliteBinding(): string {
  const dir = `better-sqlite3-electron-${process.versions.electron}`;
  return path.join(projectRoot, 'node_modules', '.porter-electron', dir, 'build', 'Release', 'better_sqlite3.node');
}

let core: CoreHost | undefined;
let mainWindow: BrowserWindow | undefined;
let coreStopping: Promise<void> | undefined;
let failed = false;

function openMainWindow(): void {
  mainWindow = createMainWindow(renderer, preload);
  mainWindow.on('closed', () => (mainWindow = undefined));
}

/** The core cannot run (e.g. a database from a newer Porter): say so and quit. The database is left as it is. */
function failAndQuit(error: PorterErrorData): void {
  if (failed) return;
  failed = true;
  log.error('core failed', { code: error.code, message: error.message });
  dialog.showErrorBox(
    'Porter не может запуститься / Porter cannot start',
    `${error.message}\n\nПапка данных / Data folder: ${dataDir}\n\n` +
      'Данные не изменены и не удалены. / Your data has not been changed or deleted.',
  );
  app.quit();
}

/** Starts the updater with the feed and quiet hours saved in Settings (the defaults when the core cannot say). */
async function startUpdatesFromSettings(): Promise<void> {
  const answer = core ? await core.call('getUpdateSettings', {}) : null;
  startAutoUpdates(answer?.ok ? (answer.value as UpdateSettings) : DEFAULT_UPDATE_SETTINGS);
}

async function start(): Promise<void> {
  hardenSession(session.defaultSession, devServerUrl !== undefined);
  installApplicationMenu(app.getLocale(), !app.isPackaged);
  core = startCoreHost(
    path.join(here, 'coreHost.js'),
    { dataDir, resourcesDir, sqliteBinding: app.isPackaged ? undefined : electronSqliteBinding() },
    {
      onJob: (job) => {
        for (const window of BrowserWindow.getAllWindows()) {
          if (isAllowedNavigation(window.webContents.getURL(), renderer.url)) window.webContents.send('porter:job', job);
        }
      },
      onFatal: failAndQuit,
    },
  );
  registerIpcHandlers(core, renderer.url);
  openMainWindow();
  // Packaged only: the feed and the quiet hours from Settings (the defaults until the core answers).
  void startUpdatesFromSettings();
  log.info('started', { dataDir, renderer: renderer.url });
}

// Two instances on one data folder would be two writers on one database.
if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.enableSandbox();
  app.on('second-instance', () => {
    if (!mainWindow) return;
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.focus();
  });
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  app.on('activate', () => {
    if (!mainWindow && core && !failed) openMainWindow();
  });
  app.on('before-quit', (event) => {
    if (!core) return;
    // Let the core close the database before the process ends; quit again once it has.
    if (!coreStopping) {
      coreStopping = core.shutdown().finally(() => {
        core = undefined;
        app.quit();
      });
    }
    event.preventDefault();
  });
  app
    .whenReady()
    .then(start)
    .catch((error: unknown) => failAndQuit({ code: 'INTERNAL', message: error instanceof Error ? error.message : String(error) }));
}
