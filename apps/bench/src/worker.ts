import { parentPort, workerData } from 'node:worker_threads';
import type { JobRunner } from './runner';
import { createRunnerContext } from './runnerContext';
import type { ResolvedSetup } from './setup';
import type { WorkerReply, WorkerRequest } from './workerExecutor';

// Entry of a bench worker thread: its own TensorFlow.js backend, samplers and data; one job at a time.
const port = parentPort;
if (!port) throw new Error('worker.js must run in a worker thread');
const post = (m: WorkerReply) => port.postMessage(m);
const errorText = (e: unknown) => (e instanceof Error ? (e.stack ?? e.message) : String(e));

let runner: JobRunner;
try {
  const ctx = await createRunnerContext(workerData as ResolvedSetup);
  runner = ctx.runner;
  post({ type: 'ready', backend: ctx.backend });
} catch (e) {
  post({ type: 'error', message: errorText(e) });
  process.exit(1);
}

port.on('message', async (m: WorkerRequest) => {
  try {
    await runner.run(m.job, {
      record: (record) => post({ type: 'record', record }),
      progress: (text) => post({ type: 'progress', text }),
    });
    post({ type: 'done' });
  } catch (e) {
    post({ type: 'error', message: errorText(e) });
  }
});
