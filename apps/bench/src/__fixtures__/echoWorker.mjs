// A stand-in bench worker for executor tests: same message protocol as worker.ts, no training.
// Each K of a job becomes a record whose metrics carry the worker's thread id; method "boom" fails.
import { parentPort, threadId, workerData } from 'node:worker_threads';

parentPort.postMessage({
  type: 'ready',
  backend: { name: `echo-${workerData.tag}`, native: false },
});
parentPort.on('message', ({ job }) => {
  if (job.method === 'boom') {
    parentPort.postMessage({ type: 'error', message: `boom in job ${job.index}` });
    return;
  }
  parentPort.postMessage({ type: 'progress', text: `job ${job.index}` });
  for (const k of job.ks) {
    parentPort.postMessage({
      type: 'record',
      record: {
        key: `${job.index}|${k}`,
        method: job.method,
        seed: job.seed,
        k,
        metrics: { thread: threadId },
      },
    });
  }
  parentPort.postMessage({ type: 'done' });
});
