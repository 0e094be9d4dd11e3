const LITTLE_ENDIAN = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;
const SMALL = 256;

/**
 * Index sort of finite scores, highest first: returns a permutation `order` with
 * `scores[order[0]] >= scores[order[1]] >= ...`. Equal scores keep their input order
 * (stable); `-0` and `0` count as equal.
 *
 * Large inputs use an LSD radix sort on the IEEE-754 bit pattern (four 16-bit passes,
 * O(n)); small inputs use a comparison sort.
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
  const counts = new Uint32Array(4 * 65536);
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
    counts[l & 0xffff]++;
    counts[65536 + (l >>> 16)]++;
    counts[131072 + (h & 0xffff)]++;
    counts[196608 + (h >>> 16)]++;
  }
  let src = order;
  let dst = new Uint32Array(n);
  for (let pass = 0; pass < 4; pass++) {
    const base = pass * 65536;
    const key = pass < 2 ? lo : hi;
    const shift = pass % 2 === 0 ? 0 : 16;
    // A pass where every key has the same digit changes nothing: skip it.
    const firstDigit = (key[0] >>> shift) & 0xffff;
    if (counts[base + firstDigit] === n) continue;
    let sum = 0;
    for (let d = 0; d < 65536; d++) {
      const c = counts[base + d];
      counts[base + d] = sum;
      sum += c;
    }
    for (let i = 0; i < n; i++) {
      const idx = src[i];
      const d = (key[idx] >>> shift) & 0xffff;
      dst[counts[base + d]++] = idx;
    }
    const t = src;
    src = dst;
    dst = t;
  }
  return src;
}
