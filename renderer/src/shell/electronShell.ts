import type { MethodName, PorterApi } from '../../../shared/contract';
import type { Result } from '../../../shared/errors';
import { PorterCallError, type ElectronBridge, type PorterShell } from '../../../shared/shell';

export type { ElectronBridge };

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
    pickOrderFiles: () => unwrap(bridge.pickOrderFiles()),
    registerDroppedFiles: (files) => unwrap(bridge.registerDroppedFiles(files)),
    saveFile: (name, content, encoding) => unwrap(bridge.saveFile(name, content, encoding)),
    onJobEvent: (listener) => bridge.onJobEvent(listener),
  };
}
