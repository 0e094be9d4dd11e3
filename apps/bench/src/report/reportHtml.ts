import type { ClaimResult } from '../claims';
import { methodInfo } from '../methods';
import { formatCell, metricLabel, type Table2 } from '../table2';
import { PAPER_TABLE2 } from './paperTable2';

/** A rendered figure: a title and an inline SVG document. */
export interface ReportFigure {
  readonly title: string;
  readonly svg: string;
  readonly caption?: string;
}

/** Diagnostics of one run (one row of the report's diagnostics table). */
export interface ReportDiagnosticsRow {
  readonly method: string;
  readonly split: string;
  readonly seed: number;
  readonly k: number | 'balance';
  readonly values: Readonly<Record<string, number>>;
}

/** Everything the report shows; built by `buildReport`, rendered by {@link reportHtml}. */
export interface ReportData {
  readonly title: string;
  readonly generatedAt: string;
  /** Key facts: dataset, splits, seeds, K, classifier, backend, time, versions, ... */
  readonly facts: readonly { readonly label: string; readonly value: string }[];
  readonly testPositiveRates: readonly {
    readonly split: string;
    readonly rate: number;
    readonly note?: string;
  }[];
  readonly table: Table2;
  readonly figures: readonly ReportFigure[];
  readonly curves: readonly ReportFigure[];
  /** Mean over seeds per (method, split), then every run. */
  readonly diagnosticsColumns: readonly { readonly key: string; readonly label: string }[];
  readonly diagnostics: readonly ReportDiagnosticsRow[];
  readonly claims: readonly ClaimResult[];
  readonly claimNotes: readonly string[];
  readonly notes: readonly string[];
  readonly userLabels?: Readonly<Record<string, string>>;
}

/** Escapes text for HTML element content and attribute values. */
export function escapeHtml(s: string): string {
  return s
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

const CSS = `
body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:2rem auto;max-width:1200px;padding:0 1rem;color:#222;line-height:1.4}
h1{font-size:1.6rem}h2{font-size:1.25rem;margin-top:2.2rem;border-bottom:1px solid #ddd;padding-bottom:.2rem}
table{border-collapse:collapse;margin:.6rem 0;font-size:.88rem}
th,td{border:1px solid #ccc;padding:.25rem .5rem;text-align:right;white-space:nowrap}
th{background:#f3f3f3}td.l,th.l{text-align:left}
td.best{font-weight:bold;background:#eef7ee}
tr.grp td{border-top:2px solid #888}
.fig{display:inline-block;margin:.5rem 1rem .5rem 0;vertical-align:top}
.fig svg{max-width:100%;height:auto}
.verdict{font-weight:bold;padding:.05rem .35rem;border-radius:3px}
.v-supported{background:#d9f2d9}.v-direction{background:#fff3cd}.v-not{background:#f8d7da}.v-contradicted{background:#f1b0b7}.v-untestable{background:#e2e3e5}
.muted{color:#666;font-size:.85rem}
dl.facts{display:grid;grid-template-columns:max-content auto;gap:.15rem 1rem}dl.facts dt{font-weight:600}dl.facts dd{margin:0}
`;

function verdictClass(v: ClaimResult['verdict']): string {
  switch (v) {
    case 'supported':
      return 'v-supported';
    case 'direction holds, not significant':
      return 'v-direction';
    case 'not supported':
      return 'v-not';
    case 'contradicted':
      return 'v-contradicted';
    default:
      return 'v-untestable';
  }
}

function fmt(v: number | undefined, digits = 3): string {
  if (v === undefined || Number.isNaN(v)) return '–';
  return v.toFixed(digits);
}

function tableHtml(t: Table2): string {
  const splits = [...new Set(t.columns.map((c) => c.split))];
  const perSplit = t.columns.filter((c) => c.split === splits[0]).length;
  const head1 = `<tr><th class="l" rowspan="2">Group</th><th class="l" rowspan="2">Method</th>${splits
    .map((s) => `<th colspan="${perSplit}">${escapeHtml(s)}</th>`)
    .join('')}</tr>`;
  const head2 = `<tr>${t.columns.map((c) => `<th>${escapeHtml(metricLabel(c.metric))}</th>`).join('')}</tr>`;
  let prev = '';
  const body = t.rows
    .map((r) => {
      const first = r.group !== prev;
      prev = r.group;
      const cells = r.cells
        .map((c, j) => `<td${r.best[j] ? ' class="best"' : ''}>${escapeHtml(formatCell(c))}</td>`)
        .join('');
      return `<tr${first ? ' class="grp"' : ''}><td class="l">${first ? escapeHtml(r.group) : ''}</td><td class="l">${escapeHtml(r.label)}</td>${cells}</tr>`;
    })
    .join('\n');
  return `<table id="table2"><thead>${head1}${head2}</thead><tbody>\n${body}\n</tbody></table>`;
}

function figuresHtml(figs: readonly ReportFigure[], cls: string): string {
  return figs
    .map(
      (f) =>
        `<figure class="fig ${cls}"><figcaption>${escapeHtml(f.title)}</figcaption>${f.svg}${
          f.caption ? `<p class="muted">${escapeHtml(f.caption)}</p>` : ''
        }</figure>`,
    )
    .join('\n');
}

function diagnosticsHtml(d: ReportData): string {
  if (d.diagnostics.length === 0) {
    return '<p class="muted">No oversampler runs, so no diagnostics.</p>';
  }
  const cols = d.diagnosticsColumns;
  const label = (m: string) => methodInfo(m, d.userLabels).label;
  const groups = new Map<string, ReportDiagnosticsRow[]>();
  for (const r of d.diagnostics) {
    const key = `${r.method}|${r.split}|${r.k}`;
    groups.set(key, [...(groups.get(key) ?? []), r]);
  }
  const head = `<tr><th class="l">Method</th><th class="l">Split</th><th>K</th><th>runs</th>${cols
    .map((c) => `<th>${escapeHtml(c.label)}</th>`)
    .join('')}</tr>`;
  const meanRows = [...groups.values()]
    .map((rows) => {
      const r0 = rows[0];
      const cells = cols
        .map((c) => {
          const v = rows
            .map((r) => r.values[c.key])
            .filter((x) => typeof x === 'number' && !Number.isNaN(x));
          return `<td>${v.length ? fmt(v.reduce((a, b) => a + b, 0) / v.length) : '–'}</td>`;
        })
        .join('');
      return `<tr><td class="l">${escapeHtml(label(r0.method))}</td><td class="l">${escapeHtml(r0.split)}</td><td>${escapeHtml(String(r0.k))}</td><td>${rows.length}</td>${cells}</tr>`;
    })
    .join('\n');
  const runRows = d.diagnostics
    .map(
      (r) =>
        `<tr><td class="l">${escapeHtml(label(r.method))}</td><td class="l">${escapeHtml(r.split)}</td><td>${escapeHtml(String(r.k))}</td><td>seed ${r.seed}</td>${cols
          .map((c) => `<td>${fmt(r.values[c.key])}</td>`)
          .join('')}</tr>`,
    )
    .join('\n');
  return `<table id="diagnostics"><thead>${head}</thead><tbody>\n${meanRows}\n</tbody></table>
<details><summary>Every run</summary><table id="diagnostics-runs"><thead>${head.replace('<th>runs</th>', '<th>seed</th>')}</thead><tbody>\n${runRows}\n</tbody></table></details>`;
}

function claimsHtml(d: ReportData): string {
  const label = (m: string) => methodInfo(m, d.userLabels).label;
  const rows = d.claims
    .map((c) => {
      const detail = c.comparisons
        .map(
          (x) =>
            `<tr><td class="l">${escapeHtml(label(x.a))} vs ${escapeHtml(label(x.b))}</td><td>${x.n}</td><td>${fmt(x.meanDiff, 4)}</td><td>${x.wins}/${x.n}</td><td>${fmt(x.pGreater)}</td><td>${fmt(x.pTwoSided)}</td></tr>`,
        )
        .join('');
      const sub = c.comparisons.length
        ? `<details><summary>paired tests</summary><table class="pairs"><thead><tr><th class="l">pair (a vs b)</th><th>n</th><th>mean a − b</th><th>a higher</th><th>p (a &gt; b)</th><th>p two-sided</th></tr></thead><tbody>${detail}</tbody></table></details>`
        : '';
      return `<tr><td class="l">${escapeHtml(c.claim)}</td><td class="l">${escapeHtml(c.split)}</td><td class="l"><span class="verdict ${verdictClass(c.verdict)}">${escapeHtml(c.verdict)}</span></td><td class="l" style="white-space:normal">${escapeHtml(c.finding)}${sub}</td></tr>`;
    })
    .join('\n');
  const notes = d.claimNotes.map((n) => `<li>${escapeHtml(n)}</li>`).join('');
  return `<table id="claims"><thead><tr><th class="l">Claim (paper)</th><th class="l">Split</th><th class="l">Verdict</th><th class="l">What we found</th></tr></thead><tbody>\n${rows}\n</tbody></table><ul class="muted">${notes}</ul>`;
}

function paperTableHtml(): string {
  const rows = PAPER_TABLE2.map(
    ([group, method, cells]) =>
      `<tr><td class="l">${escapeHtml(group)}</td><td class="l">${escapeHtml(method)}</td>${cells
        .map((c) => `<td${method === 'ADAAR' ? ' class="best"' : ''}>${escapeHtml(c)}</td>`)
        .join('')}</tr>`,
  ).join('');
  return `<details><summary>The paper's Table 2 (private Alibaba data: for orientation, not for matching)</summary>
<table id="paper-table2"><thead><tr><th class="l">Group</th><th class="l">Method</th><th>M7/M9 AUC</th><th>M7/M9 R@P0.1</th><th>M9/M11 AUC</th><th>M9/M11 R@P0.1</th></tr></thead><tbody>${rows}</tbody></table></details>`;
}

/**
 * The self-contained report page: inline CSS and SVG only, no script, no external URL, so it
 * renders offline in any browser.
 */
export function reportHtml(d: ReportData): string {
  const facts = d.facts
    .map((f) => `<dt>${escapeHtml(f.label)}</dt><dd>${escapeHtml(f.value)}</dd>`)
    .join('');
  const rates = d.testPositiveRates
    .map(
      (r) =>
        `<tr><td class="l">${escapeHtml(r.split)}</td><td>${(100 * r.rate).toFixed(2)} %</td><td class="l">${escapeHtml(r.note ?? '')}</td></tr>`,
    )
    .join('');
  const notes = d.notes.map((n) => `<li>${escapeHtml(n)}</li>`).join('');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(d.title)}</title><style>${CSS}</style></head>
<body>
<h1>${escapeHtml(d.title)}</h1>
<p class="muted">Generated ${escapeHtml(d.generatedAt)}</p>
<dl class="facts">${facts}</dl>
<h2 id="table2-h">Table 2: performance of the compared methods (K = ${escapeHtml(String(d.table.k))})</h2>
${tableHtml(d.table)}
<p class="muted">Mean ± sample standard deviation over seeds; best mean per column in bold. NS has no synthetic rows.</p>
${paperTableHtml()}
<table id="positive-rates"><thead><tr><th class="l">Split</th><th>test positive rate</th><th class="l">note</th></tr></thead><tbody>${rates}</tbody></table>
<h2 id="figure2-h">Figure 2: metrics against the oversampling rate K</h2>
${d.figures.length ? figuresHtml(d.figures, 'figure2') : '<p class="muted">Not swept: run with --sweep-k 1,2,4,8,16,balance to draw Figure 2.</p>'}
<h2 id="claims-h">The paper's claims, tested on this run</h2>
${claimsHtml(d)}
<h2 id="curves-h">Training curves of the GAN methods</h2>
${d.curves.length ? figuresHtml(d.curves, 'curve') : '<p class="muted">No GAN method was run.</p>'}
<h2 id="diagnostics-h">Diagnostics of the synthetic rows (methods.md section 7)</h2>
${diagnosticsHtml(d)}
<h2>Notes</h2><ul>${notes}</ul>
</body></html>
`;
}
