import { utilityProcess, type UtilityProcess } from 'electron';
import type { JobState } from '../../shared/domain';
import type { PorterErrorData, Result } from '../../shared/errors';
import type { PickedFile } from '../../shared/shell';
import type { HostMessage, HostRequest } from '../core-host/protocol';

export interface CoreHostEvents {
  onJob(job: JobState): void;
  /** The core could not start (e.g. a database from a newer Porter) or its process died. */
  onFatal(error: PorterErrorData): void;
}

export interface CoreHost {
  call(method: string, input: unknown): Promise<Result<unknown>>;
  registerFile(filePath: string): Promise<Result<PickedFile>>;
  /** Asks the core to close the database, then waits for the process to end (killed after a timeout). */
  shutdown(): Promise<void>;
}

const SHUTDOWN_TIMEOUT_MS = 5_000;

/** Starts the core in a utility process and turns its messages into promises and events. */
export function startCoreHost(
  entry: string,
  init: { dataDir: string; resourcesDir: string; sqliteBinding?: string },
  events: CoreHostEvents,
): CoreHost {
  // An unpackaged app uses the Electron-ABI build of better-sqlite3 made by scripts/electron-native.mjs.
  const env = init.sqliteBinding ? { ...process.env, PORTER_SQLITE_BINDING: init.sqliteBinding } : process.env;
  const child: UtilityProcess = utilityProcess.fork(entry, [], { serviceName: 'Porter core', stdio: 'inherit', env });
  const pending = new Map<number, (result: Result<unknown>) => void>();
  let nextId = 1;
  let exited = false;
  let stopping = false;
  const exitedPromise = new Promise<void>((resolve) => child.once('exit', () => resolve()));

  const send = (request: HostRequest) => child.postMessage(request);

  child.on('message', (message: HostMessage) => {
    switch (message.type) {
      case 'result':
        pending.get(message.id)?.(message.result);
        pending.delete(message.id);
        return;
      case 'job':
        return events.onJob(message.job);
      case 'fatal':
        return events.onFatal(message.error);
      case 'ready':
        return;
    }
  });

  child.on('exit', (code) => {
    exited = true;
    // Answer every call still waiting, so no renderer promise hangs forever.
    const gone: Result<unknown> = { ok: false, error: { code: 'INTERNAL', message: `The Porter core stopped (exit code ${code})` } };
    for (const resolve of pending.values()) resolve(gone);
    pending.clear();
    if (!stopping) events.onFatal(gone.error);
  });

  const request = <T>(build: (id: number) => HostRequest): Promise<Result<T>> => {
    if (exited) return Promise.resolve({ ok: false, error: { code: 'INTERNAL', message: 'The Porter core is not running' } });
    const id = nextId++;
    return new Promise((resolve) => {
      pending.set(id, resolve as (result: Result<unknown>) => void);
      send(build(id));
    });
  };

  send({ type: 'init', ...init });

  return {
    call: (method, input) => request((id) => ({ type: 'call', id, method, input })),
    registerFile: (filePath) => request<PickedFile>((id) => ({ type: 'registerFile', id, path: filePath })),
    shutdown: async () => {
      if (exited) return;
      stopping = true;
      send({ type: 'shutdown' });
      const timer = setTimeout(() => child.kill(), SHUTDOWN_TIMEOUT_MS);
      await exitedPromise;
      clearTimeout(timer);
    },
  };
}
