import { Rng } from '@adaar/data';

/** FNV-1a 32-bit hash of a string (a stable label for deriving seeds). */
export function hashLabel(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

/**
 * A 32-bit seed derived from a repetition seed and a label (e.g. `fit:adaar`,
 * `sample:adaar:4`), so every random choice of a run depends only on the user's seed and
 * what the choice is for, never on run order or on which worker ran it.
 */
export function deriveSeed(seed: number, label: string): number {
  return new Rng(seed).fork(hashLabel(label)).nextUint32();
}
