import { AdaarInputError, type Dataset, NotFittedError, type Rng, toRng } from '@adaar/data';
import {
  type Classifier,
  type ClassifierFitOptions,
  checkTraining,
  featuresOf,
} from './classifier';

/** How many features each split considers: a rule, a count (integer >= 1) or a fraction in (0, 1). */
export type MaxFeatures = 'sqrt' | 'log2' | 'all' | number;

/** Hyper-parameters of {@link RandomForestClassifier}. */
export interface RandomForestOptions {
  /** Number of trees, default 100. */
  readonly nTrees?: number;
  /** Features drawn (without replacement) at every split, default `'sqrt'` (floor of sqrt(d), at least 1). */
  readonly maxFeatures?: MaxFeatures;
  /** Fewest training draws (bootstrap multiplicity counted) in each leaf, default 5. */
  readonly minSamplesLeaf?: number;
  /** Deepest split level (root = depth 0), default Infinity (grow until leaves are pure or too small). */
  readonly maxDepth?: number;
  /** Candidate thresholds per feature: quantile bins of the training column, 2..256, default 255. */
  readonly maxBins?: number;
  /** Draw each tree's rows with replacement (n draws), default true; false gives every tree all rows. */
  readonly bootstrap?: boolean;
}

interface Tree {
  /** Split feature per node, -1 for a leaf. */
  readonly feature: Int32Array;
  /** Go left when `x[feature] <= threshold`. */
  readonly threshold: Float64Array;
  readonly left: Int32Array;
  readonly right: Int32Array;
  /** Weighted share of class 1 in the node's training draws. */
  readonly value: Float64Array;
}

/** Quantile thresholds of one column (sorted ascending, strictly increasing). */
function binThresholds(sorted: Float64Array, maxBins: number): Float64Array {
  const n = sorted.length;
  const cuts: number[] = [];
  const push = (a: number, b: number) => {
    let t = a + (b - a) / 2;
    if (!(t < b)) t = a;
    if (cuts.length === 0 || t > cuts[cuts.length - 1]) cuts.push(t);
  };
  let distinct = 1;
  for (let i = 1; i < n && distinct <= maxBins; i++) if (sorted[i] !== sorted[i - 1]) distinct++;
  if (distinct <= maxBins) {
    for (let i = 1; i < n; i++) if (sorted[i] !== sorted[i - 1]) push(sorted[i - 1], sorted[i]);
    return Float64Array.from(cuts);
  }
  for (let k = 1; k < maxBins; k++) {
    const pos = Math.floor((k * n) / maxBins);
    const a = sorted[pos - 1];
    let lo = pos;
    let hi = n;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (sorted[mid] > a) hi = mid;
      else lo = mid + 1;
    }
    if (lo < n) push(a, sorted[lo]);
  }
  return Float64Array.from(cuts);
}

/** Number of thresholds strictly below `x` (the bin of `x`). */
function binOf(x: number, t: Float64Array): number {
  let lo = 0;
  let hi = t.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (t[mid] < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function resolveMaxFeatures(m: MaxFeatures, d: number): number {
  if (m === 'sqrt') return Math.max(1, Math.floor(Math.sqrt(d)));
  if (m === 'log2') return Math.max(1, Math.floor(Math.log2(d)));
  if (m === 'all') return d;
  if (m < 1) return Math.max(1, Math.floor(m * d));
  return Math.min(m, d);
}

/**
 * A seeded random forest of CART trees for binary labels (Breiman 2001, scikit-learn's
 * `RandomForestClassifier` semantics) in plain float64 JavaScript, no tfjs:
 * bootstrap rows per tree, a fresh random subset of `maxFeatures` features at every split,
 * Gini impurity, thresholds from up to `maxBins` quantile bins per feature (computed on the
 * training set only), and `predictProba` = mean over trees of the leaf's class-1 share
 * (soft voting), so scores are graded rather than 0/1 votes.
 *
 * `sampleWeight` is honoured as in scikit-learn: each row's weight multiplies its bootstrap
 * count in the Gini impurity and in the leaf shares (the bootstrap itself stays uniform;
 * `minSamplesLeaf` counts draws, not weight). `validation` is not used (no early stopping).
 * Every random choice (bootstrap, feature subsets) comes from the `seed` of `fit`.
 *
 * Written here because the npm package `ml-random-forest` 2.1.0 was measured unusable for
 * this data: its split search is quadratic in the rows (about 40 s for 5 trees on 12,434 x
 * 51), it draws features per tree rather than per split, scores are hard-vote fractions, it
 * has no sample weights, and its default gain threshold leaves 2 %-positive data unsplit.
 *
 * @example
 * ```ts
 * const rf = new RandomForestClassifier({ nTrees: 100 });
 * await rf.fit(train, { seed: 7 });
 * const p = await rf.predictProba(test); // P(high-risk) per row
 * ```
 */
export class RandomForestClassifier implements Classifier {
  readonly options: Readonly<Required<RandomForestOptions>>;
  private trees: Tree[] | null = null;
  private nCols = 0;

  /** @throws AdaarInputError naming the option for a non-positive or non-integer setting. */
  constructor(opts: RandomForestOptions = {}) {
    this.options = {
      nTrees: opts.nTrees ?? 100,
      maxFeatures: opts.maxFeatures ?? 'sqrt',
      minSamplesLeaf: opts.minSamplesLeaf ?? 5,
      maxDepth: opts.maxDepth ?? Number.POSITIVE_INFINITY,
      maxBins: opts.maxBins ?? 255,
      bootstrap: opts.bootstrap ?? true,
    };
    const o = this.options;
    const posInt = (name: string, v: number) => {
      if (!Number.isInteger(v) || v < 1) {
        throw new AdaarInputError(name, `expected a positive integer, got ${v}`);
      }
    };
    posInt('nTrees', o.nTrees);
    posInt('minSamplesLeaf', o.minSamplesLeaf);
    if (o.maxDepth !== Number.POSITIVE_INFINITY) posInt('maxDepth', o.maxDepth);
    if (!Number.isInteger(o.maxBins) || o.maxBins < 2 || o.maxBins > 256) {
      throw new AdaarInputError('maxBins', `expected an integer in [2, 256], got ${o.maxBins}`);
    }
    const m = o.maxFeatures;
    if (typeof m === 'number') {
      if (!(m > 0) || (m >= 1 && !Number.isInteger(m))) {
        throw new AdaarInputError(
          'maxFeatures',
          `expected an integer >= 1, a fraction in (0, 1), 'sqrt', 'log2' or 'all', got ${m}`,
        );
      }
    } else if (m !== 'sqrt' && m !== 'log2' && m !== 'all') {
      throw new AdaarInputError(
        'maxFeatures',
        `expected 'sqrt', 'log2', 'all' or a number, got "${String(m)}"`,
      );
    }
  }

  /** Number of fitted trees (0 before fit). */
  get treeCount(): number {
    return this.trees?.length ?? 0;
  }

  /**
   * Grows `nTrees` trees on `train`. Reports `{ phase: 'random-forest', step, total }` after
   * each tree and checks `signal` between trees.
   * @throws AdaarInputError for an empty or one-class train set, non-finite values or bad weights.
   */
  async fit(train: Dataset, opts: ClassifierFitOptions = {}): Promise<void> {
    checkTraining(train, opts.sampleWeight);
    const { nTrees, maxBins } = this.options;
    const n = train.nRows;
    const d = train.nCols;
    const rng = toRng(opts.seed ?? 0);
    const thresholds: Float64Array[] = [];
    const codes = new Uint8Array(n * d);
    const col = new Float64Array(n);
    for (let j = 0; j < d; j++) {
      for (let i = 0; i < n; i++) col[i] = train.X[i * d + j];
      const t = binThresholds(col.slice().sort(), maxBins);
      thresholds.push(t);
      const o = j * n;
      for (let i = 0; i < n; i++) codes[o + i] = binOf(col[i], t);
    }
    const trees: Tree[] = [];
    for (let t = 0; t < nTrees; t++) {
      opts.signal?.throwIfAborted();
      trees.push(this.growTree(rng.fork(t), codes, thresholds, train, opts.sampleWeight));
      opts.onProgress?.({ phase: 'random-forest', step: t + 1, total: nTrees });
      if ((t & 7) === 7) await new Promise<void>((r) => setImmediate(r));
    }
    opts.signal?.throwIfAborted();
    this.trees = trees;
    this.nCols = d;
  }

  private growTree(
    rng: Rng,
    codes: Uint8Array,
    thresholds: Float64Array[],
    train: Dataset,
    sampleWeight: Float64Array | undefined,
  ): Tree {
    const { maxBins, minSamplesLeaf, maxDepth, bootstrap } = this.options;
    const n = train.nRows;
    const d = train.nCols;
    const y = train.y;
    const mtry = resolveMaxFeatures(this.options.maxFeatures, d);
    const count = new Float64Array(n);
    if (bootstrap) for (let k = 0; k < n; k++) count[rng.int(n)]++;
    else count.fill(1);
    const idxList: number[] = [];
    const w = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      w[i] = count[i] * (sampleWeight ? sampleWeight[i] : 1);
      if (w[i] > 0) idxList.push(i);
    }
    const idx = Uint32Array.from(idxList);
    const feats = new Uint32Array(d);
    for (let j = 0; j < d; j++) feats[j] = j;
    const hw = new Float64Array(maxBins);
    const hp = new Float64Array(maxBins);
    const hc = new Float64Array(maxBins);

    const feature: number[] = [];
    const threshold: number[] = [];
    const left: number[] = [];
    const right: number[] = [];
    const value: number[] = [];
    const stack: Array<[node: number, start: number, end: number, depth: number]> = [];
    const newNode = () => {
      feature.push(-1);
      threshold.push(0);
      left.push(-1);
      right.push(-1);
      value.push(0);
      return feature.length - 1;
    };
    stack.push([newNode(), 0, idx.length, 0]);
    while (stack.length > 0) {
      const [node, start, end, depth] = stack.pop() as [number, number, number, number];
      let W = 0;
      let P = 0;
      let C = 0;
      for (let k = start; k < end; k++) {
        const i = idx[k];
        W += w[i];
        if (y[i] === 1) P += w[i];
        C += count[i];
      }
      value[node] = W > 0 ? P / W : 0;
      if (depth >= maxDepth || C < 2 * minSamplesLeaf || P <= 0 || P >= W) continue;
      const N = W - P;
      const parentScore = (P * P + N * N) / W;
      let bestScore = parentScore + 1e-12 * W;
      let bestFeat = -1;
      let bestBin = -1;
      let anyValid = false;
      for (let f = 0; f < d; f++) {
        if (f >= mtry && anyValid) break;
        const r = f + rng.int(d - f);
        const j = feats[r];
        feats[r] = feats[f];
        feats[f] = j;
        const nb = thresholds[j].length + 1;
        if (nb < 2) continue;
        hw.fill(0, 0, nb);
        hp.fill(0, 0, nb);
        hc.fill(0, 0, nb);
        const o = j * n;
        for (let k = start; k < end; k++) {
          const i = idx[k];
          const b = codes[o + i];
          hw[b] += w[i];
          hc[b] += count[i];
          if (y[i] === 1) hp[b] += w[i];
        }
        let wl = 0;
        let pl = 0;
        let cl = 0;
        for (let b = 0; b < nb - 1; b++) {
          wl += hw[b];
          pl += hp[b];
          cl += hc[b];
          if (cl < minSamplesLeaf) continue;
          if (C - cl < minSamplesLeaf) break;
          const wr = W - wl;
          if (!(wl > 0) || !(wr > 0)) continue;
          anyValid = true;
          const nl = wl - pl;
          const pr = P - pl;
          const nr = wr - pr;
          const score = (pl * pl + nl * nl) / wl + (pr * pr + nr * nr) / wr;
          if (score > bestScore) {
            bestScore = score;
            bestFeat = j;
            bestBin = b;
          }
        }
      }
      if (bestFeat < 0) continue;
      const o = bestFeat * n;
      let lo = start;
      let hi = end - 1;
      while (lo <= hi) {
        if (codes[o + idx[lo]] <= bestBin) lo++;
        else {
          const tmp = idx[lo];
          idx[lo] = idx[hi];
          idx[hi] = tmp;
          hi--;
        }
      }
      feature[node] = bestFeat;
      threshold[node] = thresholds[bestFeat][bestBin];
      const l = newNode();
      const rt = newNode();
      left[node] = l;
      right[node] = rt;
      stack.push([rt, lo, end, depth + 1], [l, start, lo, depth + 1]);
    }
    return {
      feature: Int32Array.from(feature),
      threshold: Float64Array.from(threshold),
      left: Int32Array.from(left),
      right: Int32Array.from(right),
      value: Float64Array.from(value),
    };
  }

  /**
   * P(class 1) per row: the mean over trees of the class-1 share in the leaf the row reaches.
   * @throws NotFittedError before fit; AdaarInputError for a column mismatch or a non-finite value.
   */
  async predictProba(X: Dataset | Float64Array): Promise<Float64Array> {
    const trees = this.trees;
    if (!trees) throw new NotFittedError('RandomForestClassifier');
    const d = this.nCols;
    const data = featuresOf(X, d);
    const n = data.length / d;
    const out = new Float64Array(n);
    for (const t of trees) {
      for (let i = 0; i < n; i++) {
        let node = 0;
        const o = i * d;
        while (t.feature[node] >= 0) {
          node = data[o + t.feature[node]] <= t.threshold[node] ? t.left[node] : t.right[node];
        }
        out[i] += t.value[node];
      }
    }
    for (let i = 0; i < n; i++) out[i] /= trees.length;
    return out;
  }

  /** Drops the fitted trees (plain arrays, no tensors). Safe to call twice. */
  dispose(): void {
    this.trees = null;
  }
}
