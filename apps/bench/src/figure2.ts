import { methodInfo, tableOrder } from './methods';
import type { KValue } from './options';
import { type LinePoint, lineChartSpec, renderSvg } from './plots';
import type { RunRecord } from './runRecord';
import { cellOf, metricLabel, seedValues } from './table2';

/** One aggregated point of Figure 2. */
export interface Figure2Row {
  readonly split: string;
  readonly metric: string;
  readonly method: string;
  readonly k: KValue;
  readonly mean: number;
  readonly std: number;
  readonly n: number;
}

/**
 * Aggregates a K sweep: mean and sample std over seeds of each (split, metric, method, K).
 * NS does not depend on K; it is repeated at every K as a flat reference line.
 */
export function figure2Rows(
  records: readonly RunRecord[],
  o: {
    splits: readonly string[];
    methods: readonly string[];
    metrics: readonly string[];
    ks: readonly KValue[];
  },
): Figure2Row[] {
  const rows: Figure2Row[] = [];
  for (const split of o.splits) {
    for (const metric of o.metrics) {
      for (const method of tableOrder(o.methods)) {
        for (const k of o.ks) {
          const c = cellOf(seedValues(records, { split, method, k, metric }));
          if (c) rows.push({ split, metric, method, k, mean: c.mean, std: c.std, n: c.n });
        }
      }
    }
  }
  return rows;
}

/** Figure 2 data as CSV: split, metric, method, K, mean, std, n. */
export function figure2Csv(rows: readonly Figure2Row[]): string {
  const lines = ['split,metric,method,k,mean,std,n'];
  for (const r of rows) {
    const std = Number.isNaN(r.std) ? '' : String(r.std);
    lines.push(`${r.split},${r.metric},${r.method},${r.k},${r.mean},${std},${r.n}`);
  }
  return `${lines.join('\n')}\n`;
}

/**
 * One Figure 2 panel as SVG: a metric against K on one split, one line per method,
 * error bars = ± one sample std over seeds.
 */
export async function figure2Svg(
  rows: readonly Figure2Row[],
  o: { split: string; metric: string; ks: readonly KValue[]; userLabels?: Record<string, string> },
): Promise<string> {
  const mine = rows.filter((r) => r.split === o.split && r.metric === o.metric);
  const label = (m: string) => methodInfo(m, o.userLabels).label;
  const points: LinePoint[] = mine.map((r) => ({
    x: String(r.k),
    y: r.mean,
    series: label(r.method),
    ...(Number.isNaN(r.std) ? {} : { lo: r.mean - r.std, hi: r.mean + r.std }),
  }));
  const methods = [...new Set(mine.map((r) => r.method))];
  return renderSvg(
    lineChartSpec(points, {
      title: `${metricLabel(o.metric)} on ${o.split} with different oversampling rate K`,
      xTitle: 'oversampling rate K',
      yTitle: metricLabel(o.metric),
      xType: 'ordinal',
      xOrder: o.ks.map(String),
      seriesOrder: tableOrder(methods).map(label),
      seriesTitle: 'method',
    }),
  );
}
