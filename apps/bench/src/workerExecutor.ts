import { Worker } from 'node:worker_threads';
import type { Executor, JobEvents } from './executor';
import type { Job } from './grid';
import type { BackendRecord, RunRecord } from './runRecord';

/** Messages a bench worker thread sends to the main thread. */
export type WorkerReply =
  | { readonly type: 'ready'; readonly backend: BackendRecord }
  | { readonly type: 'record'; readonly record: RunRecord }
  | { readonly type: 'progress'; readonly text: string }
  | { readonly type: 'done' }
  | { readonly type: 'error'; readonly message: string };

/** Messages the main thread sends to a worker: one job at a time. */
export interface WorkerRequest {
  readonly type: 'job';
  readonly job: Job;
}

/**
 * Runs jobs in a worker thread (`script`, e.g. dist/worker.js), which sets up its own
 * TensorFlow.js backend and data from `workerData`, then answers each job with its records.
 */
export class WorkerExecutor implements Executor {
  private worker: Worker | undefined;
  private pending:
    | { events: JobEvents; resolve: () => void; reject: (e: Error) => void }
    | undefined;
  private startWait:
    | { resolve: (b: BackendRecord) => void; reject: (e: Error) => void }
    | undefined;
  private closing = false;

  constructor(
    private readonly script: URL | string,
    private readonly workerData: unknown,
  ) {}

  start(): Promise<BackendRecord> {
    return new Promise((resolve, reject) => {
      this.startWait = { resolve, reject };
      const w = new Worker(this.script, { workerData: this.workerData });
      this.worker = w;
      w.on('message', (m: WorkerReply) => this.onMessage(m));
      w.on('error', (e) => this.fail(e));
      w.on('exit', (code) => {
        if (!this.closing) this.fail(new Error(`worker thread exited with code ${code}`));
      });
    });
  }

  private fail(e: Error): void {
    if (this.startWait) {
      this.startWait.reject(e);
      this.startWait = undefined;
    }
    if (this.pending) {
      this.pending.reject(e);
      this.pending = undefined;
    }
  }

  private onMessage(m: WorkerReply): void {
    switch (m.type) {
      case 'ready':
        this.startWait?.resolve(m.backend);
        this.startWait = undefined;
        break;
      case 'record':
        this.pending?.events.record(m.record);
        break;
      case 'progress':
        this.pending?.events.progress(m.text);
        break;
      case 'done': {
        const p = this.pending;
        this.pending = undefined;
        p?.resolve();
        break;
      }
      case 'error': {
        if (this.startWait) {
          this.fail(new Error(m.message));
          break;
        }
        const p = this.pending;
        this.pending = undefined;
        // The worker's text already holds its own stack; the main thread's would add nothing.
        const err = new Error(m.message);
        err.stack = m.message;
        p?.reject(err);
        break;
      }
    }
  }

  run(job: Job, events: JobEvents): Promise<void> {
    const w = this.worker;
    if (!w) return Promise.reject(new Error('worker not started'));
    if (this.pending) return Promise.reject(new Error('worker is busy'));
    return new Promise((resolve, reject) => {
      this.pending = { events, resolve, reject };
      w.postMessage({ type: 'job', job } satisfies WorkerRequest);
    });
  }

  async close(): Promise<void> {
    this.closing = true;
    await this.worker?.terminate();
    this.worker = undefined;
  }
}
