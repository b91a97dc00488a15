import { useCallback, useRef, useState } from 'react';
import type { IntakeResult } from '../../../../shared/manager';
import type { PickedFile } from '../../../../shared/shell';
import { useShell } from '../../common/ShellContext';
import { toUiError, type UiError } from '../../common/uiError';

/** importOrderFiles takes at most this many files per call. */
const FILES_PER_CALL = 1000;

export type IntakeState =
  { step: 'closed' } | { step: 'taking'; files: number } | { step: 'done'; results: IntakeResult[] } | { step: 'failed'; error: UiError };

export interface OrderIntake {
  state: IntakeState;
  /** "Open files…": must be called from the click itself (a browser opens its file chooser only then). */
  pick: () => void;
  /** Files dropped onto the window. */
  takeDropped: (files: File[]) => void;
  close: () => void;
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
        setState({ step: 'done', results });
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
  return { state, pick, takeDropped, close };
}
