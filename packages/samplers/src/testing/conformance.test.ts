import { readFileSync } from 'node:fs';
import type { Dataset } from '@adaar/data';
import { describe, expect, it } from 'vitest';
import { JitterSampler } from '../../examples/jitterSampler';
import { createSampler, hasSampler } from '../registry';
import type { FitOptions, FittedSampler, SampleOptions, Sampler } from '../sampler';
import { Smote } from '../smote';
import { conformanceDataset, runSamplerConformance } from './index';

// The README's 20-line example sampler passes the suite, registered by its one call.
runSamplerConformance('jitter (README example)', () => new JitterSampler(0.2));

/** A sampler whose fit and sample are asynchronous (as tfjs ones), wrapping SMOTE. */
class AsyncSmote implements Sampler {
  readonly name = 'async-smote';
  async fit(train: Dataset, opts?: FitOptions): Promise<FittedSampler> {
    await new Promise((r) => setTimeout(r, 1));
    const inner = new Smote().fit(train, opts);
    return {
      name: this.name,
      nCols: inner.nCols,
      sample: async (n: number, o?: SampleOptions) => {
        await new Promise((r) => setTimeout(r, 1));
        return inner.sample(n, o);
      },
      dispose: () => inner.dispose(),
    };
  }
}

runSamplerConformance('async-smote', () => new AsyncSmote(), { minPositives: 6, n: 12 });
runSamplerConformance('smote on a custom training set', () => new Smote({ k: 3 }), {
  train: () => conformanceDataset({ nRows: 60, nCols: 7, positives: 10 }),
  minPositives: 4,
});

describe('the README example', () => {
  it('is registered by importing it', () => {
    expect(hasSampler('jitter')).toBe(true);
    expect(createSampler('jitter', { scale: 0.5 })).toBeInstanceOf(JitterSampler);
  });
  it('is the code shown in the README', () => {
    const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
    const code = readFileSync(new URL('../../examples/jitterSampler.ts', import.meta.url), 'utf8');
    expect(readme).toContain(code.trim());
  });
});

describe('conformanceDataset', () => {
  it('has the stated shape and class counts', () => {
    const ds = conformanceDataset({ nRows: 50, nCols: 3, positives: 7 });
    expect(ds.X.length).toBe(150);
    expect(ds.y.reduce((a, b) => a + b, 0)).toBe(7);
  });
});
