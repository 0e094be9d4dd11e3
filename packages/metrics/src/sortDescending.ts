const LITTLE_ENDIAN = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;
const SMALL = 64;

/**
 * Index sort of finite scores, highest first: returns a permutation `order` with
 * `scores[order[0]] >= scores[order[1]] >= ...`. Equal scores keep their input order
 * (stable); `-0` and `0` count as equal.
 *
 * Uses an LSD radix sort on the IEEE-754 bit pattern (O(n): four 16-bit passes for large
 * inputs, eight 8-bit passes below 65,536 rows, passes with a single digit skipped); tiny
 * inputs use a comparison sort.
 */
export function sortDescending(scores: Float64Array): Uint32Array {
  const n = scores.length;
  const order = new Uint32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  if (n < SMALL) {
    order.sort((a, b) => scores[b] - scores[a] || a - b);
    return order;
  }
  // Map each double to a 64-bit key (hi, lo) whose unsigned order is the DESCENDING
  // order of the doubles: flip every bit of non-negatives except the sign; keep negatives.
  const bits = new Uint32Array(scores.buffer, scores.byteOffset, 2 * n);
  const hiOff = LITTLE_ENDIAN ? 1 : 0;
  const loOff = 1 - hiOff;
  const hi = new Uint32Array(n);
  const lo = new Uint32Array(n);
  // 16-bit digits (4 passes) pay off for large n; 8-bit digits (8 passes) keep the
  // histograms small for smaller inputs such as bootstrap resamples.
  const digitBits = n >= 1 << 16 ? 16 : 8;
  const radix = 1 << digitBits;
  const mask = radix - 1;
  const passes = 64 / digitBits;
  const perWord = 32 / digitBits;
  const counts = new Uint32Array(passes * radix);
  for (let i = 0; i < n; i++) {
    let h = bits[2 * i + hiOff];
    let l = bits[2 * i + loOff];
    if (h === 0x80000000 && l === 0) h = 0; // -0 sorts as 0
    if ((h & 0x80000000) === 0) {
      h = (h ^ 0x7fffffff) >>> 0;
      l = ~l >>> 0;
    }
    hi[i] = h;
    lo[i] = l;
    for (let p = 0; p < perWord; p++) {
      counts[p * radix + ((l >>> (p * digitBits)) & mask)]++;
      counts[(p + perWord) * radix + ((h >>> (p * digitBits)) & mask)]++;
    }
  }
  let src = order;
  let dst = new Uint32Array(n);
  for (let pass = 0; pass < passes; pass++) {
    const base = pass * radix;
    const key = pass < perWord ? lo : hi;
    const shift = (pass % perWord) * digitBits;
    // A pass where every key has the same digit changes nothing: skip it.
    if (counts[base + ((key[0] >>> shift) & mask)] === n) continue;
    let sum = 0;
    for (let d = 0; d < radix; d++) {
      const c = counts[base + d];
      counts[base + d] = sum;
      sum += c;
    }
    for (let i = 0; i < n; i++) {
      const idx = src[i];
      dst[counts[base + ((key[idx] >>> shift) & mask)]++] = idx;
    }
    const t = src;
    src = dst;
    dst = t;
  }
  return src;
}
