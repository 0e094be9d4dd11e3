import { writeFileSync } from 'node:fs';
import { Rng } from '@adaar/data';

/**
 * Writes a small credit-like CSV for end-to-end tests: `n` rows, numeric `income`, `debt`,
 * `age` (some missing), `utilization`, categorical `housing`, an id column, and a label `bad`
 * (1 = high-risk, about 5 %) that depends on the features. A `month` column (1..4) allows an
 * out-of-time split.
 */
export function writeCreditCsv(path: string, n = 1500, seed = 7): void {
  const rng = new Rng(seed);
  const housing = ['own', 'rent', 'family'];
  const lines = ['id,month,income,debt,age,utilization,housing,bad'];
  for (let i = 0; i < n; i++) {
    const income = Math.exp(10 + 0.5 * rng.normal());
    const debt = Math.max(0, 0.4 + 0.25 * rng.normal());
    const age = 20 + Math.floor(45 * rng.float());
    const util = Math.min(1, Math.max(0, 0.3 + 0.25 * rng.normal()));
    const h = rng.int(3);
    const logit =
      -3.6 +
      ((2.2 * (debt - 0.4)) / 0.25) * 0.5 +
      ((1.5 * (util - 0.3)) / 0.25) * 0.5 -
      (0.6 * (Math.log(income) - 10)) / 0.5 +
      (h === 1 ? 0.5 : 0);
    const bad = rng.float() < 1 / (1 + Math.exp(-logit)) ? 1 : 0;
    const ageField = rng.float() < 0.05 ? '' : String(age);
    lines.push(
      `${i},${1 + (i % 4)},${income.toFixed(2)},${debt.toFixed(4)},${ageField},${util.toFixed(4)},${housing[h]},${bad}`,
    );
  }
  writeFileSync(path, `${lines.join('\n')}\n`);
}
