import { AdaarInputError, type Dataset, toRng } from '@adaar/data';
import {
  type FitOptions,
  type FittedSampler,
  registerSampler,
  type Sampler,
  validateTrainingSet,
} from '@adaar/samplers';

/** A third-party sampler: copies of random high-risk rows plus Gaussian noise of sd `scale`. */
export class JitterSampler implements Sampler {
  readonly name = 'jitter';
  constructor(private readonly scale = 0.1) {}

  fit(train: Dataset, opts: FitOptions = {}): FittedSampler {
    const { positiveIndices: rows } = validateTrainingSet(train); // throws AdaarInputError
    const d = train.nCols;
    const X = train.X.slice(); // keep a copy: the caller may reuse its array
    const own = toRng(opts.seed);
    const scale = this.scale;
    return {
      name: this.name,
      nCols: d,
      sample(n, sampleOpts = {}) {
        if (!Number.isInteger(n) || n < 0) throw new AdaarInputError('n', `got ${n}`);
        const rng = sampleOpts.seed === undefined ? own : toRng(sampleOpts.seed);
        const out = new Float64Array(n * d);
        for (let s = 0; s < n; s++) {
          const i = rows[rng.int(rows.length)];
          for (let f = 0; f < d; f++) out[s * d + f] = X[i * d + f] + scale * rng.normal();
        }
        return out;
      },
    };
  }
}

registerSampler('jitter', (o?: { scale?: number }) => new JitterSampler(o?.scale));
