/**
 * numpy's float64 `np.sum` of a contiguous 1-D array, bit for bit: pairwise summation with
 * an 8-way unrolled base case of at most 128 values (numpy's `pairwise_sum`), added to the
 * reduction's identity 0. Used where results must equal imbalanced-learn's exactly.
 */
export function numpySum(a: ArrayLike<number>): number {
  return 0 + pairwise(a, 0, a.length);
}

function pairwise(a: ArrayLike<number>, lo: number, n: number): number {
  if (n < 8) {
    let res = 0;
    for (let i = 0; i < n; i++) res += a[lo + i];
    return res;
  }
  if (n <= 128) {
    let r0 = a[lo];
    let r1 = a[lo + 1];
    let r2 = a[lo + 2];
    let r3 = a[lo + 3];
    let r4 = a[lo + 4];
    let r5 = a[lo + 5];
    let r6 = a[lo + 6];
    let r7 = a[lo + 7];
    let i = 8;
    for (; i < n - (n % 8); i += 8) {
      r0 += a[lo + i];
      r1 += a[lo + i + 1];
      r2 += a[lo + i + 2];
      r3 += a[lo + i + 3];
      r4 += a[lo + i + 4];
      r5 += a[lo + i + 5];
      r6 += a[lo + i + 6];
      r7 += a[lo + i + 7];
    }
    let res = r0 + r1 + (r2 + r3) + (r4 + r5 + (r6 + r7));
    for (; i < n; i++) res += a[lo + i];
    return res;
  }
  let n2 = Math.floor(n / 2);
  n2 -= n2 % 8;
  return pairwise(a, lo, n2) + pairwise(a, lo + n2, n - n2);
}

/** numpy's `np.rint`: rounds to the nearest integer, halves to even. */
export function rint(x: number): number {
  const f = Math.floor(x);
  const diff = x - f;
  if (diff < 0.5) return f;
  if (diff > 0.5) return f + 1;
  return f % 2 === 0 ? f : f + 1;
}
