import { useCallback, useEffect, useRef, useState } from 'react';
import type { ColumnMapping, ImportPreview, ImportReport, JobState } from '../../../shared/domain';
import type { VatRate } from '../../../shared/money';
import type { PickedFile, PorterShell } from '../../../shared/shell';
import { toUiError, type UiError } from '../common/uiError';

export interface ImportChoices {
  headerRow: number;
  mapping: ColumnMapping;
  pricesIncludeVat: boolean;
  defaultVatRate: VatRate;
}

export type ImportStep =
  | { step: 'closed' }
  | { step: 'previewing'; file: PickedFile }
  | { step: 'previewFailed'; file: PickedFile | null; error: UiError }
  | { step: 'mapping'; file: PickedFile; preview: ImportPreview; choices: ImportChoices; starting: boolean; error: UiError | null }
  | { step: 'running'; job: JobState; stopping: boolean }
  | { step: 'finished'; job: JobState };

export interface ImportFlow {
  state: ImportStep;
  /** Must be called from the click itself: a browser opens a file chooser only on a user gesture. */
  pickFile: () => void;
  choose: (patch: Partial<ImportChoices>) => void;
  start: () => void;
  stop: () => void;
  close: () => void;
}

const DEFAULT_VAT_RATE: VatRate = 22;
// Job events are the main channel; this poll only covers a window where the event stream
// reconnects (or the job finished before the stream connected).
const POLL_MS = 1000;

export interface ImportFlowOptions {
  /** false: the list is kept aside for review and published later (manager mode); current at once otherwise. */
  publish?: boolean;
}

/** The import dialog's steps: pick a file → preview and mapping → job progress → result. */
export function useImportFlow(shell: PorterShell, onImported: (report: ImportReport) => void, options: ImportFlowOptions = {}): ImportFlow {
  const [state, setState] = useState<ImportStep>({ step: 'closed' });
  const publish = options.publish;
  const seen = useRef(new Map<string, JobState>());
  const onImportedRef = useRef(onImported);
  onImportedRef.current = onImported;

  const accept = useCallback((job: JobState) => {
    setState((current) => {
      if (current.step !== 'running' || current.job.jobId !== job.jobId) return current;
      return job.state === 'running' ? { ...current, job } : { step: 'finished', job };
    });
  }, []);

  const reported = useRef<string | null>(null);
  const finishedJob = state.step === 'finished' ? state.job : null;
  useEffect(() => {
    if (finishedJob?.state !== 'done' || !finishedJob.result || reported.current === finishedJob.jobId) return;
    reported.current = finishedJob.jobId;
    onImportedRef.current(finishedJob.result);
  }, [finishedJob]);

  useEffect(
    () =>
      shell.onJobEvent((job) => {
        seen.current.set(job.jobId, job);
        accept(job);
      }),
    [shell, accept],
  );

  const runningJobId = state.step === 'running' ? state.job.jobId : null;
  useEffect(() => {
    if (!runningJobId) return;
    const timer = window.setInterval(() => {
      shell.api.getJob({ jobId: runningJobId }).then(accept, () => undefined);
    }, POLL_MS);
    return () => window.clearInterval(timer);
  }, [runningJobId, shell, accept]);

  const preview = useCallback(
    (file: PickedFile) => {
      setState({ step: 'previewing', file });
      shell.api.previewPriceListImport({ fileId: file.fileId }).then(
        (result) =>
          setState({
            step: 'mapping',
            file,
            preview: result,
            choices: {
              headerRow: result.headerRow,
              mapping: result.mapping,
              pricesIncludeVat: result.pricesIncludeVat,
              defaultVatRate: DEFAULT_VAT_RATE,
            },
            starting: false,
            error: null,
          }),
        (error: unknown) => setState({ step: 'previewFailed', file, error: toUiError(error) }),
      );
    },
    [shell],
  );

  const pickFile = useCallback(() => {
    shell.pickPriceListFile().then(
      (file) => file && preview(file),
      (error: unknown) => setState({ step: 'previewFailed', file: null, error: toUiError(error) }),
    );
  }, [shell, preview]);

  const choose = useCallback(
    (patch: Partial<ImportChoices>) => {
      setState((current) => (current.step === 'mapping' ? { ...current, choices: { ...current.choices, ...patch } } : current));
      if (patch.headerRow === undefined || state.step !== 'mapping' || !(patch.headerRow >= 1 && patch.headerRow <= 1000)) return;
      // Another header row: headings, samples and the guessed mapping are read again from there.
      const { file } = state;
      const headerRow = patch.headerRow;
      shell.api.previewPriceListImport({ fileId: file.fileId, headerRow }).then(
        (result) =>
          setState((current) =>
            current.step === 'mapping' && current.file.fileId === file.fileId && current.choices.headerRow === headerRow
              ? { ...current, preview: result, choices: { ...current.choices, mapping: result.mapping } }
              : current,
          ),
        (error: unknown) => setState((current) => (current.step === 'mapping' ? { ...current, error: toUiError(error) } : current)),
      );
    },
    [state, shell],
  );

  const start = useCallback(() => {
    if (state.step !== 'mapping' || state.starting) return;
    const { file, choices } = state;
    setState({ ...state, starting: true, error: null });
    shell.api.startPriceListImport({ fileId: file.fileId, ...choices, ...(publish === false ? { publish: false } : {}) }).then(
      ({ jobId }) => {
        setState({
          step: 'running',
          job: { jobId, kind: 'priceListImport', state: 'running', phase: 'reading', done: 0, total: 0, rows: 0 },
          stopping: false,
        });
        // Events may have arrived before the job id did.
        const early = seen.current.get(jobId);
        if (early) accept(early);
      },
      (error: unknown) =>
        setState((current) => (current.step === 'mapping' ? { ...current, starting: false, error: toUiError(error) } : current)),
    );
  }, [state, shell, accept, publish]);

  const stop = useCallback(() => {
    if (state.step !== 'running') return;
    setState({ ...state, stopping: true });
    shell.api.cancelJob({ jobId: state.job.jobId }).catch(() => undefined);
  }, [state, shell]);

  const close = useCallback(() => {
    setState((current) => (current.step === 'running' ? current : { step: 'closed' }));
    seen.current.clear();
  }, []);

  return { state, pickFile, choose, start, stop, close };
}
