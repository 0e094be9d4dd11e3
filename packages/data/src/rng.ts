/**
 * A small, fast, seedable pseudo-random number generator shared by every adaar package.
 *
 * Algorithm: xoshiro128** (Blackman & Vigna, 2018), 128-bit state, period 2^128 - 1,
 * seeded through splitmix32 so any 32-bit integer seed gives a well-mixed state.
 * Stream splitting uses the generator's official `jump` polynomial (2^64 steps), so
 * streams handed to workers never overlap in practice.
 *
 * @example
 * ```ts
 * const rng = new Rng(42);
 * rng.float();      // uniform in [0, 1)
 * rng.int(10);      // uniform integer in [0, 10)
 * rng.normal();     // standard normal
 * const child = rng.split(); // independent stream, e.g. for a worker
 * ```
 */
export class Rng {
  private s0 = 0;
  private s1 = 0;
  private s2 = 0;
  private s3 = 0;
  // The second value of each polar pair; kept as a plain double (no boxing) plus a flag.
  private spare = 0;
  private hasSpare = false;

  /**
   * @param seed - any finite number; it is truncated to a 32-bit integer.
   * @throws TypeError when `seed` is not a finite number.
   */
  constructor(seed: number) {
    if (typeof seed !== 'number' || !Number.isFinite(seed)) {
      throw new TypeError(`seed: expected a finite number, got ${String(seed)}`);
    }
    let x = seed >>> 0;
    const next = (): number => {
      x = (x + 0x9e3779b9) >>> 0;
      return fmix32(x) | 0;
    };
    this.s0 = next();
    this.s1 = next();
    this.s2 = next();
    this.s3 = next();
    if ((this.s0 | this.s1 | this.s2 | this.s3) === 0) this.s0 = 1;
  }

  /** Creates a generator from an explicit 128-bit state (four uint32 words, not all zero). */
  static fromState(state: readonly [number, number, number, number]): Rng {
    const r = new Rng(0);
    [r.s0, r.s1, r.s2, r.s3] = state.map((v) => v | 0) as [number, number, number, number];
    if ((r.s0 | r.s1 | r.s2 | r.s3) === 0) throw new RangeError('state: must not be all zero');
    return r;
  }

  /** The current 128-bit state, for checkpointing. */
  state(): [number, number, number, number] {
    return [this.s0 >>> 0, this.s1 >>> 0, this.s2 >>> 0, this.s3 >>> 0];
  }

  /** Next raw output: a uniform unsigned 32-bit integer. */
  nextUint32(): number {
    // State words are kept as int32 (V8 small integers); only the output is made unsigned.
    const s1 = this.s1;
    const result = Math.imul(rotl(Math.imul(s1, 5), 7), 9) >>> 0;
    const t = s1 << 9;
    const s2 = this.s2 ^ this.s0;
    const s3 = this.s3 ^ s1;
    this.s1 = s1 ^ s2;
    this.s0 = this.s0 ^ s3;
    this.s2 = s2 ^ t;
    this.s3 = rotl(s3, 11);
    return result;
  }

  /** Uniform double in [0, 1) with 53 random bits. */
  float(): number {
    const hi = this.nextUint32() >>> 5; // 27 bits
    const lo = this.nextUint32() >>> 6; // 26 bits
    return (hi * 67108864 + lo) / 9007199254740992;
  }

  /** Uniform double in [lo, hi). */
  uniform(lo: number, hi: number): number {
    return lo + (hi - lo) * this.float();
  }

  /**
   * Uniform integer in [0, n), without modulo bias (Lemire's method with rejection).
   * @throws RangeError when n is not an integer in [1, 2^32].
   */
  int(n: number): number {
    if (!Number.isInteger(n) || n < 1 || n > 4294967296) {
      throw new RangeError(`n: expected an integer in [1, 2^32], got ${n}`);
    }
    if (n === 4294967296) return this.nextUint32();
    const threshold = (4294967296 - n) % n;
    for (;;) {
      const r = this.nextUint32();
      if (r >= threshold) return r % n;
    }
  }

  /** Standard normal draw (Marsaglia polar method; the second value of each pair is cached). */
  normal(): number {
    if (this.hasSpare) {
      this.hasSpare = false;
      return this.spare;
    }
    let u = 0;
    let v = 0;
    let s = 0;
    do {
      u = 2 * this.float() - 1;
      v = 2 * this.float() - 1;
      s = u * u + v * v;
    } while (s >= 1 || s === 0);
    const m = Math.sqrt((-2 * Math.log(s)) / s);
    this.spare = v * m;
    this.hasSpare = true;
    return u * m;
  }

  /** Fills `out` with standard normal draws and returns it. */
  fillNormal<T extends Float32Array | Float64Array>(out: T, mean = 0, std = 1): T {
    for (let i = 0; i < out.length; i++) out[i] = mean + std * this.normal();
    return out;
  }

  /** Fills `out` with uniform draws in [lo, hi) and returns it. */
  fillUniform<T extends Float32Array | Float64Array>(out: T, lo = 0, hi = 1): T {
    for (let i = 0; i < out.length; i++) out[i] = lo + (hi - lo) * this.float();
    return out;
  }

  /** Shuffles `arr` in place (Fisher-Yates) and returns it. */
  shuffle<T extends { length: number; [i: number]: unknown }>(arr: T): T {
    for (let i = arr.length - 1; i > 0; i--) {
      const j = this.int(i + 1);
      const tmp = arr[i];
      arr[i] = arr[j];
      arr[j] = tmp;
    }
    return arr;
  }

  /** A uniformly random permutation of 0..n-1. */
  permutation(n: number): Uint32Array {
    const p = new Uint32Array(n);
    for (let i = 0; i < n; i++) p[i] = i;
    return this.shuffle(p);
  }

  /**
   * Returns an independent generator: a copy of this one's state, after which this
   * generator jumps 2^64 steps ahead. Calling `split()` k times yields k non-overlapping
   * streams (one per worker, say).
   */
  split(): Rng {
    const child = Rng.fromState(this.state());
    this.jump();
    return child;
  }

  /**
   * Derives a child generator from this one's current state and a label (e.g. a run index or
   * a month), without advancing this one. Each of the child's four state words is a
   * murmur3-finalised hash of one parent word and of the label (both 32-bit halves), so
   * nearby labels give unrelated streams; the first outputs are discarded for diffusion.
   *
   * @param label - a non-negative integer below 2^53.
   * @throws RangeError when `label` is not such an integer.
   */
  fork(label: number): Rng {
    if (!Number.isInteger(label) || label < 0 || label > Number.MAX_SAFE_INTEGER) {
      throw new RangeError(`label: expected a non-negative integer below 2^53, got ${label}`);
    }
    const lo = label >>> 0;
    const hi = Math.floor(label / 4294967296) >>> 0;
    const parent = this.state();
    const words: [number, number, number, number] = [0, 0, 0, 0];
    let h = fmix32(fmix32(lo ^ 0x9e3779b9) ^ Math.imul(hi + 0x7f4a7c15, 0x85ebca6b));
    for (let w = 0; w < 4; w++) {
      h = fmix32((h + Math.imul(w + 1, 0x9e3779b9)) >>> 0);
      words[w] =
        fmix32((parent[w] ^ h) >>> 0) ^ fmix32(Math.imul(parent[(w + 1) & 3], 0xcc9e2d51) ^ h);
    }
    if ((words[0] | words[1] | words[2] | words[3]) === 0) words[0] = 1;
    const child = Rng.fromState(words);
    for (let k = 0; k < 8; k++) child.nextUint32();
    return child;
  }

  /** Advances the state by 2^64 steps (xoshiro128** jump polynomial). */
  jump(): void {
    const JUMP = [0x8764000b, 0xf542d2d3, 0x6fa035c3, 0x77f2db5b];
    let t0 = 0;
    let t1 = 0;
    let t2 = 0;
    let t3 = 0;
    for (const word of JUMP) {
      for (let b = 0; b < 32; b++) {
        if ((word >>> b) & 1) {
          t0 ^= this.s0;
          t1 ^= this.s1;
          t2 ^= this.s2;
          t3 ^= this.s3;
        }
        this.nextUint32();
      }
    }
    this.s0 = t0;
    this.s1 = t1;
    this.s2 = t2;
    this.s3 = t3;
    this.hasSpare = false;
  }
}

/** murmur3's 32-bit finaliser: a bijective avalanche mix. */
function fmix32(h: number): number {
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

/** 32-bit rotate left, as an int32. */
function rotl(x: number, k: number): number {
  return (x << k) | (x >>> (32 - k));
}

/** Anything accepted where a seed or a generator is expected. */
export type SeedLike = number | Rng;

/** Returns `seed` itself when it is an {@link Rng}, else a new generator seeded with it. */
export function toRng(seed: SeedLike = 0): Rng {
  return seed instanceof Rng ? seed : new Rng(seed);
}
