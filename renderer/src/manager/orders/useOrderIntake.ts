import { useCallback, useRef, useState } from 'react';
import type { IntakeResult, OrderColumnMappingInput } from '../../../../shared/manager';
import type { PickedFile } from '../../../../shared/shell';
import { useShell } from '../../common/ShellContext';
import { toUiError, type UiError } from '../../common/uiError';

/** importOrderFiles takes at most this many files per call. */
const FILES_PER_CALL = 1000;

export type IntakeState =
  | { step: 'closed' }
  | { step: 'taking'; files: number }
  /** `fileIds[i]` is the file `results[i]` is about (to take it in again). */
  | { step: 'done'; results: IntakeResult[]; fileIds: string[] }
  | { step: 'failed'; error: UiError };

export interface OrderIntake {
  state: IntakeState;
  /** "Open files…": must be called from the click itself (a browser opens its file chooser only then). */
  pick: () => void;
  /** Files dropped onto the window. */
  takeDropped: (files: File[]) => void;
  close: () => void;
  /**
   * Remembers a column mapping for a failed order table's headings, then takes that file (the report's
   * row `index`) in again; the row shows the new result. Throws when the mapping is refused.
   */
  mapColumns: (index: number, mapping: OrderColumnMappingInput['mapping']) => Promise<void>;
}

/**
 * Order files into the order book: chosen in a dialog or dropped onto the window, registered with the
 * core by the shell, then taken in file by file (each all or nothing) with a result per file.
 * `onTaken` runs when at least one file brought orders.
 */
export function useOrderIntake(onTaken: () => void): OrderIntake {
  const shell = useShell();
  const [state, setState] = useState<IntakeState>({ step: 'closed' });
  const busy = useRef(false);
  const onTakenRef = useRef(onTaken);
  onTakenRef.current = onTaken;

  const take = useCallback(
    async (register: () => Promise<PickedFile[]>, knownCount?: number) => {
      if (busy.current) return;
      busy.current = true;
      try {
        // Dropped files are known at once: say so while they upload.
        if (knownCount !== undefined) setState({ step: 'taking', files: knownCount });
        const picked = await register();
        if (picked.length === 0) return;
        setState({ step: 'taking', files: picked.length });
        const results: IntakeResult[] = [];
        for (let at = 0; at < picked.length; at += FILES_PER_CALL) {
          const fileIds = picked.slice(at, at + FILES_PER_CALL).map((file) => file.fileId);
          results.push(...(await shell.api.importOrderFiles({ fileIds })).results);
        }
        setState({ step: 'done', results, fileIds: picked.map((file) => file.fileId) });
        if (results.some((result) => result.outcome === 'imported')) onTakenRef.current();
      } catch (thrown) {
        setState({ step: 'failed', error: toUiError(thrown) });
      } finally {
        busy.current = false;
      }
    },
    [shell],
  );

  const pick = useCallback(() => {
    if (busy.current) return;
    // The chooser opens within this call (the click's gesture); the upload follows when files are chosen.
    const chosen = shell.pickOrderFiles();
    void take(() => chosen);
  }, [shell, take]);
  const takeDropped = useCallback(
    (files: File[]) => {
      void take(() => shell.registerDroppedFiles(files), files.length);
    },
    [shell, take],
  );
  const close = useCallback(() => setState({ step: 'closed' }), []);
  const stateRef = useRef(state);
  stateRef.current = state;
  const mapColumns = useCallback(
    async (index: number, mapping: OrderColumnMappingInput['mapping']) => {
      const current = stateRef.current;
      if (current.step !== 'done' || busy.current) return;
      const failed = current.results[index];
      const fileId = current.fileIds[index];
      if (!failed?.headings || fileId === undefined) return;
      busy.current = true;
      try {
        await shell.api.saveOrderColumnMapping({ headings: failed.headings, mapping });
        const [result] = (await shell.api.importOrderFiles({ fileIds: [fileId] })).results;
        if (!result) return;
        setState((now) => (now.step === 'done' ? { ...now, results: now.results.map((r, i) => (i === index ? result : r)) } : now));
        if (result.outcome === 'imported') onTakenRef.current();
      } finally {
        busy.current = false;
      }
    },
    [shell],
  );
  return { state, pick, takeDropped, close, mapColumns };
}
