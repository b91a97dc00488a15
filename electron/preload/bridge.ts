import type { MethodName } from '../../shared/contract';
import type { JobState } from '../../shared/domain';
import type { Result } from '../../shared/errors';
import type { DroppedFile, ElectronBridge, PickedFile } from '../../shared/shell';
import { CONTRACT_METHOD_NAMES } from '../../shared/methodNames';

/** The part of ipcRenderer the bridge uses; passed in so the bridge can be tested without Electron. */
export interface BridgeIpc {
  invoke(channel: string, ...args: unknown[]): Promise<unknown>;
  on(channel: string, listener: (event: unknown, ...args: unknown[]) => void): unknown;
  removeListener(channel: string, listener: (event: unknown, ...args: unknown[]) => void): unknown;
}

/** Electron's webUtils.getPathForFile: the path of a File the user dropped ('' for a File the page made itself). */
export type PathOfFile = (file: DroppedFile) => string;

/**
 * window.porter: named functions only, each bound to one fixed channel. The page never
 * gets ipcRenderer, so it cannot pick a channel or listen to anything but job events.
 * Dropped files reach the main process as the paths the preload finds for them: the page
 * hands over File objects and cannot name a path itself.
 */
export function createBridge(ipc: BridgeIpc, pathOfFile: PathOfFile = () => ''): ElectronBridge {
  const methods = Object.fromEntries(
    CONTRACT_METHOD_NAMES.map((name) => [name, (input: unknown) => ipc.invoke(`porter:${name}`, input) as Promise<Result<unknown>>]),
  ) as { [M in MethodName]: (input: unknown) => Promise<Result<unknown>> };
  return {
    ...methods,
    pickPriceListFile: () => ipc.invoke('porter:pickPriceListFile') as Promise<Result<PickedFile | null>>,
    pickOrderFiles: () => ipc.invoke('porter:pickOrderFiles') as Promise<Result<PickedFile[]>>,
    registerDroppedFiles: (files) => {
      const paths = files.map((file) => pathOfFile(file));
      if (paths.some((path) => path === '')) {
        return Promise.resolve({
          ok: false,
          error: { code: 'INVALID_INPUT', message: 'Only files dropped from the computer can be opened' },
        } satisfies Result<never>);
      }
      return ipc.invoke('porter:registerDroppedFiles', paths) as Promise<Result<PickedFile[]>>;
    },
    saveFile: (suggestedName, content, encoding) =>
      ipc.invoke('porter:saveFile', suggestedName, content, encoding ?? 'utf8') as Promise<Result<boolean>>,
    onJobEvent: (listener) => {
      // The IPC event object stays here: it carries the sender and must not reach the page.
      const forward = (_event: unknown, job: unknown) => listener(job as JobState);
      ipc.on('porter:job', forward);
      return () => void ipc.removeListener('porter:job', forward);
    },
  };
}
