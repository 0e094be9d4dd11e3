import { describe, expect, it } from 'vitest';
import { outOfTimeSplit } from './outOfTimeSplit';

/** 1000 rows, 50 positives (rows 0, 20, 40, ...), periods 1..5 in blocks of 200. */
const y = new Uint8Array(1000);
for (let i = 0; i < 1000; i += 20) y[i] = 1;
const period = Float64Array.from({ length: 1000 }, (_, i) => 1 + Math.floor(i / 200));
const data = { y, period };

describe('outOfTimeSplit', () => {
  it('takes train periods and a later test period, other rows in neither', () => {
    const { train, test } = outOfTimeSplit(data, { train: [1, 2], test: 4 });
    expect(train.length).toBe(400);
    expect(test.length).toBe(200);
    expect(train.every((i) => period[i] <= 2)).toBe(true);
    expect(test.every((i) => period[i] === 4)).toBe(true);
  });

  it('gives clear errors', () => {
    expect(() => outOfTimeSplit({ y }, { train: 1, test: 2 })).toThrow(/data: has no period/);
    expect(() => outOfTimeSplit(data, { train: 1, test: 9 })).toThrow(
      /test: period 9 does not occur.*1, 2, 3, 4, 5/,
    );
    expect(() => outOfTimeSplit(data, { train: 0, test: 2 })).toThrow(
      /train: period 0 does not occur/,
    );
    expect(() => outOfTimeSplit(data, { train: 3, test: 2 })).toThrow(
      /test: period 2 is not after/,
    );
    expect(() => outOfTimeSplit(data, { train: [], test: 2 })).toThrow(/train: /);
  });
});
