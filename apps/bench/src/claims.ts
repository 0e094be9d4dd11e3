import { wilcoxonSignedRank } from '@adaar/metrics';
import { methodInfo } from './methods';
import type { RunRecord } from './runRecord';
import { metricLabel, seedValues } from './table2';

/** A paired comparison of method `a` against method `b` over the seeds both have. */
export interface Comparison {
  readonly a: string;
  readonly b: string;
  readonly split: string;
  readonly metric: string;
  /** Number of seeds with both values. */
  readonly n: number;
  readonly meanA: number;
  readonly meanB: number;
  /** Mean of a - b over the paired seeds. */
  readonly meanDiff: number;
  /** Seeds where a > b, a < b. */
  readonly wins: number;
  readonly losses: number;
  /** Wilcoxon signed-rank p-value, one-sided for "a > b". NaN when n = 0 or every difference is 0. */
  readonly pGreater: number;
  /** One-sided p-value for "a < b". */
  readonly pLess: number;
  /** Two-sided Wilcoxon signed-rank p-value. */
  readonly pTwoSided: number;
}

/** How a claim fared on this data. */
export type Verdict =
  | 'supported'
  | 'direction holds, not significant'
  | 'not supported'
  | 'contradicted'
  | 'not testable';

/** One of the paper's claims, tested on one split and metric. */
export interface ClaimResult {
  readonly claim: string;
  readonly split: string;
  readonly metric: string;
  readonly verdict: Verdict;
  /** One sentence saying what was found, with the numbers. */
  readonly finding: string;
  readonly comparisons: readonly Comparison[];
}

/** Pairs seed values of methods a and b and runs the Wilcoxon signed-rank test (a - b). */
export function compare(
  records: readonly RunRecord[],
  q: { a: string; b: string; split: string; metric: string; k: number | 'balance' },
): Comparison {
  const va = seedValues(records, { split: q.split, method: q.a, k: q.k, metric: q.metric });
  const vb = seedValues(records, { split: q.split, method: q.b, k: q.k, metric: q.metric });
  const xa: number[] = [];
  const xb: number[] = [];
  for (const [seed, v] of va) {
    const w = vb.get(seed);
    if (w !== undefined) {
      xa.push(v);
      xb.push(w);
    }
  }
  const n = xa.length;
  const mean = (x: number[]) => x.reduce((s, v) => s + v, 0) / x.length;
  let wins = 0;
  let losses = 0;
  for (let i = 0; i < n; i++) {
    if (xa[i] > xb[i]) wins++;
    else if (xa[i] < xb[i]) losses++;
  }
  let pGreater = Number.NaN;
  let pLess = Number.NaN;
  let pTwoSided = Number.NaN;
  if (wins + losses > 0) {
    pGreater = wilcoxonSignedRank(xa, xb, { alternative: 'greater' }).pValue;
    pLess = wilcoxonSignedRank(xa, xb, { alternative: 'less' }).pValue;
    pTwoSided = wilcoxonSignedRank(xa, xb, { alternative: 'two-sided' }).pValue;
  }
  return {
    a: q.a,
    b: q.b,
    split: q.split,
    metric: q.metric,
    n,
    meanA: n ? mean(xa) : Number.NaN,
    meanB: n ? mean(xb) : Number.NaN,
    meanDiff: n ? mean(xa) - mean(xb) : Number.NaN,
    wins,
    losses,
    pGreater,
    pLess,
    pTwoSided,
  };
}

function fmtP(p: number): string {
  if (Number.isNaN(p)) return 'n/a';
  return p < 0.001 ? '< 0.001' : p.toFixed(3);
}

/**
 * Verdict of a claim "a > b for every listed pair": supported when every pair has a > b on
 * average with one-sided p < alpha; direction holds but not significant when every mean
 * difference is positive but some p >= alpha; contradicted when some pair is significantly
 * the other way (one-sided p < alpha for a < b); not supported otherwise.
 */
export function verdictOf(comps: readonly Comparison[], alpha: number): Verdict {
  if (comps.length === 0 || comps.some((c) => c.n === 0)) return 'not testable';
  const reversed = comps.filter((c) => !(c.meanDiff > 0));
  if (reversed.length > 0) {
    return reversed.some((c) => c.pLess < alpha) ? 'contradicted' : 'not supported';
  }
  return comps.every((c) => c.pGreater < alpha) ? 'supported' : 'direction holds, not significant';
}

function labelOf(m: string, labels: Readonly<Record<string, string>>): string {
  return methodInfo(m, labels).label;
}

function describe(
  comps: readonly Comparison[],
  verdict: Verdict,
  alpha: number,
  labels: Readonly<Record<string, string>>,
): string {
  const l = (m: string) => labelOf(m, labels);
  const d = (c: Comparison) =>
    `${l(c.a)} ${c.meanA.toFixed(4)} vs ${l(c.b)} ${c.meanB.toFixed(4)}, ` +
    `${c.wins}/${c.n} seeds higher, p(>) = ${fmtP(c.pGreater)}`;
  if (verdict === 'not testable') {
    return 'Not testable: a method of this claim has no finished runs with paired seeds.';
  }
  const reversed = comps.filter((c) => !(c.meanDiff > 0));
  if (reversed.length > 0) {
    const r = (c: Comparison) =>
      `${l(c.b)} ${Math.abs(c.meanDiff) < 5e-5 ? 'is as high as (to 4 decimals)' : 'is higher than'} ${l(c.a)} ` +
      `(${l(c.b)} ${c.meanB.toFixed(4)} vs ${l(c.a)} ${c.meanA.toFixed(4)}; ${l(c.b)} higher in ` +
      `${c.losses}/${c.n} seeds, one-sided p = ${fmtP(c.pLess)})`;
    return `Not as claimed: ${reversed.map(r).join('; ')}.`;
  }
  const weak = comps.filter((c) => !(c.pGreater < alpha));
  if (weak.length === 0) {
    return `As claimed, each difference significant at ${alpha} (one-sided): ${comps.map(d).join('; ')}.`;
  }
  return (
    `Higher on average in every pair, but not significantly (alpha ${alpha}, one-sided) against ` +
    `${weak.map((c) => `${l(c.b)} (${d(c)})`).join('; ')}.`
  );
}

/**
 * Tests the paper's three claims on the finished runs, per split:
 * 1. ADAAR is best on each metric (paired against every other method);
 * 2. every ablation is worse than full ADAAR, on each metric;
 * 3. the GAN methods (BAGAN, GLGAN, ADAAR) beat SMOTE and ADASYN on R@P at `mainRap`.
 * Paired Wilcoxon signed-rank tests over seeds, one-sided in the claimed direction, no
 * correction for multiple comparisons (stated in the report).
 */
export function paperClaims(
  records: readonly RunRecord[],
  o: {
    splits: readonly string[];
    methods: readonly string[];
    metrics: readonly string[];
    mainRap: string;
    k: number | 'balance';
    alpha?: number;
    userLabels?: Readonly<Record<string, string>>;
  },
): ClaimResult[] {
  const alpha = o.alpha ?? 0.05;
  const labels = o.userLabels ?? {};
  const has = (m: string) => o.methods.includes(m);
  const out: ClaimResult[] = [];
  const run = (claim: string, split: string, metric: string, pairs: [string, string][]) => {
    const comps = pairs.map(([a, b]) => compare(records, { a, b, split, metric, k: o.k }));
    const verdict = pairs.length === 0 ? 'not testable' : verdictOf(comps, alpha);
    out.push({
      claim,
      split,
      metric,
      verdict,
      finding:
        pairs.length === 0
          ? 'Not testable: the methods of this claim were not run.'
          : describe(comps, verdict, alpha, labels),
      comparisons: comps,
    });
  };
  const ablations = ['adaar-no-ae', 'adaar-no-d1', 'adaar-no-d2'].filter(has);
  const gans = ['bagan', 'glgan', 'adaar'].filter(has);
  const classic = ['smote', 'adasyn'].filter(has);
  for (const split of o.splits) {
    for (const metric of o.metrics) {
      const others = has('adaar') ? o.methods.filter((m) => m !== 'adaar') : [];
      run(
        `ADAAR is the best method on ${metricLabel(metric)}`,
        split,
        metric,
        others.map((m) => ['adaar', m]),
      );
    }
    for (const metric of o.metrics) {
      run(
        `Every ablation is worse than full ADAAR on ${metricLabel(metric)}`,
        split,
        metric,
        has('adaar') ? ablations.map((m) => ['adaar', m]) : [],
      );
    }
    const pairs: [string, string][] = [];
    for (const g of gans) for (const c of classic) pairs.push([g, c]);
    run(`GAN methods beat SMOTE/ADASYN on ${metricLabel(o.mainRap)}`, split, o.mainRap, pairs);
  }
  return out;
}
