import { AdaarInputError, type Rng } from '@adaar/data';

/**
 * How BAGAN draws the conditioning classes of generated rows (reference `-d` / `-g` flags):
 * - `'uniform'` (default): every class with probability 1/C;
 * - `'rebalance'`: `p_c ∝ max(0, 2/C − a_c)` with `a_c` the class's share of the training
 *   set; for two classes the shares swap, so the minority is drawn about as often as the
 *   majority occurs.
 */
export type LabelMode = 'uniform' | 'rebalance';

/**
 * Class probabilities of a {@link LabelMode}.
 *
 * @param classShares - empirical share of each class (summing to 1).
 * @throws AdaarInputError on an unknown mode, or when `'rebalance'` leaves no class with a
 *   positive weight.
 */
export function labelDistribution(mode: LabelMode, classShares: ArrayLike<number>): Float64Array {
  const C = classShares.length;
  const p = new Float64Array(C);
  if (mode === 'uniform') {
    p.fill(1 / C);
    return p;
  }
  if (mode !== 'rebalance') {
    throw new AdaarInputError(
      'labelMode',
      `expected 'uniform' or 'rebalance', got ${String(mode)}`,
    );
  }
  let total = 0;
  for (let c = 0; c < C; c++) {
    p[c] = Math.max(0, 2 / C - classShares[c]);
    total += p[c];
  }
  if (!(total > 0)) {
    throw new AdaarInputError('classShares', 'rebalance leaves every class with weight 0');
  }
  for (let c = 0; c < C; c++) p[c] /= total;
  return p;
}

/**
 * Draws `n` class labels from `probs` (inverse CDF of one uniform per label).
 * @param out - optional output buffer of length >= n.
 */
export function sampleLabels(
  probs: ArrayLike<number>,
  n: number,
  rng: Rng,
  out: Int32Array = new Int32Array(n),
): Int32Array {
  const C = probs.length;
  for (let i = 0; i < n; i++) {
    let u = rng.float();
    let c = 0;
    while (c < C - 1 && u >= probs[c]) {
      u -= probs[c];
      c++;
    }
    out[i] = c;
  }
  return out;
}
