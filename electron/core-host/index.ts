import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { workerCatalogBuilder } from '../core/catalog/workerCatalogBuilder';
import { createCore, type PorterCore } from '../core/core';
import { dispatch, toErrorData } from '../core/dispatch';
import { configureLogFile, createLogger, LOG_DIR_NAME } from '../core/logger';
import { demoPriceListPath } from '../core/resources';
import { demoOrderHistoryDir } from '../core/insights/demoLoad';
import type { HostMessage, HostRequest } from './protocol';

/**
 * The core host: runs the core inside an Electron utility process, so database work and
 * imports never block the main process (which must keep every window responsive).
 * It speaks the messages in ./protocol.ts with electron/main over process.parentPort.
 */

// Typed here rather than importing 'electron': the core side never depends on Electron's module.
interface ParentPort {
  on(event: 'message', listener: (event: { data: unknown }) => void): void;
  postMessage(message: HostMessage): void;
}

const log = createLogger('core-host');
const parentPort = (process as unknown as { parentPort?: ParentPort }).parentPort;
const here = path.dirname(fileURLToPath(import.meta.url));

let core: Promise<PorterCore> | undefined;

function start(dataDir: string, resourcesDir: string, port: ParentPort): void {
  configureLogFile({ dir: path.join(dataDir, LOG_DIR_NAME), process: 'core' });
  // A damaged database does not fail the start: the core comes up in recovery and the window offers the backups.
  core = createCore({
    dataDir,
    // The build puts importWorker.js next to this file (out/main).
    catalogBuilder: workerCatalogBuilder(path.join(here, 'importWorker.js')),
    firstRunPriceList: demoPriceListPath(resourcesDir),
    firstRunOrderHistory: demoOrderHistoryDir(resourcesDir),
    resourcesDir,
  });
  core.then(
    (started) => {
      started.jobs.subscribe((job) => port.postMessage({ type: 'job', job }));
      log.info('core ready', { dataDir, state: started.maintenance.startupState().state });
      port.postMessage({ type: 'ready' });
    },
    (error: unknown) => {
      // Not the database's own problems (those start the core in recovery): main shows the error and quits, the data stays.
      port.postMessage({ type: 'fatal', error: toErrorData(error) });
    },
  );
}

async function handle(request: HostRequest, port: ParentPort): Promise<void> {
  switch (request.type) {
    case 'init':
      if (core) return log.warn('ignoring a second init');
      return start(request.dataDir, request.resourcesDir, port);
    case 'call': {
      if (!core) return port.postMessage({ type: 'result', id: request.id, result: notStarted() });
      const started = await core;
      const result = await dispatch(started.api, request.method, request.input);
      return port.postMessage({ type: 'result', id: request.id, result });
    }
    case 'registerFile': {
      if (!core) return port.postMessage({ type: 'result', id: request.id, result: notStarted() });
      const started = await core;
      const file = started.files.register(request.path);
      return port.postMessage({ type: 'result', id: request.id, result: { ok: true, value: { fileId: file.fileId, name: file.name } } });
    }
    case 'shutdown':
      // Close the database cleanly (checkpoints the WAL) before the process goes away.
      if (core) (await core.catch(() => undefined))?.close();
      process.exit(0);
  }
}

function notStarted() {
  return { ok: false as const, error: { code: 'INTERNAL' as const, message: 'The core has not been started' } };
}

if (!parentPort) {
  process.stderr.write('core-host: must run as an Electron utility process (process.parentPort is missing)\n');
  process.exit(1);
} else {
  const port = parentPort;
  port.on('message', ({ data }) => {
    const request = data as HostRequest;
    handle(request, port).catch((error: unknown) => {
      const id = 'id' in request ? request.id : undefined;
      if (id !== undefined) port.postMessage({ type: 'result', id, result: { ok: false, error: toErrorData(error) } });
      else log.error('message failed', { type: request.type, error: String(error) });
    });
  });
}
