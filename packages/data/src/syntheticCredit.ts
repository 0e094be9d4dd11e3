import { AdaarInputError } from './errors';
import type { CategoricalColumn, Frame, FrameColumn, NumericColumn } from './frame';
import { Rng } from './rng';

/** Latent risk profiles of the synthetic generator (see the package README). */
export const SYNTHETIC_PROFILES = [
  'ordinary',
  'over-indebted',
  'thin-file',
  'bust-out',
  'income-shock',
] as const;

/** Name of a latent risk profile of {@link syntheticCredit}. */
export type SyntheticProfile = (typeof SYNTHETIC_PROFILES)[number];

/** Options of {@link syntheticCredit}. */
export interface SyntheticCreditOptions {
  /** Seed (32-bit integer). Default 0. The same seed always gives the same rows. */
  readonly seed?: number;
  /**
   * Months (cohorts) to generate, each an integer in 1..12. Default all twelve. A month's
   * rows do not depend on which other months are generated.
   */
  readonly months?: readonly number[];
  /**
   * Users per month. Default: the generator's own volume, 10,000-20,000 and growing over
   * the year. Smaller values are for quick tests.
   */
  readonly usersPerMonth?: number;
  /** Label noise: probability that a true default is recorded as good. Default 0.04. */
  readonly missedDefaultRate?: number;
  /** Label noise: probability that a good user is recorded as a default. Default 0.0015. */
  readonly falseDefaultRate?: number;
}

/** The {@link Frame} made by {@link syntheticCredit}, plus the latent truth behind it. */
export interface SyntheticCreditFrame extends Frame {
  /**
   * Latent risk profile of each row (index into {@link SYNTHETIC_PROFILES}). For analysis
   * only: it is not a feature and must never be given to a model.
   */
  readonly profile: Uint8Array;
  /** Labels before label noise (1 = really defaulted). For analysis only. */
  readonly yClean: Uint8Array;
}

/** A named out-of-time split of the synthetic data: train months -> test month. */
export interface NamedSplit {
  /** Training period(s). */
  readonly train: readonly number[];
  /** Test period(s). */
  readonly test: readonly number[];
}

/** The named splits of the paper's Table 2: `'M7/M9'` (train month 7, test month 9) and `'M9/M11'`. */
export const SYNTHETIC_SPLITS: Readonly<Record<'M7/M9' | 'M9/M11', NamedSplit>> = {
  'M7/M9': { train: [7], test: [9] },
  'M9/M11': { train: [9], test: [11] },
};

/** Name of a split in {@link SYNTHETIC_SPLITS}. */
export type SyntheticSplitName = keyof typeof SYNTHETIC_SPLITS;

const EMPLOYMENT = ['salaried', 'self_employed', 'contract', 'student', 'retired', 'unemployed'];
const HOUSING = ['own', 'mortgage', 'rent', 'family'];
const REGIONS = ['R1', 'R2', 'R3', 'R4', 'R5', 'R6', 'R7', 'R8'];
const CHANNELS = ['app', 'web', 'partner', 'branch'];
const PURPOSES = ['consumption', 'debt_consolidation', 'home', 'education', 'medical', 'business'];
const TERMS = [6, 12, 18, 24, 36];

const NUMERIC_NAMES = [
  'age',
  'monthly_income',
  'loan_amount',
  'loan_term_months',
  'debt_to_income',
  'credit_utilization',
  'credit_history_months',
  'open_accounts',
  'inquiries_6m',
  'delinquencies_24m',
  'savings_balance',
  'monthly_spend',
  'spend_change_ratio',
  'platform_tenure_months',
  'employment_years',
] as const;
type NumericName = (typeof NUMERIC_NAMES)[number];

/** Feature column names of {@link syntheticCredit}, in frame order (numeric, then categorical). */
export const SYNTHETIC_FEATURES: readonly string[] = [
  ...NUMERIC_NAMES,
  'employment_type',
  'housing',
  'region',
  'channel',
  'loan_purpose',
];

// Per-profile weights of the categorical draws (rows: profile; columns: level order above).
const EMPLOYMENT_P = [
  [0.62, 0.12, 0.12, 0.04, 0.07, 0.03],
  [0.6, 0.14, 0.16, 0.02, 0.04, 0.04],
  [0.35, 0.04, 0.28, 0.28, 0, 0.05],
  [0.55, 0.15, 0.15, 0.07, 0.03, 0.05],
  [0.08, 0.72, 0.16, 0, 0, 0.04],
];
const PURPOSE_P = [
  [0.4, 0.18, 0.15, 0.08, 0.07, 0.12],
  [0.3, 0.45, 0.08, 0.03, 0.08, 0.06],
  [0.5, 0.08, 0.02, 0.3, 0.06, 0.04],
  [0.55, 0.1, 0.05, 0.04, 0.04, 0.22],
  [0.2, 0.3, 0.05, 0.02, 0.08, 0.35],
];
const REGION_P = [0.2, 0.16, 0.14, 0.12, 0.11, 0.1, 0.09, 0.08];
const REGION_INCOME = [0.25, 0.15, -0.05, 0.05, -0.1, 0, -0.2, -0.15];
const REGION_RISK = [-0.15, -0.05, 0.1, 0, 0.1, 0, 0.2, 0.15];
const EMPLOYMENT_INCOME = [0, 0.1, -0.15, -0.9, -0.3, -1.0];
const PURPOSE_AMOUNT = [0, 0.2, 0.6, 0.1, -0.2, 0.45];

/** Monthly macro state: the source of drift between cohorts. */
function monthState(m: number) {
  const t = m - 1;
  // A slowly worsening economy with a seasonal bump around the year-end.
  const stress = 0.045 * t + 0.12 * Math.sin((2 * Math.PI * (m - 3)) / 12);
  // A partner-channel promotion from month 10 brings more applicants through partners,
  // and with them more bust-out applicants.
  const promo = m >= 10 ? 1 : 0;
  const partner = 0.12 + 0.01 * t + 0.1 * promo;
  const branch = Math.max(0.04, 0.12 - 0.006 * t);
  const web = 0.3;
  const channelP = [1 - partner - branch - web, web, partner, branch];
  const profileP = [
    0,
    0.06 + 0.002 * t, // over-indebted: grows as the economy tightens
    0.05,
    0.012 + 0.008 * promo, // bust-out
    0.015 + 0.0015 * t, // income-shock
  ];
  profileP[0] = 1 - profileP.slice(1).reduce((a, b) => a + b, 0);
  return {
    stress,
    inflation: 1 + 0.004 * t,
    utilShift: 0.035 * t,
    channelP,
    profileP,
    // A regional downturn in R3 and R7 from month 8 on.
    regionShock: m >= 8 ? [0, 0, 0.45, 0, 0, 0, 0.35, 0] : [0, 0, 0, 0, 0, 0, 0, 0],
  };
}

function cumulative(p: readonly number[]): Float64Array {
  const c = new Float64Array(p.length);
  let s = 0;
  for (let i = 0; i < p.length; i++) {
    s += p[i];
    c[i] = s;
  }
  for (let i = 0; i < c.length; i++) c[i] /= s;
  return c;
}

function pick(rng: Rng, cum: Float64Array): number {
  const u = rng.float();
  for (let i = 0; i < cum.length - 1; i++) if (u < cum[i]) return i;
  return cum.length - 1;
}

function poisson(rng: Rng, lambda: number): number {
  if (lambda > 30) return Math.max(0, Math.round(lambda + Math.sqrt(lambda) * rng.normal()));
  const limit = Math.exp(-lambda);
  let k = 0;
  let p = rng.float();
  while (p > limit) {
    k++;
    p *= rng.float();
  }
  return k;
}

const sigmoid = (x: number): number => 1 / (1 + Math.exp(-x));
const clamp = (x: number, lo: number, hi: number): number => Math.min(hi, Math.max(lo, x));

/** Default number of users in month `m`, before the per-month jitter. */
function baseVolume(m: number): number {
  return 12_000 + 550 * (m - 1);
}

interface MonthBlock {
  n: number;
  num: Record<NumericName, Float64Array>;
  cat: Int32Array[];
  y: Uint8Array;
  yClean: Uint8Array;
  profile: Uint8Array;
}

/** Fills `out` (views onto the final columns) with month `m`'s applicants. */
function generateMonth(
  rng: Rng,
  m: number,
  out: MonthBlock,
  missedDefaultRate: number,
  falseDefaultRate: number,
): void {
  const st = monthState(m);
  const { n, num, cat, y, yClean, profile } = out;
  const profileCum = cumulative(st.profileP);
  const channelCum = cumulative(st.channelP);
  const bustChannelCum = cumulative([0.15, 0.3, 0.55, 0]);
  const employmentCum = EMPLOYMENT_P.map(cumulative);
  const purposeCum = PURPOSE_P.map(cumulative);
  const regionCum = cumulative(REGION_P);
  const NA = Number.NaN;

  for (let i = 0; i < n; i++) {
    const z = pick(rng, profileCum);
    profile[i] = z;
    const over = z === 1 ? 1 : 0;
    const thin = z === 2 ? 1 : 0;
    const bust = z === 3 ? 1 : 0;
    const shock = z === 4 ? 1 : 0;
    // Latent financial fragility: never observed, proxied by many features.
    const s = rng.normal() + 0.8 * over + 0.6 * shock;

    let age: number;
    if (thin) age = 18 + Math.exp(Math.log(5) + 0.55 * rng.normal());
    else if (shock) age = 40 + 9 * rng.normal();
    else age = 40 + 12 * rng.normal();
    age = Math.round(clamp(age, 18, 80));

    let emp = pick(rng, employmentCum[z]);
    if (age >= 63 && rng.float() < 0.6 && !shock) emp = 4;
    if (emp === 4 && age < 55) emp = 0;
    if (emp === 3 && age > 30) emp = 2;

    const region = pick(rng, regionCum);
    const channel = bust ? pick(rng, bustChannelCum) : pick(rng, channelCum);
    const purpose = pick(rng, purposeCum[z]);

    const incomeSd = emp === 1 ? 0.7 : 0.45;
    const logIncome =
      8.0 +
      EMPLOYMENT_INCOME[emp] +
      0.015 * Math.min(age - 18, 30) -
      0.12 * s +
      REGION_INCOME[region] +
      incomeSd * rng.normal() +
      Math.log(st.inflation);
    const income = Math.round(Math.exp(logIncome) / 10) * 10;

    let housing: number;
    const hu = rng.float();
    if (age < 25 || thin) housing = hu < 0.55 ? 3 : hu < 0.92 ? 2 : 0;
    else if (logIncome > 8.3 && age > 32) housing = hu < 0.4 ? 0 : hu < 0.8 ? 1 : 2;
    else housing = hu < 0.25 ? 0 : hu < 0.5 ? 1 : hu < 0.9 ? 2 : 3;

    const logAmount =
      logIncome + 0.9 + 0.5 * rng.normal() + PURPOSE_AMOUNT[purpose] + 0.7 * bust + 0.25 * over;
    const amount = Math.max(500, Math.round(Math.exp(logAmount) / 100) * 100);
    const burden = amount / income;
    const termShift = Math.log(burden) - 1.2 + 0.8 * rng.normal();
    const term = TERMS[clamp(Math.round(1.5 + termShift), 0, 4)];
    const paymentToIncome = amount / term / income;

    const dti = Math.exp(-1.7 + 0.5 * s + 0.7 * over - 0.5 * thin + 0.4 * rng.normal());

    const noFile = rng.float() < (thin ? 0.55 : 0.025);
    const noRevolving = noFile || rng.float() < (thin ? 0.3 : 0.06);
    const util = noRevolving
      ? NA
      : 1.2 *
        sigmoid(-0.9 + 0.95 * s + 1.2 * over + 0.8 * bust + st.utilShift + 0.7 * rng.normal());
    const historyMonths = noFile
      ? NA
      : thin
        ? Math.round(Math.exp(2.2 + 0.6 * rng.normal()))
        : Math.max(1, Math.round((age - 18) * 12 * rng.float() ** 0.6 + 3));
    const openAccounts = noFile
      ? NA
      : poisson(rng, Math.exp(1.1 + 0.15 * s + 0.3 * over - 1.0 * thin + 0.1 * rng.normal()));
    const inquiries = noFile
      ? NA
      : poisson(
          rng,
          Math.exp(-0.2 + 0.45 * s + 0.5 * over + 1.4 * bust + 0.2 * thin + 0.3 * rng.normal()),
        );
    const delinquencies = noFile
      ? NA
      : poisson(rng, Math.exp(-2.4 + 1.0 * s + 1.0 * shock + 0.5 * over));

    const linked = rng.float() < 0.88;
    const savings = !linked
      ? NA
      : rng.float() < sigmoid(-1.2 + 1.1 * s + 0.8 * shock)
        ? 0
        : Math.round(Math.exp(logIncome + 0.3 + 1.1 * rng.normal()));
    const spend = Math.round(Math.exp(logIncome - 1.3 + 0.5 * rng.normal() + 0.6 * bust));
    const spendChange = Math.exp(0.25 * rng.normal() + 0.7 * bust - 0.45 * shock);
    const tenure = bust
      ? Math.exp(Math.log(4) + 0.7 * rng.normal())
      : thin
        ? Math.exp(Math.log(12) + 0.8 * rng.normal())
        : Math.exp(Math.log(30) + 0.9 * rng.normal());
    const employmentYears =
      rng.float() < 0.06
        ? NA
        : emp === 3 || emp === 5
          ? 0
          : Math.round(Math.min(age - 16, Math.exp(Math.log(5) + 0.8 * rng.normal())) * 10) / 10;
    const incomeReported = rng.float() >= (emp === 1 ? 0.1 : bust ? 0.08 : 0.03);

    // Default within 12 months: caused by fragility, the latent profile, the repayment
    // burden, the economy and the region; the features above only proxy most of these.
    const eta =
      -5.95 +
      1.4 * s +
      1.0 * over +
      0.9 * thin +
      2.6 * bust +
      1.3 * shock +
      0.45 * Math.log(paymentToIncome / 0.1) +
      0.35 * st.stress +
      REGION_RISK[region] +
      st.regionShock[region];
    const defaulted = rng.float() < sigmoid(eta) ? 1 : 0;
    yClean[i] = defaulted;
    y[i] = defaulted
      ? rng.float() < missedDefaultRate
        ? 0
        : 1
      : rng.float() < falseDefaultRate
        ? 1
        : 0;

    num.age[i] = age;
    num.monthly_income[i] = incomeReported ? income : NA;
    num.loan_amount[i] = amount;
    num.loan_term_months[i] = term;
    num.debt_to_income[i] = Math.round(dti * 1e4) / 1e4;
    num.credit_utilization[i] = Number.isNaN(util) ? NA : Math.round(util * 1e4) / 1e4;
    num.credit_history_months[i] = historyMonths;
    num.open_accounts[i] = openAccounts;
    num.inquiries_6m[i] = inquiries;
    num.delinquencies_24m[i] = delinquencies;
    num.savings_balance[i] = savings;
    num.monthly_spend[i] = spend;
    num.spend_change_ratio[i] = Math.round(spendChange * 1e4) / 1e4;
    num.platform_tenure_months[i] = Math.max(1, Math.round(Math.min(tenure, 120)));
    num.employment_years[i] = employmentYears;
    cat[0][i] = emp;
    cat[1][i] = housing;
    cat[2][i] = region;
    cat[3][i] = channel;
    cat[4][i] = purpose;
  }
}

/**
 * The embedded default data set: synthetic credit-risk applicants in monthly cohorts 1..12,
 * 10,000-20,000 per month, about 1-3 % high-risk (default within 12 months), with heavy-tailed
 * amounts and ratios, counts, categorical codes, missing values, several distinct risk
 * profiles among defaulters, label noise and drift between months. The README documents every
 * feature and how risk is generated. It models credit users; it is not tuned to any method.
 *
 * Rows are deterministic given `seed` and the month: month `m` always comes from the
 * generator `new Rng(seed).fork(m)`.
 *
 * @returns a {@link SyntheticCreditFrame} with period column `month` and label `default_12m`.
 * @throws AdaarInputError naming `months`, `usersPerMonth`, `seed`, `missedDefaultRate` or
 *   `falseDefaultRate` when out of range.
 */
export function syntheticCredit(options: SyntheticCreditOptions = {}): SyntheticCreditFrame {
  const seed = options.seed ?? 0;
  if (!Number.isInteger(seed))
    throw new AdaarInputError('seed', `expected an integer, got ${seed}`);
  const months = options.months ?? [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12];
  if (months.length === 0) throw new AdaarInputError('months', 'is empty');
  const seen = new Set<number>();
  for (const m of months) {
    if (!Number.isInteger(m) || m < 1 || m > 12) {
      throw new AdaarInputError('months', `expected integers in 1..12, got ${m}`);
    }
    if (seen.has(m)) throw new AdaarInputError('months', `month ${m} is listed twice`);
    seen.add(m);
  }
  const sorted = [...months].sort((a, b) => a - b);
  if (
    options.usersPerMonth !== undefined &&
    (!Number.isInteger(options.usersPerMonth) || options.usersPerMonth < 1)
  ) {
    throw new AdaarInputError(
      'usersPerMonth',
      `expected a positive integer, got ${options.usersPerMonth}`,
    );
  }
  const missed = options.missedDefaultRate ?? 0.04;
  const falseDefault = options.falseDefaultRate ?? 0.0015;
  if (!(missed >= 0 && missed < 1)) {
    throw new AdaarInputError('missedDefaultRate', `expected a value in [0, 1), got ${missed}`);
  }
  if (!(falseDefault >= 0 && falseDefault < 1)) {
    throw new AdaarInputError(
      'falseDefaultRate',
      `expected a value in [0, 1), got ${falseDefault}`,
    );
  }

  const root = new Rng(seed);
  const plan = sorted.map((m) => {
    const rng = root.fork(m);
    const jitter = rng.int(1201) - 600;
    return { m, rng, n: options.usersPerMonth ?? baseVolume(m) + jitter };
  });
  const nRows = plan.reduce((a, b) => a + b.n, 0);
  const period = new Float64Array(nRows);
  const y = new Uint8Array(nRows);
  const yClean = new Uint8Array(nRows);
  const profile = new Uint8Array(nRows);
  const numeric = NUMERIC_NAMES.map(
    (name): NumericColumn => ({
      kind: 'numeric',
      name,
      values: new Float64Array(nRows),
    }),
  );
  const levels = [EMPLOYMENT, HOUSING, REGIONS, CHANNELS, PURPOSES];
  const catNames = ['employment_type', 'housing', 'region', 'channel', 'loan_purpose'];
  const codes = catNames.map(() => new Int32Array(nRows));
  const categorical = catNames.map(
    (name, j): CategoricalColumn => ({
      kind: 'categorical',
      name,
      levels: levels[j],
      codes: codes[j],
    }),
  );
  let offset = 0;
  for (const { m, rng, n } of plan) {
    const end = offset + n;
    period.fill(m, offset, end);
    const num = {} as Record<NumericName, Float64Array>;
    NUMERIC_NAMES.forEach((name, j) => {
      num[name] = numeric[j].values.subarray(offset, end);
    });
    const block: MonthBlock = {
      n,
      num,
      cat: codes.map((c) => c.subarray(offset, end)),
      y: y.subarray(offset, end),
      yClean: yClean.subarray(offset, end),
      profile: profile.subarray(offset, end),
    };
    generateMonth(rng, m, block, missed, falseDefault);
    offset = end;
  }
  const columns: FrameColumn[] = [...numeric, ...categorical];
  return {
    nRows,
    columns,
    y,
    period,
    labelName: 'default_12m',
    periodName: 'month',
    profile,
    yClean,
  };
}
