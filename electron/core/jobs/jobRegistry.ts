import crypto from 'node:crypto';
import type { JobState } from '../../../shared/domain';
import { PorterError } from '../../../shared/errors';

type Listener = (job: JobState) => void;

/** Long work the user can watch and cancel; every change is published as an event. */
export class JobRegistry {
  private readonly jobs = new Map<string, { state: JobState; cancel: () => void }>();
  private readonly listeners = new Set<Listener>();

  start(kind: JobState['kind'], cancel: () => void): JobState {
    const state: JobState = { jobId: crypto.randomUUID(), kind, state: 'running', phase: 'reading', done: 0, total: 0, rows: 0 };
    this.jobs.set(state.jobId, { state, cancel });
    this.publish(state);
    return state;
  }

  update(jobId: string, patch: Partial<Omit<JobState, 'jobId' | 'kind'>>): void {
    const job = this.jobs.get(jobId);
    if (!job) return;
    job.state = { ...job.state, ...patch };
    this.publish(job.state);
  }

  get(jobId: string): JobState {
    const job = this.jobs.get(jobId);
    if (!job) throw new PorterError('NOT_FOUND', `No job with id ${jobId}`);
    return job.state;
  }

  cancel(jobId: string): boolean {
    const job = this.jobs.get(jobId);
    if (!job || job.state.state !== 'running') return false;
    job.cancel();
    return true;
  }

  isRunning(kind: JobState['kind']): boolean {
    return [...this.jobs.values()].some((j) => j.state.kind === kind && j.state.state === 'running');
  }

  /** Jobs still running: a client that connects late (or reconnects) starts from their state. */
  running(): JobState[] {
    return [...this.jobs.values()].filter((j) => j.state.state === 'running').map((j) => j.state);
  }

  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private publish(state: JobState): void {
    for (const listener of this.listeners) listener(state);
  }
}
