import type { CategoricalGroup, Rng } from '@adaar/data';

/**
 * SMOTE-NC's treatment of one-hot categorical groups, adapted from imbalanced-learn's
 * `SMOTENC` (0.10) to data whose categoricals are already one-hot encoded.
 *
 * - Distance: the continuous columns (those in no group) as they are, and every one-hot
 *   column multiplied by `m / 2`, where `m` is the median over continuous columns of the
 *   high-risk rows' standard deviation (population, ddof 0). Two rows whose categories differ
 *   in one group are therefore `2 (m/2)^2 = m^2 / 2` apart in squared distance on that group,
 *   exactly as imbalanced-learn's encoding (it replaces the one-hot 1s by `m / 2`). Without
 *   continuous columns the scale is 1.
 * - Values: each group of a synthetic row takes the category most frequent among the k
 *   nearest high-risk neighbours of its base row (ties broken uniformly at random, as
 *   imbalanced-learn), copied from a neighbour that has it; an all-zero group (no category)
 *   counts as a category of its own.
 *
 * @internal
 */
export interface CategoricalPlan {
  readonly groups: readonly CategoricalGroup[];
  /** Column indices in no group. */
  readonly continuous: Int32Array;
  /** Median standard deviation of the continuous columns over the high-risk rows (m). */
  readonly medianStd: number;
  /** Factor applied to one-hot columns for the distance (m / 2, or 1 without continuous columns). */
  readonly scale: number;
  /** Per high-risk row and group: position of the active column in the group, or -1 for none. */
  readonly codes: Int32Array;
}

/** Builds the plan from the high-risk rows (row-major `nPos x d`). @internal */
export function categoricalPlan(
  minority: Float64Array,
  nPos: number,
  d: number,
  groups: readonly CategoricalGroup[],
): CategoricalPlan {
  const inGroup = new Uint8Array(d);
  for (const g of groups) for (const c of g.columns) inGroup[c] = 1;
  const cont: number[] = [];
  for (let c = 0; c < d; c++) if (!inGroup[c]) cont.push(c);
  const stds = cont.map((c) => {
    let mean = 0;
    for (let i = 0; i < nPos; i++) mean += minority[i * d + c];
    mean /= nPos;
    let v = 0;
    for (let i = 0; i < nPos; i++) v += (minority[i * d + c] - mean) ** 2;
    return Math.sqrt(v / nPos);
  });
  stds.sort((a, b) => a - b);
  const h = stds.length >> 1;
  const medianStd =
    stds.length === 0 ? Number.NaN : stds.length % 2 ? stds[h] : (stds[h - 1] + stds[h]) / 2;
  const codes = new Int32Array(nPos * groups.length);
  for (let i = 0; i < nPos; i++) {
    groups.forEach((g, gi) => {
      let best = -1;
      let bestV = 0;
      g.columns.forEach((c, pos) => {
        const v = minority[i * d + c];
        if (v > bestV) {
          bestV = v;
          best = pos;
        }
      });
      codes[i * groups.length + gi] = best;
    });
  }
  return {
    groups,
    continuous: Int32Array.from(cont),
    medianStd,
    scale: cont.length === 0 ? 1 : medianStd / 2,
    codes,
  };
}

/** A copy of the high-risk rows with one-hot columns scaled for the distance. @internal */
export function distanceMatrix(
  minority: Float64Array,
  nPos: number,
  d: number,
  plan: CategoricalPlan,
): Float64Array {
  const out = minority.slice();
  for (const g of plan.groups) {
    for (const c of g.columns) {
      for (let i = 0; i < nPos; i++) out[i * d + c] *= plan.scale;
    }
  }
  return out;
}

/**
 * Writes each group of a synthetic row (`row`, a view of `d` values) by majority vote over
 * the base row's neighbours `nn[base*k .. base*k+k-1]`. @internal
 */
export function voteCategories(
  plan: CategoricalPlan,
  minority: Float64Array,
  d: number,
  nn: Int32Array,
  k: number,
  base: number,
  rng: Rng,
  row: Float64Array,
): void {
  const G = plan.groups.length;
  for (let gi = 0; gi < G; gi++) {
    const cols = plan.groups[gi].columns;
    // counts[0] is "no category", counts[pos + 1] category pos
    const counts = new Int32Array(cols.length + 1);
    let max = 0;
    for (let t = 0; t < k; t++) {
      const c = plan.codes[nn[base * k + t] * G + gi] + 1;
      counts[c]++;
      if (counts[c] > max) max = counts[c];
    }
    let nTied = 0;
    for (let c = 0; c < counts.length; c++) if (counts[c] === max) nTied++;
    let pick = nTied === 1 ? 0 : rng.int(nTied);
    let chosen = 0;
    for (let c = 0; c < counts.length; c++) {
      if (counts[c] === max && pick-- === 0) {
        chosen = c;
        break;
      }
    }
    for (const c of cols) row[c] = 0;
    if (chosen === 0) continue;
    // copy the group's values from the nearest neighbour that has the chosen category
    for (let t = 0; t < k; t++) {
      const j = nn[base * k + t];
      if (plan.codes[j * G + gi] + 1 === chosen) {
        for (const c of cols) row[c] = minority[j * d + c];
        break;
      }
    }
  }
}
