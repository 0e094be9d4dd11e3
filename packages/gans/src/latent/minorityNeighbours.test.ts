import { AdaarInputError } from '@adaar/data';
import { describe, expect, it } from 'vitest';
import { minorityNeighbours } from './minorityNeighbours';

describe('minorityNeighbours', () => {
  it('finds hand-checked neighbours on a line, excluding the point itself', () => {
    // points at 0, 1, 3, 7, 15 on a line (dim 1)
    const t = minorityNeighbours([0, 1, 3, 7, 15], 1, 2);
    expect(t.k).toBe(2);
    expect(Array.from(t.indices)).toEqual([1, 2, 0, 2, 1, 0, 2, 1, 3, 2]);
  });

  it('uses all other points when n <= k', () => {
    const t = minorityNeighbours([0, 0, 1, 0, 0, 2], 2, 5);
    expect(t.k).toBe(2);
    // point 0 (0,0): dists to 1 (1,0) = 1, to 2 (0,2) = 4
    expect(Array.from(t.indices.subarray(0, 2))).toEqual([1, 2]);
    expect(Array.from(t.indices.subarray(4, 6))).toEqual([0, 1]);
  });

  it('excludes self by index even when a duplicate point exists', () => {
    const t = minorityNeighbours([5, 5, 9], 1, 1);
    expect(Array.from(t.indices)).toEqual([1, 0, 0]);
  });

  it('rejects a single point and k < 1', () => {
    expect(() => minorityNeighbours([1, 2], 2)).toThrow(AdaarInputError);
    expect(() => minorityNeighbours([1, 2], 1, 0)).toThrow(/k/);
  });
});
