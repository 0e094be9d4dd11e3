import { fromCSV } from 'arquero';
import { AdaarInputError } from './errors';
import type { Frame } from './frame';
import { frameFromColumns } from './frameFromColumns';
import { monthIndex } from './monthIndex';
import { readFileBytes } from './readFileBytes';

/** `loan_status` values meaning a bad loan (label 1). */
export const LENDING_CLUB_BAD = [
  'Charged Off',
  'Does not meet the credit policy. Status:Charged Off',
  'Default',
] as const;

/** `loan_status` values meaning a good loan (label 0); every other status is dropped. */
export const LENDING_CLUB_GOOD = [
  'Fully Paid',
  'Does not meet the credit policy. Status:Fully Paid',
] as const;

/**
 * Columns dropped by {@link loadLendingClub}: post-origination columns that leak the outcome,
 * identifiers, free text, constants, and `zip_code` (over 800 levels; `addr_state` is kept).
 */
export const LENDING_CLUB_DROPPED = [
  'loan_status',
  'out_prncp',
  'out_prncp_inv',
  'total_pymnt',
  'total_pymnt_inv',
  'total_rec_prncp',
  'total_rec_int',
  'total_rec_late_fee',
  'recoveries',
  'collection_recovery_fee',
  'last_pymnt_d',
  'last_pymnt_amnt',
  'next_pymnt_d',
  'last_credit_pull_d',
  'pymnt_plan',
  'id',
  'member_id',
  'emp_title',
  'policy_code',
  'application_type',
  'initial_list_status',
  'zip_code',
] as const;

/** Options of {@link loadLendingClub}. */
export interface LoadLendingClubOptions {
  /** Keep only loans that met the credit policy (drop the "Does not meet ..." ones). Default false. */
  readonly policyOnly?: boolean;
}

const parsePercent = (v: unknown): unknown =>
  typeof v === 'string' && v.trim().endsWith('%') ? v.trim().slice(0, -1) : v;

function parseTerm(v: unknown): unknown {
  if (typeof v !== 'string') return v;
  const m = /^\s*(\d+)\s*months?\s*$/.exec(v);
  return m ? m[1] : v;
}

function parseEmpLength(v: unknown): unknown {
  if (typeof v !== 'string') return v;
  const s = v.trim();
  if (s === '' || s === 'n/a') return null;
  if (s.startsWith('<')) return '0';
  const m = /^(\d+)\+?\s*years?$/.exec(s);
  return m ? m[1] : v;
}

/**
 * Loads LendingClub's 2007-2011 loans (LoanStats3a; not redistributable, so you supply the
 * file), ready for out-of-time splits:
 * - label `bad` derived from `loan_status`: 1 for {@link LENDING_CLUB_BAD}, 0 for
 *   {@link LENDING_CLUB_GOOD}; loans with any other (not final) status are dropped. A `bad`
 *   column already in the file is ignored;
 * - leaking and unusable columns dropped ({@link LENDING_CLUB_DROPPED});
 * - period = `issue_d` as a month index (`year * 12 + month - 1`, see {@link monthIndex});
 * - `int_rate`, `revol_util` ("10.65%") -> numbers; `term` (" 36 months") -> 36; `emp_length`
 *   ("< 1 year" -> 0, "10+ years" -> 10, "n/a" -> missing); `earliest_cr_line` (`YYYY-MM`)
 *   -> months between it and `issue_d`.
 *
 * Node only. `path` may be the `.csv` or `.csv.gz`.
 * @throws AdaarInputError naming `path` when the file cannot be read or lacks `loan_status` /
 *   `issue_d`; otherwise as {@link frameFromColumns}.
 */
export async function loadLendingClub(
  path: string,
  options: LoadLendingClubOptions = {},
): Promise<Frame> {
  const bytes = await readFileBytes(path);
  const table = fromCSV(new TextDecoder('utf-8').decode(bytes), { autoType: false });
  const names = table.columnNames();
  for (const required of ['loan_status', 'issue_d']) {
    if (!names.includes(required)) {
      throw new AdaarInputError(
        'path',
        `"${path}" has no "${required}" column: is it LendingClub's LoanStats3a?`,
      );
    }
  }
  const bad = new Set<string>(LENDING_CLUB_BAD);
  const good = new Set<string>(options.policyOnly ? ['Fully Paid'] : LENDING_CLUB_GOOD);
  if (options.policyOnly) bad.delete('Does not meet the credit policy. Status:Charged Off');
  const status = table.array('loan_status') as ArrayLike<string | null>;
  const keep: number[] = [];
  const label: number[] = [];
  for (let i = 0; i < status.length; i++) {
    const s = (status[i] ?? '').trim();
    if (bad.has(s)) label.push(1);
    else if (good.has(s)) label.push(0);
    else continue;
    keep.push(i);
  }
  const dropped = new Set<string>([...LENDING_CLUB_DROPPED, 'bad']);
  const columns: Record<string, unknown[]> = {};
  const issue = table.array('issue_d') as ArrayLike<string | null>;
  for (const name of names) {
    if (dropped.has(name)) continue;
    const raw = table.array(name) as ArrayLike<unknown>;
    const out = new Array<unknown>(keep.length);
    for (let k = 0; k < keep.length; k++) {
      const v = raw[keep[k]];
      if (name === 'int_rate' || name === 'revol_util') out[k] = parsePercent(v);
      else if (name === 'term') out[k] = parseTerm(v);
      else if (name === 'emp_length') out[k] = parseEmpLength(v);
      else if (name === 'earliest_cr_line') {
        const from = typeof v === 'string' ? monthIndex(v, true) : undefined;
        const to = issue[keep[k]] ? monthIndex(issue[keep[k]] as string, true) : undefined;
        out[k] = from === undefined || to === undefined ? null : to - from;
      } else out[k] = v;
    }
    columns[name === 'earliest_cr_line' ? 'credit_history_months' : name] = out;
  }
  columns.bad = label;
  return frameFromColumns(columns, {
    label: 'bad',
    positive: 1,
    negative: 0,
    period: 'issue_d',
    numeric: ['int_rate', 'revol_util', 'term', 'emp_length', 'credit_history_months'],
  });
}
