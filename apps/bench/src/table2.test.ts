import { describe, expect, it } from 'vitest';
import { buildTable2, formatCell, table2Csv, table2Markdown } from './table2';
import { fakeRecord } from './testRecords';

// Hand-computed: mean and sample std (n - 1) of three seeds.
//   NS    AUC 0.80 0.82 0.84 -> 0.8200 ± 0.0200   R@P 0.3 0.3 0.3 -> 0.3000 ± 0.0000
//   ROS   AUC 0.81 0.83 0.85 -> 0.8300 ± 0.0200   R@P 0.2 0.4 0.3 -> 0.3000 ± 0.1000
//   ADAAR AUC 0.79 0.80 0.81 -> 0.8000 ± 0.0100   R@P 0.1 0.2 0.5 -> 0.2667 ± 0.2082
//   (ADAAR R@P: deviations -1/6, -1/15, 7/30; sum of squares 0.08667; /2 -> sqrt 0.20817)
const data: Record<string, [number[], number[]]> = {
  ns: [
    [0.8, 0.82, 0.84],
    [0.3, 0.3, 0.3],
  ],
  ros: [
    [0.81, 0.83, 0.85],
    [0.2, 0.4, 0.3],
  ],
  adaar: [
    [0.79, 0.8, 0.81],
    [0.1, 0.2, 0.5],
  ],
};
const records = Object.entries(data).flatMap(([method, [auc, rap]]) =>
  auc.map((a, seed) =>
    fakeRecord({ split: 'M7/M9', method, seed, metrics: { auc: a, 'rap@0.1': rap[seed] } }),
  ),
);
// A K = 4 run must not leak into the K = 1 table.
records.push(
  fakeRecord({
    split: 'M7/M9',
    method: 'ros',
    seed: 0,
    k: 4,
    metrics: { auc: 0.99, 'rap@0.1': 0.99 },
  }),
);

const table = buildTable2(records, {
  splits: ['M7/M9', 'M9/M11'],
  methods: ['adaar', 'ns', 'ros'],
  metrics: ['auc', 'rap@0.1'],
  k: 1,
});

describe('buildTable2', () => {
  it('orders rows by group and the paper order, columns by split then metric', () => {
    expect(table.rows.map((r) => `${r.group}/${r.label}`)).toEqual([
      'Baselines/NS',
      'Baselines/ROS',
      'Ours/ADAAR',
    ]);
    expect(table.columns.map((c) => c.label)).toEqual([
      'M7/M9 AUC',
      'M7/M9 R@P0.1',
      'M9/M11 AUC',
      'M9/M11 R@P0.1',
    ]);
  });
  it('mean ± sample std to 4 decimals against hand-computed values', () => {
    expect(table.rows.map((r) => formatCell(r.cells[0]))).toEqual([
      '0.8200 ± 0.0200',
      '0.8300 ± 0.0200',
      '0.8000 ± 0.0100',
    ]);
    expect(table.rows.map((r) => formatCell(r.cells[1]))).toEqual([
      '0.3000 ± 0.0000',
      '0.3000 ± 0.1000',
      '0.2667 ± 0.2082',
    ]);
    expect(table.rows[0].cells[0]?.n).toBe(3);
    expect(formatCell(table.rows[0].cells[2])).toBe('–');
  });
  it('bolds the best mean per column; ties at 4 decimals are all bold', () => {
    expect(table.rows.map((r) => r.best)).toEqual([
      [false, true, false, false],
      [true, true, false, false],
      [false, false, false, false],
    ]);
  });
  it('one seed: std shown as n/a', () => {
    const t = buildTable2(
      [fakeRecord({ split: 'A', method: 'ns', seed: 0, metrics: { auc: 0.75 } })],
      {
        splits: ['A'],
        methods: ['ns'],
        metrics: ['auc'],
        k: 1,
      },
    );
    expect(formatCell(t.rows[0].cells[0])).toBe('0.7500 ± n/a');
  });
});

describe('table2Markdown / table2Csv', () => {
  it('renders the paper layout with groups named once and bold best cells', () => {
    const md = table2Markdown(table);
    expect(md).toBe(
      [
        '| Group | Method | M7/M9 AUC | M7/M9 R@P0.1 | M9/M11 AUC | M9/M11 R@P0.1 |',
        '|---|---|---:|---:|---:|---:|',
        '| Baselines | NS | 0.8200 ± 0.0200 | **0.3000 ± 0.0000** | – | – |',
        '|  | ROS | **0.8300 ± 0.0200** | **0.3000 ± 0.1000** | – | – |',
        '| Ours | ADAAR | 0.8000 ± 0.0100 | 0.2667 ± 0.2082 | – | – |',
        '',
      ].join('\n'),
    );
  });
  it('CSV: mean, std, n, best per column at full precision', () => {
    const lines = table2Csv(table).trim().split('\n');
    expect(lines[0].split(',').slice(0, 7)).toEqual([
      'group',
      'method',
      'k',
      'M7/M9 AUC mean',
      'M7/M9 AUC std',
      'M7/M9 AUC n',
      'M7/M9 AUC best',
    ]);
    const ros = lines[2].split(',');
    expect(ros.slice(0, 3)).toEqual(['Baselines', 'ROS', '1']);
    expect(Number(ros[3])).toBeCloseTo(0.83, 12);
    expect(Number(ros[4])).toBeCloseTo(0.02, 12);
    expect(ros.slice(5, 7)).toEqual(['3', '1']);
    expect(lines[1].split(',')[2]).toBe('0');
  });
});
