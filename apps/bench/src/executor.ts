import type { Job } from './grid';
import type { BackendRecord, RunRecord } from './runRecord';

/** What a running job reports back. */
export interface JobEvents {
  /** A run finished (one per K of the job). The caller writes it to runs.jsonl at once. */
  record(r: RunRecord): void;
  /** A short note of what the job is doing now (e.g. `adaar M7/M9 s2 adversarial 1200/5000`). */
  progress(text: string): void;
}

/** Runs jobs one at a time: in this thread, or in a worker thread. */
export interface Executor {
  /** Starts it (loads the backend, the data); resolves with the backend it got. */
  start(): Promise<BackendRecord>;
  /** Runs one job; rejects when the job fails. */
  run(job: Job, events: JobEvents): Promise<void>;
  /** Stops it; a job in flight is abandoned. */
  close(): Promise<void>;
}

/** A job that failed, with its error. */
export interface JobFailure {
  readonly job: Job;
  readonly message: string;
}

/**
 * Runs `jobs` on the executors in parallel, each taking the next job when free, in order.
 * A failing job is reported and the others go on. Stops handing out jobs once `signal` aborts.
 */
export async function runJobs(
  jobs: readonly Job[],
  executors: readonly Executor[],
  handlers: {
    record(r: RunRecord, worker: number): void;
    progress(worker: number, text: string): void;
    failed(f: JobFailure, worker: number): void;
  },
  signal?: AbortSignal,
): Promise<JobFailure[]> {
  let next = 0;
  const failures: JobFailure[] = [];
  const loop = async (ex: Executor, w: number) => {
    while (next < jobs.length && !signal?.aborted) {
      const job = jobs[next++];
      try {
        await ex.run(job, {
          record: (r) => handlers.record(r, w),
          progress: (t) => handlers.progress(w, t),
        });
      } catch (e) {
        if (signal?.aborted) return;
        const f = { job, message: e instanceof Error ? (e.stack ?? e.message) : String(e) };
        failures.push(f);
        handlers.failed(f, w);
      }
    }
  };
  await Promise.all(executors.map((ex, w) => loop(ex, w)));
  return failures;
}
