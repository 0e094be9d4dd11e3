import { type Dataset, Rng } from '@adaar/data';
import { describe, expect, it } from 'vitest';
import { fitResample } from '../fitResample';
import type { FitOptions, FittedSampler, Sampler } from '../sampler';

/** Options of {@link runSamplerConformance}. */
export interface ConformanceOptions {
  /**
   * The training set most checks use. Default {@link conformanceDataset}`()`: 160 rows x 4
   * columns, 24 high-risk, overlapping classes.
   */
  readonly train?: () => Dataset;
  /** Rows asked of each `sample` call. Default 40. */
  readonly n?: number;
  /** Passed to every `fit` besides the seed (keep neural fits small through `makeSampler`'s options). */
  readonly fitOptions?: Omit<FitOptions, 'seed'>;
  /**
   * The fewest high-risk rows the sampler accepts (e.g. `k + 1` for kNN methods). When set,
   * a training set with one fewer must be rejected with an `AdaarInputError` (or, with
   * `clampsBelowMinPositives`, must still give valid output).
   */
  readonly minPositives?: number;
  /** The sampler clamps instead of throwing below `minPositives` (a stated opt-in). */
  readonly clampsBelowMinPositives?: boolean;
  /** Per-test timeout in ms. Default 60000. */
  readonly timeout?: number;
}

/** Anything that builds a fresh sampler, synchronously or not. */
export type MakeSampler = () => Sampler | Promise<Sampler>;

/**
 * The default training set of the conformance suite: `nRows` rows (default 160) of `nCols`
 * (default 4) columns; `positives` (default 24) high-risk rows ~ N(1, 1), the rest ~ N(0, 1),
 * so every high-risk row has low-risk neighbours. Deterministic (seed 20).
 */
export function conformanceDataset(
  opts: { nRows?: number; nCols?: number; positives?: number } = {},
): Dataset {
  const nRows = opts.nRows ?? 160;
  const nCols = opts.nCols ?? 4;
  const positives = opts.positives ?? 24;
  const rng = new Rng(20);
  const X = new Float64Array(nRows * nCols);
  const y = new Uint8Array(nRows);
  // spread the high-risk rows through the table
  const step = nRows / Math.max(1, positives);
  for (let p = 0; p < positives; p++) y[Math.floor(p * step)] = 1;
  for (let i = 0; i < nRows; i++) {
    for (let f = 0; f < nCols; f++) X[i * nCols + f] = rng.normal() + (y[i] === 1 ? 1 : 0);
  }
  return {
    nRows,
    nCols,
    X,
    y,
    featureNames: Array.from({ length: nCols }, (_, j) => `f${j}`),
    period: Float64Array.from({ length: nRows }, (_, i) => 1 + (i % 12)),
  };
}

async function caught(f: () => unknown): Promise<unknown> {
  try {
    await f();
  } catch (e) {
    return e;
  }
  return undefined;
}

function expectInputError(err: unknown, args: readonly string[]): void {
  expect(err, 'expected an AdaarInputError, but nothing was thrown').toBeInstanceOf(Error);
  const e = err as Error & { argument?: string };
  expect(e.name, `expected an AdaarInputError, got ${e.name}: ${e.message}`).toBe(
    'AdaarInputError',
  );
  expect(args, `argument "${e.argument}" (${e.message})`).toContain(e.argument);
  expect(e.message.length).toBeGreaterThan(e.argument?.length ?? 0);
}

function copyOf(ds: Dataset): Dataset {
  return {
    ...ds,
    X: ds.X.slice(),
    y: ds.y.slice(),
    featureNames: [...ds.featureNames],
    ...(ds.period ? { period: ds.period.slice() } : {}),
  };
}

/**
 * Registers a vitest `describe` block that checks a {@link Sampler} against the shared
 * contract. Call it at the top level of a `*.test.ts` file; every sampler of every adaar
 * package (and any third-party one) is expected to pass.
 *
 * Checks: `fit` gives a fitted sampler of the training width; `sample(n)` returns `n`
 * (or `sampleCount(n)`) rows of finite values, `sample(0)` none; `fitResample` appends
 * marked high-risk rows after the unchanged training rows; the input is never mutated;
 * the same seed gives identical output (fit seed and sample seed), a different seed a
 * different output; bad input is rejected with an `AdaarInputError` naming the argument
 * (mismatched lengths, NaN, Inf, labels outside {0, 1}, a single class, no high-risk rows,
 * too few high-risk rows when `minPositives` is given, a bad `n`); a stateful
 * `sampler.sample` throws `NotFittedError` before `fit`; a disposed fitted sampler refuses to
 * sample and can be disposed twice. Sync and async (tfjs) samplers alike: every call is awaited.
 *
 * @param name - label of the describe block (usually the registry name).
 * @param makeSampler - builds a fresh sampler for each check (keep neural ones small).
 *
 * @example
 * ```ts
 * // packages/gans/src/bagan/bagan.conformance.test.ts
 * import { runSamplerConformance } from '@adaar/samplers/testing';
 * import { Bagan } from './bagan';
 *
 * runSamplerConformance('bagan', () => new Bagan({ epochs: 2, batchSize: 32 }), {
 *   n: 16,
 *   timeout: 120_000,
 * });
 * ```
 */
export function runSamplerConformance(
  name: string,
  makeSampler: MakeSampler,
  opts: ConformanceOptions = {},
): void {
  const n = opts.n ?? 40;
  const makeTrain = opts.train ?? (() => conformanceDataset());
  const timeout = opts.timeout ?? 60_000;
  const fitOpts = opts.fitOptions ?? {};

  async function fitted(seed: number, train = makeTrain()): Promise<FittedSampler> {
    const s = await makeSampler();
    return s.fit(train, { ...fitOpts, seed });
  }
  async function draw(f: FittedSampler, count: number, seed?: number): Promise<Float64Array> {
    return f.sample(count, seed === undefined ? {} : { seed });
  }

  describe(`${name}: sampler conformance`, () => {
    it('fit returns a fitted sampler of the training width', { timeout }, async () => {
      const train = makeTrain();
      const s = await makeSampler();
      expect(typeof s.name).toBe('string');
      expect(typeof s.fit).toBe('function');
      const f = await s.fit(train, { ...fitOpts, seed: 1 });
      expect(typeof f.name).toBe('string');
      expect(f.nCols).toBe(train.nCols);
      f.dispose?.();
    });

    it('sample(n) returns n rows (or sampleCount(n)) of finite values', { timeout }, async () => {
      const train = makeTrain();
      const f = await fitted(2, train);
      const rows = await draw(f, n);
      expect(rows).toBeInstanceOf(Float64Array);
      const count = f.sampleCount ? f.sampleCount(n) : n;
      expect(Number.isInteger(count) && count >= 0).toBe(true);
      if (!f.sampleCount) expect(count).toBe(n);
      expect(rows.length).toBe(count * train.nCols);
      for (let i = 0; i < rows.length; i++) {
        if (!Number.isFinite(rows[i])) throw new Error(`non-finite value ${rows[i]} at ${i}`);
      }
      const none = await draw(f, 0);
      expect(none.length).toBe(0);
      f.dispose?.();
    });

    it('fitResample appends marked high-risk rows after the unchanged training rows', {
      timeout,
    }, async () => {
      const train = makeTrain();
      const before = copyOf(train);
      const s = await makeSampler();
      const { dataset, isSynthetic, nSynthetic } = await fitResample(
        s,
        train,
        { n },
        {
          ...fitOpts,
          seed: 3,
        },
      );
      expect(nSynthetic).toBeGreaterThan(0);
      expect(dataset.nRows).toBe(train.nRows + nSynthetic);
      expect(dataset.nCols).toBe(train.nCols);
      expect(dataset.X.length).toBe(dataset.nRows * dataset.nCols);
      expect(dataset.y.length).toBe(dataset.nRows);
      expect(isSynthetic.length).toBe(dataset.nRows);
      expect(Array.from(dataset.X.subarray(0, train.X.length))).toEqual(Array.from(before.X));
      expect(Array.from(dataset.y.subarray(0, train.nRows))).toEqual(Array.from(before.y));
      for (let i = 0; i < dataset.nRows; i++) {
        const synthetic = i >= train.nRows ? 1 : 0;
        expect(isSynthetic[i]).toBe(synthetic);
        if (synthetic) expect(dataset.y[i]).toBe(1);
      }
      expect(dataset.featureNames).toEqual(train.featureNames);
    });

    it('never mutates its input', { timeout }, async () => {
      const train = makeTrain();
      const before = copyOf(train);
      const s = await makeSampler();
      const f = await s.fit(train, { ...fitOpts, seed: 4 });
      await draw(f, n);
      await draw(f, n, 9);
      f.dispose?.();
      await fitResample(await makeSampler(), train, 'balance', { ...fitOpts, seed: 4 });
      expect(Array.from(train.X)).toEqual(Array.from(before.X));
      expect(Array.from(train.y)).toEqual(Array.from(before.y));
      expect(train.nRows).toBe(before.nRows);
      expect(train.nCols).toBe(before.nCols);
      expect(train.featureNames).toEqual(before.featureNames);
      if (before.period) expect(Array.from(train.period ?? [])).toEqual(Array.from(before.period));
    });

    it('the same seed gives identical output', { timeout }, async () => {
      const a = await fitted(5);
      const b = await fitted(5);
      expect(Array.from(await draw(a, n))).toEqual(Array.from(await draw(b, n)));
      expect(Array.from(await draw(a, n, 77))).toEqual(Array.from(await draw(a, n, 77)));
      a.dispose?.();
      b.dispose?.();
    });

    it('a different seed gives different output', { timeout }, async () => {
      const a = await fitted(6);
      const b = await fitted(7);
      expect(Array.from(await draw(a, n))).not.toEqual(Array.from(await draw(b, n)));
      expect(Array.from(await draw(a, n, 1))).not.toEqual(Array.from(await draw(a, n, 2)));
      a.dispose?.();
      b.dispose?.();
    });

    describe('rejects bad input with an AdaarInputError naming the argument', () => {
      const fitErr = async (train: Dataset) =>
        caught(async () => (await makeSampler()).fit(train, { ...fitOpts, seed: 0 }));

      it('X length not nRows x nCols', { timeout }, async () => {
        const t = makeTrain();
        expectInputError(await fitErr({ ...t, X: t.X.subarray(0, t.X.length - 1) }), [
          'train',
          'X',
        ]);
      });
      it('y length not nRows', { timeout }, async () => {
        const t = makeTrain();
        expectInputError(await fitErr({ ...t, y: t.y.subarray(0, t.nRows - 1) }), ['train', 'y']);
      });
      it('NaN in X', { timeout }, async () => {
        const t = makeTrain();
        const X = t.X.slice();
        X[X.length - 2] = Number.NaN;
        expectInputError(await fitErr({ ...t, X }), ['train', 'X']);
      });
      it('Infinity in X', { timeout }, async () => {
        const t = makeTrain();
        const X = t.X.slice();
        X[1] = Number.NEGATIVE_INFINITY;
        expectInputError(await fitErr({ ...t, X }), ['train', 'X']);
      });
      it('a label outside {0, 1}', { timeout }, async () => {
        const t = makeTrain();
        const y = t.y.slice();
        y[0] = 2;
        expectInputError(await fitErr({ ...t, y }), ['train', 'y']);
      });
      it('a single class (all high-risk)', { timeout }, async () => {
        const t = makeTrain();
        expectInputError(await fitErr({ ...t, y: new Uint8Array(t.nRows).fill(1) }), [
          'train',
          'y',
        ]);
      });
      it('no high-risk rows', { timeout }, async () => {
        const t = makeTrain();
        expectInputError(await fitErr({ ...t, y: new Uint8Array(t.nRows) }), ['train', 'y']);
      });
      if (opts.minPositives !== undefined && opts.minPositives > 1) {
        const few = opts.minPositives - 1;
        it(`${few} high-risk rows (fewer than minPositives = ${opts.minPositives})`, {
          timeout,
        }, async () => {
          const t = makeTrain();
          const y = new Uint8Array(t.nRows);
          let kept = 0;
          for (let i = 0; i < t.nRows && kept < few; i++) {
            if (t.y[i] === 1) {
              y[i] = 1;
              kept++;
            }
          }
          const small = { ...t, y };
          if (opts.clampsBelowMinPositives) {
            const s = await makeSampler();
            const f = await s.fit(small, { ...fitOpts, seed: 0 });
            const rows = await draw(f, n);
            expect(rows.length % t.nCols).toBe(0);
            for (const v of rows) expect(Number.isFinite(v)).toBe(true);
            f.dispose?.();
          } else {
            expectInputError(await fitErr(small), ['train', 'k', 'y']);
          }
        });
      }
      it('n not a non-negative integer', { timeout }, async () => {
        const f = await fitted(8);
        expectInputError(await caught(() => f.sample(-1)), ['n']);
        expectInputError(await caught(() => f.sample(1.5)), ['n']);
        f.dispose?.();
      });
    });

    it('sample before fit throws NotFittedError (stateful samplers)', { timeout }, async () => {
      const s = await makeSampler();
      if (typeof s.sample !== 'function') return;
      const err = (await caught(() => s.sample?.(n))) as Error | undefined;
      expect(err?.name).toBe('NotFittedError');
    });

    it('a disposed fitted sampler refuses to sample; dispose twice is safe', {
      timeout,
    }, async () => {
      const f = await fitted(9);
      if (typeof f.dispose !== 'function') return;
      f.dispose();
      f.dispose();
      const err = await caught(() => f.sample(n));
      expect(err).toBeInstanceOf(Error);
    });
  });
}
