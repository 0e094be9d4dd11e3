// Summarises screen.ts JSON results: mean over seeds and paired mean difference vs a reference.
// Usage: node summarize.mjs <ref name> <file.json> [...]
import { readFileSync } from 'node:fs';

const [ref, ...files] = process.argv.slice(2);
const rows = files.flatMap((f) => JSON.parse(readFileSync(f, 'utf8')));
const metrics = [
  'lr_auc',
  'mlp_auc',
  'lr_rp10',
  'lr_rp20',
  'mlp_rp20',
  'w05_lr_auc',
  'w05_mlp_auc',
];
const diagKeys = ['spreadRatio', 'nnDistanceRatio', 'riskinessGap', 'd1Real', 'd1Fake', 'd2Fake'];
const byName = new Map();
for (const r of rows) {
  if (!byName.has(r.name)) byName.set(r.name, new Map());
  byName.get(r.name).set(r.seed, r);
}
const refRuns = byName.get(ref);
const fmt = (v) => (v === undefined || Number.isNaN(v) ? '-' : v.toFixed(3));
const sign = (v) => (v === undefined || Number.isNaN(v) ? '-' : (v >= 0 ? '+' : '') + v.toFixed(3));
console.log(
  `| method | n | ${metrics.join(' | ')} | ΔLR AUC vs ${ref} | ΔMLP AUC vs ${ref} | ${diagKeys.join(' | ')} |`,
);
console.log(`|${'---|'.repeat(metrics.length + 4 + diagKeys.length)}`);
for (const [name, runs] of byName) {
  const rs = [...runs.values()];
  const mean = (k) => rs.reduce((s, r) => s + (r[k] ?? Number.NaN), 0) / rs.length;
  const delta = (k) => {
    const ds = rs.filter((r) => refRuns?.has(r.seed)).map((r) => r[k] - refRuns.get(r.seed)[k]);
    return ds.length ? ds.reduce((a, b) => a + b, 0) / ds.length : Number.NaN;
  };
  const dg = (k) => {
    const v = rs.map((r) => r.diag?.[k]).filter((x) => typeof x === 'number');
    return v.length ? v.reduce((a, b) => a + b, 0) / v.length : Number.NaN;
  };
  console.log(
    `| ${name} | ${rs.length} | ${metrics.map((k) => fmt(mean(k))).join(' | ')} | ${sign(delta('lr_auc'))} | ${sign(delta('mlp_auc'))} | ${diagKeys.map((k) => fmt(dg(k))).join(' | ')} |`,
  );
}
