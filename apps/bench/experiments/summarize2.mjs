// Summarises screen.ts JSON results of several files (one data set each, records merged by
// seed and method): per data set, mean over seeds and paired mean Δ vs NS for each classifier;
// then an overall scoreboard. Usage: node summarize2.mjs [--metric rp10] file.json [...]
import { readFileSync } from 'node:fs';

const args = process.argv.slice(2);
let rpKey = 'rp10';
if (args[0] === '--metric') {
  rpKey = args[1];
  args.splice(0, 2);
}
const CLS = ['lr', 'mlp', 'rf'];
const BASELINES = ['ros', 'smote', 'adasyn', 'bagan', 'glgan'];
const recs = args.flatMap((f) => JSON.parse(readFileSync(f, 'utf8')));
const byData = new Map();
for (const r of recs) {
  if (!byData.has(r.data)) byData.set(r.data, new Map());
  const m = byData.get(r.data);
  if (!m.has(r.name)) m.set(r.name, new Map());
  const s = m.get(r.name);
  s.set(r.seed, { ...(s.get(r.seed) ?? {}), ...r });
}
const f3 = (v) => (Number.isFinite(v) ? v.toFixed(3) : '-');
const sg = (v) => (Number.isFinite(v) ? (v >= 0 ? '+' : '') + v.toFixed(3) : '-');
const mean = (a) => (a.length ? a.reduce((x, y) => x + y, 0) / a.length : Number.NaN);
const score = new Map(); // method -> list of {data, key, delta, beatsAll}
const keys = (w) => CLS.flatMap((c) => [`${w}${c}_auc`, `${w}${c}_${rpKey}`]);
for (const [data, methods] of byData) {
  const ns = methods.get('ns');
  const seeds = ns ? [...ns.keys()].sort() : [];
  console.log(`\n### ${data} (validation, seeds ${seeds.join(',')})\n`);
  const cols = keys('');
  console.log(
    `| method | n | ${cols.map((k) => k.replace('_', ' ')).join(' | ')} | ${CLS.map((c) => `Δ${c} AUC`).join(' | ')} | ${CLS.map((c) => `Δ${c} R@P`).join(' | ')} | w05 Δlr/mlp/rf AUC | spread | nnRatio | riskGap | d1Fake | d2Fake |`,
  );
  console.log(`|${'---|'.repeat(cols.length + 2 * CLS.length + 8)}`);
  for (const [name, runs] of methods) {
    const rs = [...runs.values()];
    const m = (k) => mean(rs.map((r) => r[k]).filter((v) => typeof v === 'number'));
    const d = (k, kRef = k) =>
      mean(
        rs
          .filter((r) => ns?.has(r.seed) && typeof r[k] === 'number')
          .map((r) => r[k] - ns.get(r.seed)[kRef]),
      );
    const dg = (k) => mean(rs.map((r) => r.diag?.[k]).filter((v) => typeof v === 'number'));
    console.log(
      `| ${name} | ${rs.length} | ${cols.map((k) => f3(m(k))).join(' | ')} | ${CLS.map((c) => sg(d(`${c}_auc`))).join(' | ')} | ${CLS.map((c) => sg(d(`${c}_${rpKey}`))).join(' | ')} | ${CLS.map((c) => sg(d(`w05_${c}_auc`, `${c}_auc`))).join(' / ')} | ${['spreadRatio', 'nnDistanceRatio', 'riskinessGap', 'd1Fake', 'd2Fake'].map((k) => f3(dg(k))).join(' | ')} |`,
    );
    if (name === 'ns') continue;
    for (const w of ['', 'w05_']) {
      for (const c of CLS) {
        for (const met of ['auc', rpKey]) {
          const k = `${w}${c}_${met}`;
          const delta = d(k, `${c}_${met}`);
          if (!Number.isFinite(delta)) continue;
          // best baseline, counting its sample-weight-0.5 version too
          const best = Math.max(
            ...BASELINES.filter((b) => methods.has(b))
              .flatMap((b) =>
                [`${c}_${met}`, `w05_${c}_${met}`].map((bk) =>
                  mean(
                    [...methods.get(b).values()]
                      .map((r) => r[bk])
                      .filter((v) => typeof v === 'number'),
                  ),
                ),
              )
              .filter(Number.isFinite),
          );
          const key = `${name}${w ? ' (w0.5)' : ''}`;
          if (!score.has(key)) score.set(key, []);
          score.get(key).push({ data, c, met, delta, beatsAll: delta > 0 && m(k) > best });
        }
      }
    }
  }
}
console.log('\n### Scoreboard: paired Δ vs NS averaged over data sets x classifiers\n');
console.log(
  `| method | cells | mean Δ AUC | AUC cells > NS | AUC cells > NS and every baseline | mean Δ R@P | R@P cells > NS | R@P cells > NS and every baseline |`,
);
console.log('|---|---|---|---|---|---|---|---|');
for (const [name, list] of score) {
  const a = list.filter((x) => x.met === 'auc');
  const r = list.filter((x) => x.met === rpKey);
  console.log(
    `| ${name} | ${a.length} | ${sg(mean(a.map((x) => x.delta)))} | ${a.filter((x) => x.delta > 0).length} | ${a.filter((x) => x.beatsAll).length} | ${sg(mean(r.map((x) => x.delta)))} | ${r.filter((x) => x.delta > 0).length} | ${r.filter((x) => x.beatsAll).length} |`,
  );
}

// Compact: per data set, the ADAAR variant (either weight) with the best mean Δ AUC over the
// classifiers, against the best of ROS/SMOTE (same rule), paired Δ vs NS.
console.log('\n### Per data set: best ADAAR variant and best baseline vs NS (paired mean Δ)\n');
console.log(
  `| data | seeds | best ADAAR variant | Δ AUC lr / mlp / rf | Δ R@P lr / mlp / rf | best baseline | Δ AUC lr / mlp / rf | Δ R@P lr / mlp / rf |`,
);
console.log('|---|---|---|---|---|---|---|---|');
for (const [data, methods] of byData) {
  const ns = methods.get('ns');
  if (!ns) continue;
  const cand = [];
  for (const [name, runs] of methods) {
    if (name === 'ns') continue;
    for (const w of ['', 'w05_']) {
      const rs = [...runs.values()].filter((r) => ns.has(r.seed));
      const d = (c, met) =>
        mean(
          rs
            .filter((r) => typeof r[`${w}${c}_${met}`] === 'number')
            .map((r) => r[`${w}${c}_${met}`] - ns.get(r.seed)[`${c}_${met}`]),
        );
      const auc = CLS.map((c) => d(c, 'auc'));
      const rp = CLS.map((c) => d(c, rpKey));
      if (auc.some((v) => !Number.isFinite(v))) continue;
      cand.push({
        name: `${name}${w ? ' (w0.5)' : ''}`,
        base: BASELINES.includes(name),
        auc,
        rp,
        n: rs.length,
        m: mean(auc),
      });
    }
  }
  const best = (isBase) => cand.filter((c) => c.base === isBase).sort((a, b) => b.m - a.m)[0];
  const a = best(false);
  const b = best(true);
  const row = (c) =>
    c ? `${c.name} | ${c.auc.map(sg).join(' / ')} | ${c.rp.map(sg).join(' / ')}` : '- | - | -';
  console.log(`| ${data} | ${a?.n ?? 0} | ${row(a)} | ${row(b)} |`);
}
