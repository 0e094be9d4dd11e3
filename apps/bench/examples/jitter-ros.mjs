// A complete user sampler for `pnpm bench --sampler-module`: random oversampling with a small
// Gaussian jitter (a "smoothed bootstrap"). Run it beside the built-in methods:
//
//   pnpm bench --sampler-module apps/bench/examples/jitter-ros.mjs --methods ns,ros,jitter-ros
//
// A sampler is an object { name, fit(train, opts) } whose fit returns { name, nCols, sample(n, opts) }.
// `train` is an @adaar/data Dataset: X is a row-major Float64Array (nRows x nCols, already
// imputed and standardised), y a Uint8Array with 1 = high-risk. `sample(n)` returns n new
// high-risk rows as a row-major Float64Array of n * nCols values. Use the seeds you are given,
// so that runs are reproducible.

/** Mulberry32: a tiny seeded PRNG (any seeded generator will do). */
function mulberry32(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function gaussian(rand) {
  const u = 1 - rand();
  const v = rand();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
}

function createJitterRos({ scale = 0.1 } = {}) {
  return {
    name: 'jitter-ros',
    fit(train, opts = {}) {
      const { X, y, nRows, nCols } = train;
      const positives = [];
      for (let i = 0; i < nRows; i++) if (y[i] === 1) positives.push(i);
      if (positives.length === 0) throw new Error('train: no high-risk rows to oversample');
      const fitSeed = typeof opts.seed === 'number' ? opts.seed : 0;
      return {
        name: 'jitter-ros',
        nCols,
        sample(n, sampleOpts = {}) {
          const rand = mulberry32(typeof sampleOpts.seed === 'number' ? sampleOpts.seed : fitSeed);
          const out = new Float64Array(n * nCols);
          for (let r = 0; r < n; r++) {
            const i = positives[Math.floor(rand() * positives.length)];
            for (let j = 0; j < nCols; j++) {
              out[r * nCols + j] = X[i * nCols + j] + scale * gaussian(rand);
            }
          }
          return out;
        },
      };
    },
  };
}

export default {
  name: 'jitter-ros',
  label: 'Jittered ROS',
  create: (options) => createJitterRos(options),
};
