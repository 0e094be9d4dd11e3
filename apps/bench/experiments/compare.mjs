// Paired comparison of one method against every other over shared seeds (Wilcoxon signed-rank,
// two-sided, exact for <= 50 pairs without ties), from screen.ts JSON results.
// Usage: node compare.mjs <method> <metric> <file.json> [...]
import { readFileSync } from 'node:fs';
import { wilcoxonSignedRank } from '@adaar/metrics';

const [target, metric, ...files] = process.argv.slice(2);
const rows = files.flatMap((f) => JSON.parse(readFileSync(f, 'utf8')));
const by = new Map();
for (const r of rows) {
  if (!by.has(r.name)) by.set(r.name, new Map());
  by.get(r.name).set(r.seed, r[metric]);
}
const t = by.get(target);
const ms = (v) => {
  const m = v.reduce((a, b) => a + b, 0) / v.length;
  const s = Math.sqrt(v.reduce((a, b) => a + (b - m) ** 2, 0) / Math.max(1, v.length - 1));
  return `${m.toFixed(4)} ± ${s.toFixed(4)}`;
};
console.log(`| method | n | ${metric} | Δ ${target} − method | ${target} wins | Wilcoxon p |`);
console.log('|---|---|---|---|---|---|');
for (const [name, runs] of by) {
  const seeds = [...runs.keys()].filter((s) => t.has(s));
  const a = seeds.map((s) => t.get(s));
  const b = seeds.map((s) => runs.get(s));
  let p = '-';
  if (name !== target) {
    try {
      p = wilcoxonSignedRank(a, b).pValue.toFixed(3);
    } catch {
      p = 'n/a';
    }
  }
  const d = a.reduce((s, v, i) => s + v - b[i], 0) / Math.max(1, a.length);
  const wins = a.filter((v, i) => v > b[i]).length;
  console.log(
    `| ${name} | ${seeds.length} | ${ms([...runs.values()])} | ${name === target ? '-' : (d >= 0 ? '+' : '') + d.toFixed(4)} | ${name === target ? '-' : `${wins}/${seeds.length}`} | ${p} |`,
  );
}
