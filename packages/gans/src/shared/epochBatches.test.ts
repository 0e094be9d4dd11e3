import { Rng } from '@adaar/data';
import { describe, expect, it } from 'vitest';
import { epochBatches } from './epochBatches';

describe('epochBatches', () => {
  it('drops the last partial batch: 300 rows, B = 128 -> 2 full batches, 256 distinct rows', () => {
    const b = epochBatches(300, 128, new Rng(1));
    expect(b.map((x) => x.length)).toEqual([128, 128]);
    const seen = new Set<number>();
    for (const batch of b) for (const i of batch) seen.add(i);
    expect(seen.size).toBe(256);
    for (const i of seen) expect(i).toBeLessThan(300);
  });

  it('keeps the remainder when dropLast is false', () => {
    expect(epochBatches(300, 128, new Rng(1), false).map((x) => x.length)).toEqual([128, 128, 44]);
  });

  it('yields no batch when there are fewer rows than one batch', () => {
    expect(epochBatches(100, 128, new Rng(1))).toEqual([]);
  });

  it('shuffles differently each epoch and deterministically by seed', () => {
    const r = new Rng(4);
    const e1 = Array.from(epochBatches(256, 128, r)[0]);
    const e2 = Array.from(epochBatches(256, 128, r)[0]);
    expect(e1).not.toEqual(e2);
    expect(Array.from(epochBatches(256, 128, new Rng(4))[0])).toEqual(e1);
  });
});
