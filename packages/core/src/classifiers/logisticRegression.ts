import { AdaarInputError, type Dataset, NotFittedError } from '@adaar/data';
import { readManifest, saveModelDir } from '../io/modelDir';
import {
  type Classifier,
  type ClassifierFitOptions,
  checkTraining,
  featuresOf,
  sigmoid,
} from './classifier';

/** Hyper-parameters of {@link LogisticRegression} (scikit-learn's names and defaults). */
export interface LogisticRegressionOptions {
  /** Inverse L2 strength: minimises `0.5 |w|^2 + C * sum_i s_i logloss_i`; default 1. */
  readonly C?: number;
  /** Fit an (unpenalised) intercept, default true. */
  readonly fitIntercept?: boolean;
  /** Maximum Newton iterations, default 100. */
  readonly maxIter?: number;
  /** Stop when the largest gradient component is below `tol`, default 1e-10 (relative to C*n). */
  readonly tol?: number;
}

/**
 * L2-regularised logistic regression fitted by Newton's method (IRLS with a Cholesky solve
 * and step halving) in float64 JavaScript: deterministic, no tfjs, converges in a handful of
 * iterations to the same optimum as scikit-learn's `LogisticRegression(C=...)`.
 *
 * @example
 * ```ts
 * const lr = new LogisticRegression({ C: 1 });
 * await lr.fit(train);
 * const p = await lr.predictProba(test);
 * ```
 */
export class LogisticRegression implements Classifier {
  readonly options: Readonly<Required<LogisticRegressionOptions>>;
  private w: Float64Array | null = null;
  private b = 0;
  private iters = 0;

  /** @throws AdaarInputError for a non-positive C, maxIter or tol. */
  constructor(opts: LogisticRegressionOptions = {}) {
    this.options = {
      C: opts.C ?? 1,
      fitIntercept: opts.fitIntercept ?? true,
      maxIter: opts.maxIter ?? 100,
      tol: opts.tol ?? 1e-10,
    };
    if (!(this.options.C > 0))
      throw new AdaarInputError('C', `expected > 0, got ${this.options.C}`);
    if (!Number.isInteger(this.options.maxIter) || this.options.maxIter < 1) {
      throw new AdaarInputError(
        'maxIter',
        `expected a positive integer, got ${this.options.maxIter}`,
      );
    }
    if (!(this.options.tol > 0))
      throw new AdaarInputError('tol', `expected > 0, got ${this.options.tol}`);
  }

  /** Coefficients (one per column). @throws NotFittedError before fit. */
  get coef(): Float64Array {
    if (!this.w) throw new NotFittedError('LogisticRegression');
    return this.w;
  }

  /** Intercept (0 when `fitIntercept` is false). */
  get intercept(): number {
    return this.b;
  }

  /** Newton iterations used by the last fit. */
  get iterations(): number {
    return this.iters;
  }

  /**
   * Fits the coefficients (the seed and validation set are not needed: the fit is exact).
   * @throws AdaarInputError for an empty or one-class train set, non-finite values or bad weights.
   */
  async fit(train: Dataset, opts: ClassifierFitOptions = {}): Promise<void> {
    checkTraining(train, opts.sampleWeight);
    const { C, fitIntercept, maxIter, tol } = this.options;
    const n = train.nRows;
    const d = train.nCols;
    const p = d + (fitIntercept ? 1 : 0);
    const X = train.X;
    const y = train.y;
    const s = opts.sampleWeight;
    const theta = new Float64Array(p);
    const z = new Float64Array(n);
    const margins = (t: Float64Array) => {
      for (let i = 0; i < n; i++) {
        let v = fitIntercept ? t[d] : 0;
        const o = i * d;
        for (let j = 0; j < d; j++) v += X[o + j] * t[j];
        z[i] = v;
      }
    };
    const objective = (t: Float64Array) => {
      margins(t);
      let f = 0;
      for (let j = 0; j < d; j++) f += 0.5 * t[j] * t[j];
      let ll = 0;
      for (let i = 0; i < n; i++) {
        const zi = z[i];
        // log(1 + e^z) - y z, stable
        const sp = zi > 0 ? zi + Math.log1p(Math.exp(-zi)) : Math.log1p(Math.exp(zi));
        ll += (s ? s[i] : 1) * (sp - y[i] * zi);
      }
      return f + C * ll;
    };
    let fCur = objective(theta);
    const g = new Float64Array(p);
    const H = new Float64Array(p * p);
    const step = new Float64Array(p);
    const trial = new Float64Array(p);
    const row = new Float64Array(p);
    let it = 0;
    for (; it < maxIter; it++) {
      opts.signal?.throwIfAborted();
      // z holds the margins of theta (objective() was evaluated last at theta)
      g.fill(0);
      H.fill(0);
      for (let i = 0; i < n; i++) {
        const pi = sigmoid(z[i]);
        const wi = s ? s[i] : 1;
        const r = C * wi * (pi - y[i]);
        const h = C * wi * pi * (1 - pi);
        const o = i * d;
        for (let j = 0; j < d; j++) row[j] = X[o + j];
        if (fitIntercept) row[d] = 1;
        for (let a = 0; a < p; a++) {
          const ra = row[a];
          g[a] += r * ra;
          const hr = h * ra;
          const base = a * p;
          for (let c = 0; c <= a; c++) H[base + c] += hr * row[c];
        }
      }
      for (let j = 0; j < d; j++) {
        g[j] += theta[j];
        H[j * p + j] += 1;
      }
      let gmax = 0;
      for (let a = 0; a < p; a++) gmax = Math.max(gmax, Math.abs(g[a]));
      if (gmax <= tol * C * Math.max(1, n)) break;
      choleskySolve(H, g, p, step);
      let t = 1;
      let fNew = Number.POSITIVE_INFINITY;
      for (let k = 0; k < 40; k++) {
        for (let a = 0; a < p; a++) trial[a] = theta[a] - t * step[a];
        fNew = objective(trial);
        if (fNew <= fCur) break;
        t *= 0.5;
      }
      if (!(fNew <= fCur)) {
        objective(theta);
        break;
      }
      theta.set(trial);
      const gain = fCur - fNew;
      fCur = fNew;
      opts.onProgress?.({
        phase: 'logistic-regression',
        step: it + 1,
        total: maxIter,
        losses: { loss: fCur },
      });
      if (gain <= 1e-16 * Math.max(1, Math.abs(fCur))) {
        it++;
        break;
      }
    }
    this.iters = it;
    this.w = theta.slice(0, d);
    this.b = fitIntercept ? theta[d] : 0;
  }

  /**
   * P(class 1) = sigmoid(x . coef + intercept) for every row.
   * @throws NotFittedError before fit; AdaarInputError for a column mismatch or a non-finite value.
   */
  async predictProba(X: Dataset | Float64Array): Promise<Float64Array> {
    const w = this.coef;
    const d = w.length;
    const data = featuresOf(X, d);
    const n = data.length / d;
    const out = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      let v = this.b;
      for (let j = 0; j < d; j++) v += data[i * d + j] * w[j];
      out[i] = sigmoid(v);
    }
    return out;
  }

  /** Saves coefficients and options to `dir` (manifest only; no networks). */
  async save(dir: string, opts: { preprocessing?: unknown } = {}): Promise<void> {
    await saveModelDir(dir, {
      kind: 'logistic-regression',
      config: this.options,
      preprocessing: opts.preprocessing ?? null,
      state: { coef: Array.from(this.coef), intercept: this.b, iterations: this.iters },
    });
  }

  /** Loads a model saved by {@link LogisticRegression.save}. */
  static async load(
    dir: string,
  ): Promise<{ classifier: LogisticRegression; preprocessing: unknown }> {
    const m = await readManifest(dir);
    if (m.kind !== 'logistic-regression') {
      throw new AdaarInputError('dir', `holds a '${m.kind}' model, expected 'logistic-regression'`);
    }
    const st = m.state as { coef: number[]; intercept: number; iterations?: number };
    const clf = new LogisticRegression(m.config as LogisticRegressionOptions);
    clf.w = Float64Array.from(st.coef);
    clf.b = st.intercept;
    clf.iters = st.iterations ?? 0;
    return { classifier: clf, preprocessing: m.preprocessing };
  }

  /** Nothing to free (no tensors); present for the {@link Classifier} interface. */
  dispose(): void {}
}

/** Solves `H x = g` for symmetric positive-definite H (lower triangle filled), in place into `x`. */
function choleskySolve(H: Float64Array, g: Float64Array, p: number, x: Float64Array): void {
  const L = new Float64Array(p * p);
  for (let i = 0; i < p; i++) {
    for (let j = 0; j <= i; j++) {
      let sum = H[i * p + j];
      for (let k = 0; k < j; k++) sum -= L[i * p + k] * L[j * p + k];
      if (i === j) L[i * p + i] = Math.sqrt(Math.max(sum, 1e-300));
      else L[i * p + j] = sum / L[j * p + j];
    }
  }
  const yv = new Float64Array(p);
  for (let i = 0; i < p; i++) {
    let sum = g[i];
    for (let k = 0; k < i; k++) sum -= L[i * p + k] * yv[k];
    yv[i] = sum / L[i * p + i];
  }
  for (let i = p - 1; i >= 0; i--) {
    let sum = yv[i];
    for (let k = i + 1; k < p; k++) sum -= L[k * p + i] * x[k];
    x[i] = sum / L[i * p + i];
  }
}
