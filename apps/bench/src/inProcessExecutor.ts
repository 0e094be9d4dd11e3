import type { Executor, JobEvents } from './executor';
import type { Job } from './grid';
import type { JobRunner } from './runner';
import type { BackendRecord } from './runRecord';

/** Runs jobs in the calling thread (`--workers 1`, and tests). */
export class InProcessExecutor implements Executor {
  private runner: JobRunner | undefined;

  /** @param start - sets up the backend and the runner (called once by {@link start}). */
  constructor(
    private readonly init: () => Promise<{ backend: BackendRecord; runner: JobRunner }>,
  ) {}

  async start(): Promise<BackendRecord> {
    const { backend, runner } = await this.init();
    this.runner = runner;
    return backend;
  }

  run(job: Job, events: JobEvents): Promise<void> {
    if (!this.runner) return Promise.reject(new Error('executor not started'));
    return this.runner.run(job, events);
  }

  async close(): Promise<void> {
    this.runner?.dispose();
    this.runner = undefined;
  }
}
