// Final-test table from screen.ts MODE=test JSON: per method, mean over seeds of each
// classifier's metric, and target − method paired Δ with the two-sided Wilcoxon p.
// Usage: node testTable.mjs <target> <metric: auc | rp10 | rp20> file.json [...]
import { readFileSync } from 'node:fs';
import { wilcoxonSignedRank } from '@adaar/metrics';

const [target, met, ...files] = process.argv.slice(2);
const CLS = ['lr', 'mlp', 'rf'];
const by = new Map();
for (const r of files.flatMap((f) => JSON.parse(readFileSync(f, 'utf8')))) {
  if (!by.has(r.name)) by.set(r.name, new Map());
  by.get(r.name).set(r.seed, r);
}
const t = by.get(target);
const mean = (a) => a.reduce((x, y) => x + y, 0) / a.length;
console.log(
  `| method | n | ${CLS.map((c) => `${c} ${met} | Δ ${target} − method (p)`).join(' | ')} |`,
);
console.log(`|${'---|'.repeat(2 + 2 * CLS.length)}`);
for (const [name, runs] of by) {
  const cells = CLS.map((c) => {
    const k = `${c}_${met}`;
    const m = mean([...runs.values()].map((r) => r[k]));
    if (name === target) return `${m.toFixed(3)} | -`;
    const seeds = [...runs.keys()].filter((s) => t.has(s));
    const a = seeds.map((s) => t.get(s)[k]);
    const b = seeds.map((s) => runs.get(s)[k]);
    let p = 'n/a';
    try {
      p = wilcoxonSignedRank(a, b).pValue.toFixed(3);
    } catch {}
    const d = mean(a.map((v, i) => v - b[i]));
    return `${m.toFixed(3)} | ${d >= 0 ? '+' : ''}${d.toFixed(3)} (${p})`;
  });
  console.log(`| ${name} | ${runs.size} | ${cells.join(' | ')} |`);
}
