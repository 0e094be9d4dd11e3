import { describe, expect, it } from 'vitest';
import { buildJobs, countRuns, type GridSpec } from './grid';

const spec: GridSpec = {
  dataset: 'synthetic',
  splits: ['M7/M9', 'M9/M11'],
  methods: ['ns', 'ros', 'adaar'],
  seeds: [0, 1],
  ks: [1, 4, 'balance'],
};

describe('buildJobs', () => {
  it('one job per (seed, split, method); NS once at K = 0, others at every K', () => {
    const jobs = buildJobs(spec);
    expect(jobs).toHaveLength(2 * 2 * 3);
    expect(jobs[0]).toEqual({
      index: 0,
      dataset: 'synthetic',
      split: 'M7/M9',
      method: 'ns',
      seed: 0,
      ks: [0],
    });
    expect(jobs[1].ks).toEqual([1, 4, 'balance']);
    expect(jobs.map((j) => `${j.seed}${j.split}${j.method}`).slice(0, 4)).toEqual([
      '0M7/M9ns',
      '0M7/M9ros',
      '0M7/M9adaar',
      '0M9/M11ns',
    ]);
    expect(countRuns(spec)).toBe(2 * 2 * (1 + 3 + 3));
    expect(jobs.reduce((n, j) => n + j.ks.length, 0)).toBe(countRuns(spec));
  });
  it('leaves out finished runs and drops finished jobs, keeping grid indices', () => {
    const done = new Set(['synthetic|M7/M9|ns|0|0', 'synthetic|M7/M9|ros|0|4']);
    const jobs = buildJobs(spec, (k) => done.has(k));
    expect(jobs).toHaveLength(11);
    expect(jobs[0]).toMatchObject({ index: 1, method: 'ros', ks: [1, 'balance'] });
  });
});
