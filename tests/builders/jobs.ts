import type { PorterCore } from '../../electron/core/core';
import type { JobRegistry } from '../../electron/core/jobs/jobRegistry';
import type { JobState } from '../../shared/domain';

/** Resolves with a job's final state, woken by the job's own events (no polling, no sleeps). */
export function jobFinished(jobs: JobRegistry, jobId: string): Promise<JobState> {
  return new Promise((resolve) => {
    const check = () => {
      const job = jobs.get(jobId);
      if (job.state !== 'running') {
        unsubscribe();
        resolve(job);
      }
    };
    const unsubscribe = jobs.subscribe(check);
    check();
  });
}

/** Starts an import through the contract exactly as the renderer does: register, preview, start with the preview's choices. */
export async function startImportLikeTheUi(core: PorterCore, file: string): Promise<string> {
  const { fileId } = core.files.register(file);
  const preview = await core.api.previewPriceListImport({ fileId });
  const { jobId } = await core.api.startPriceListImport({
    fileId,
    headerRow: preview.headerRow,
    mapping: preview.mapping,
    pricesIncludeVat: preview.pricesIncludeVat,
    defaultVatRate: 22,
  });
  return jobId;
}
