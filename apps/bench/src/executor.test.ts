import { describe, expect, it } from 'vitest';
import { runJobs } from './executor';
import { buildJobs } from './grid';
import type { RunRecord } from './runRecord';
import { WorkerExecutor } from './workerExecutor';

const script = new URL('./__fixtures__/echoWorker.mjs', import.meta.url);

describe('runJobs on worker threads', () => {
  it('spreads jobs over the workers, keeps every record, reports a failing job and goes on', async () => {
    const jobs = buildJobs({
      dataset: 'd',
      splits: ['A'],
      methods: ['ns', 'ros', 'boom', 'smote'],
      seeds: [0, 1, 2],
      ks: [1, 2],
    });
    const executors = [
      new WorkerExecutor(script, { tag: 'a' }),
      new WorkerExecutor(script, { tag: 'b' }),
    ];
    const backends = await Promise.all(executors.map((e) => e.start()));
    expect(backends.map((b) => b.name)).toEqual(['echo-a', 'echo-b']);
    const records: RunRecord[] = [];
    const byWorker = new Set<number>();
    const progress: string[] = [];
    const failedIn: number[] = [];
    try {
      const failures = await runJobs(jobs, executors, {
        record: (r, w) => {
          records.push(r);
          byWorker.add(w);
        },
        progress: (_w, t) => progress.push(t),
        failed: (f) => failedIn.push(f.job.index),
      });
      // Two workers run concurrently, so failures arrive in completion order, not job order.
      expect(failures.map((f) => f.message).sort()).toEqual([
        'boom in job 10',
        'boom in job 2',
        'boom in job 6',
      ]);
      expect([...failedIn].sort((a, b) => a - b)).toEqual([2, 6, 10]);
    } finally {
      await Promise.all(executors.map((e) => e.close()));
    }
    // 3 seeds x (NS at K=0 + ROS and SMOTE at K=1,2) = 15 records, each once.
    expect(records).toHaveLength(15);
    expect(new Set(records.map((r) => r.key)).size).toBe(15);
    expect(byWorker).toEqual(new Set([0, 1]));
    expect(new Set(records.map((r) => r.metrics.thread)).size).toBe(2);
    expect(progress).toHaveLength(9);
  });

  it('rejects start when the worker script fails to load', async () => {
    const bad = new WorkerExecutor(new URL('./__fixtures__/missing.mjs', import.meta.url), {});
    await expect(bad.start()).rejects.toThrow();
    await bad.close();
  });
});
