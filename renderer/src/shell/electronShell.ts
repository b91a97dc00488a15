import type { MethodName, PorterApi } from '../../../shared/contract';
import type { JobState } from '../../../shared/domain';
import type { Result } from '../../../shared/errors';
import { PorterCallError, type PickedFile, type PorterShell } from '../../../shared/shell';

/**
 * What electron/preload exposes as window.porter: one named function per contract method
 * (each returns a Result, since errors cross IPC as data), plus the shell's own functions.
 */
export type ElectronBridge = { [M in MethodName]: (input: unknown) => Promise<Result<unknown>> } & {
  pickPriceListFile(): Promise<Result<PickedFile | null>>;
  saveFile(suggestedName: string, content: string): Promise<Result<boolean>>;
  onJobEvent(listener: (job: JobState) => void): () => void;
};

const unwrap = async <T>(promise: Promise<Result<T>>): Promise<T> => {
  const result = await promise;
  if (!result.ok) throw new PorterCallError(result.error);
  return result.value;
};

export function createElectronShell(bridge: ElectronBridge): PorterShell {
  const api = new Proxy({} as PorterApi, {
    get: (_target, method: string) => (input: unknown) => unwrap(bridge[method as MethodName](input)),
  });
  return {
    kind: 'electron',
    api,
    pickPriceListFile: () => unwrap(bridge.pickPriceListFile()),
    saveFile: (name, content) => unwrap(bridge.saveFile(name, content)),
    onJobEvent: (listener) => bridge.onJobEvent(listener),
  };
}
