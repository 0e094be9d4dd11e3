import { meanStd } from '@adaar/metrics';
import { type MethodGroup, methodInfo, tableOrder } from './methods';
import type { RunRecord } from './runRecord';

/** Mean and sample standard deviation of one metric over seeds. */
export interface Cell {
  readonly mean: number;
  /** Sample std (n - 1 divisor); NaN with a single seed. */
  readonly std: number;
  readonly n: number;
  /** The per-seed values, keyed by seed. */
  readonly bySeed: ReadonlyMap<number, number>;
}

/** One metric column of Table 2. */
export interface Table2Column {
  readonly split: string;
  /** Key into `RunRecord.metrics` (e.g. `auc`, `rap@0.1`). */
  readonly metric: string;
  readonly label: string;
}

/** One method row. */
export interface Table2Row {
  readonly method: string;
  readonly label: string;
  readonly group: MethodGroup;
  readonly cells: readonly (Cell | undefined)[];
  /** Whether each cell is the best of its column (highest mean at 4 decimals; ties all bold). */
  readonly best: readonly boolean[];
}

/** Table 2: methods x (split, metric), mean ± std over seeds at one K. */
export interface Table2 {
  readonly k: number | 'balance';
  readonly columns: readonly Table2Column[];
  readonly rows: readonly Table2Row[];
}

/** `auc` -> `AUC`, `rap@0.1` -> `R@P0.1`, anything else upper-cased. */
export function metricLabel(metric: string): string {
  if (metric === 'auc') return 'AUC';
  if (metric.startsWith('rap@')) return `R@P${metric.slice(4)}`;
  return metric.toUpperCase();
}

/** Per-seed values of one metric for one (split, method, K). NS is always read at K = 0. */
export function seedValues(
  records: readonly RunRecord[],
  q: { split: string; method: string; k: number | 'balance'; metric: string },
): Map<number, number> {
  const k = q.method === 'ns' ? 0 : q.k;
  const out = new Map<number, number>();
  for (const r of records) {
    if (r.split === q.split && r.method === q.method && r.k === k) {
      const v = r.metrics[q.metric];
      if (typeof v === 'number') out.set(r.seed, v);
    }
  }
  return out;
}

/** Mean ± sample std of per-seed values (undefined when there are none). */
export function cellOf(bySeed: ReadonlyMap<number, number>): Cell | undefined {
  if (bySeed.size === 0) return undefined;
  const values = [...bySeed.values()];
  const { mean, std } = meanStd(values);
  return { mean, std: values.length > 1 ? std : Number.NaN, n: values.length, bySeed };
}

/**
 * Aggregates run records into Table 2.
 * @param opts.metrics - metric keys per split, e.g. `['auc', 'rap@0.1', 'rap@0.07']`
 * @param opts.userLabels - display names of user samplers
 */
export function buildTable2(
  records: readonly RunRecord[],
  opts: {
    splits: readonly string[];
    methods: readonly string[];
    metrics: readonly string[];
    k: number | 'balance';
    userLabels?: Readonly<Record<string, string>>;
  },
): Table2 {
  const columns: Table2Column[] = [];
  for (const split of opts.splits) {
    for (const metric of opts.metrics) {
      columns.push({ split, metric, label: `${split} ${metricLabel(metric)}` });
    }
  }
  const methods = tableOrder(opts.methods);
  const cells = methods.map((method) =>
    columns.map((c) =>
      cellOf(seedValues(records, { split: c.split, method, k: opts.k, metric: c.metric })),
    ),
  );
  const bestText = columns.map((_, j) => {
    let best = Number.NEGATIVE_INFINITY;
    for (const row of cells) if (row[j] && row[j]!.mean > best) best = row[j]!.mean;
    return Number.isFinite(best) ? best.toFixed(4) : undefined;
  });
  const rows = methods.map((method, i) => {
    const info = methodInfo(method, opts.userLabels);
    return {
      method,
      label: info.label,
      group: info.group,
      cells: cells[i],
      best: cells[i].map((c, j) => c !== undefined && c.mean.toFixed(4) === bestText[j]),
    };
  });
  return { k: opts.k, columns, rows };
}

/** `0.8780 ± 0.0009` (4 decimals; `± n/a` with one seed; `–` for a missing cell). */
export function formatCell(c: Cell | undefined): string {
  if (!c) return '–';
  return `${c.mean.toFixed(4)} ± ${Number.isNaN(c.std) ? 'n/a' : c.std.toFixed(4)}`;
}

/** Table 2 as GitHub markdown, in the paper's layout: group, method, then one column per (split, metric). */
export function table2Markdown(t: Table2): string {
  const head = ['Group', 'Method', ...t.columns.map((c) => c.label)];
  const lines = [
    `| ${head.join(' | ')} |`,
    `|${['---', '---', ...t.columns.map(() => '---:')].join('|')}|`,
  ];
  let prevGroup = '';
  for (const row of t.rows) {
    const group = row.group === prevGroup ? '' : row.group;
    prevGroup = row.group;
    const cells = row.cells.map((c, j) => (row.best[j] ? `**${formatCell(c)}**` : formatCell(c)));
    lines.push(`| ${[group, row.label, ...cells].join(' | ')} |`);
  }
  return `${lines.join('\n')}\n`;
}

function csvField(s: string): string {
  return /[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/**
 * Table 2 as CSV: one row per method, columns `group, method, k`, then for each
 * (split, metric) its mean, std and n (full precision), and whether it is the column's best.
 */
export function table2Csv(t: Table2): string {
  const head = ['group', 'method', 'k'];
  for (const c of t.columns) {
    head.push(`${c.label} mean`, `${c.label} std`, `${c.label} n`, `${c.label} best`);
  }
  const lines = [head.map(csvField).join(',')];
  for (const row of t.rows) {
    const f: string[] = [row.group, row.label, row.method === 'ns' ? '0' : String(t.k)];
    row.cells.forEach((c, j) => {
      f.push(
        c ? String(c.mean) : '',
        c && !Number.isNaN(c.std) ? String(c.std) : '',
        c ? String(c.n) : '0',
        row.best[j] ? '1' : '0',
      );
    });
    lines.push(f.map(csvField).join(','));
  }
  return `${lines.join('\n')}\n`;
}
