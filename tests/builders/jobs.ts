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
