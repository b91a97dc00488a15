import type { JobState } from '../../shared/domain';
import type { PickedFile } from '../../shared/shell';
import type { PorterErrorData, Result } from '../../shared/errors';

/**
 * Messages between electron/main and the core host (a utility process). Types only, so
 * main can import this file without pulling the core into its bundle.
 */
export type HostRequest =
  | { type: 'init'; dataDir: string; resourcesDir: string }
  | { type: 'call'; id: number; method: string; input: unknown }
  | { type: 'registerFile'; id: number; path: string }
  | { type: 'shutdown' };

export type HostMessage =
  | { type: 'ready' }
  | { type: 'result'; id: number; result: Result<unknown> }
  | { type: 'job'; job: JobState }
  | { type: 'fatal'; error: PorterErrorData };

export type RegisterFileResult = Result<PickedFile>;
