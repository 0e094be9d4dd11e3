import { AdaarInputError, type Rng } from '@adaar/data';
import { meanCovariance } from '../linalg/meanCovariance';
import { MultivariateNormal, type MvnFactorization } from '../linalg/multivariateNormal';

const CLASS_NAMES = ['low-risk (0)', 'high-risk (1)'];

/**
 * Checks that each class has enough rows for a non-singular full covariance of `latentDim`
 * dimensions: the covariance of n points has rank at most n - 1, so each class needs
 * n >= latentDim + 1 rows.
 *
 * @param classCounts - rows per class, index = class.
 * @throws AdaarInputError (argument `train`) naming the class, its count, the latent size
 *   and the largest latent size that would work.
 */
export function checkLatentCapacity(classCounts: ArrayLike<number>, latentDim: number): void {
  for (let c = 0; c < classCounts.length; c++) {
    const n = classCounts[c];
    if (n < latentDim + 1) {
      const name = CLASS_NAMES[c] ?? `class ${c}`;
      throw new AdaarInputError(
        'train',
        `has ${n} ${name} rows, but BAGAN's per-class latent covariance with latentDim ` +
          `${latentDim} needs at least latentDim + 1 = ${latentDim + 1} rows per class ` +
          `(fewer rows give a singular covariance); lower latentDim to at most ` +
          `${Math.max(1, n - 1)} (better: well below it) or add rows`,
      );
    }
  }
}

/**
 * Estimates one multivariate normal per class from latent codes: mean and full covariance
 * (N-1 divisor) over ALL rows of the class (methods.md 2.1 item 4).
 *
 * @param Z - row-major codes, `labels.length * dim` values.
 * @param labels - class of each row, 0..nClasses-1.
 * @throws AdaarInputError when a class has fewer than dim + 1 rows (see {@link checkLatentCapacity}).
 */
export function fitClassNormals(
  Z: ArrayLike<number>,
  labels: ArrayLike<number>,
  dim: number,
  nClasses: number,
  method: MvnFactorization = 'eigen',
): MultivariateNormal[] {
  if (Z.length !== labels.length * dim) {
    throw new AdaarInputError('Z', `has ${Z.length} values, expected ${labels.length} x ${dim}`);
  }
  const rows: number[][] = Array.from({ length: nClasses }, () => []);
  for (let i = 0; i < labels.length; i++) {
    const c = labels[i];
    if (!(c >= 0 && c < nClasses)) {
      throw new AdaarInputError('labels', `label ${c} at ${i} is outside 0..${nClasses - 1}`);
    }
    rows[c].push(i);
  }
  checkLatentCapacity(
    rows.map((r) => r.length),
    dim,
  );
  return rows.map((r) => {
    const { mean, cov } = meanCovariance(Z, dim, r);
    return new MultivariateNormal(mean, cov, method);
  });
}

/**
 * Draws one latent vector per label from its class's normal, into `out` (row-major
 * `labels.length * dim`), in label order.
 */
export function drawClassLatents<T extends Float32Array | Float64Array>(
  normals: readonly MultivariateNormal[],
  labels: ArrayLike<number>,
  rng: Rng,
  out: T,
): T {
  const dim = normals[0].dim;
  for (let i = 0; i < labels.length; i++) normals[labels[i]].sampleOne(rng, out, i * dim);
  return out;
}
