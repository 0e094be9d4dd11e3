/** The text of `pnpm bench --help`. */
export const USAGE = `Reproduce the ADAAR paper's Table 2 (and Figure 2) on synthetic or real credit data.

Usage:
  pnpm bench [run] [options]            run the comparison (no options: the paper's protocol)
  pnpm bench report --out DIR           rebuild tables, figures and report.html from DIR/runs.jsonl
  pnpm bench perf samplers|nn [...]     speed benchmarks of the samplers / the neural blocks

Data:
  --dataset NAME          synthetic (default) | polish-1year | polish-5year | taiwan-default |
                          german-credit | hmeq | lending-club | csv
  --splits M7/M9,M9/M11   synthetic only: train month / test month (months 1..12)
  --path FILE             the data file of --dataset hmeq or lending-club (.csv or .csv.gz)
  --train P1,P2 --test P3 lending-club: issue_d months (YYYY-MM); csv: values of --period
  --csv FILE              any CSV (or .csv.gz) with a header row; needs --label and --positive
  --label COL             the target column
  --positive V1,V2        label value(s) meaning high-risk
  --period COL            a period column for an out-of-time split (with --train/--test);
                          without it: a stratified 70/30 split, redrawn per seed
  --categorical C1,C2     force columns to be categorical
  --drop C1,C2            ignore columns (ids, leaking columns)
  --target-positive-rate R|auto|none
                          subsample positives in train and test to rate R (seeded);
                          auto (default): 0.02 when the data has >= 7 % positives

Protocol:
  --methods LIST          default ns,ros,smote,adasyn,bagan,glgan,adaar,adaar-no-ae,adaar-no-d1,adaar-no-d2
  --seeds N|LIST          repetitions (default 5: seeds 0..4; quick profile: 2)
  --k K                   oversampling rate: K x (high-risk training rows) synthetic rows, or
                          "balance" (default 1)
  --sweep-k 1,2,4,8,16,balance
                          Figure 2: fit each generator once per seed, sample every K
  --classifier mlp|logreg|forest
                          downstream classifier, the same for every method (default mlp;
                          forest: random forest, 100 trees, sqrt features, leaves >= 5 rows)
  --precision P1,P2       precisions of the R@P columns (default 0.1,auto; auto = about
                          3.5x the test positive rate)
  --profile default|quick quick: 2 seeds and short training (a smoke run)
  --sampler-module FILE   register your own sampler(s) (see the README); repeatable

Running:
  --out DIR               output folder (default results/<timestamp>); rerunning with the
                          same DIR skips finished runs and resumes an interrupted one
  --workers N             parallel worker threads (default: number of cores)
  --backend auto|tensorflow|wasm|cpu
                          TensorFlow.js backend (default auto: native if built, else wasm)
  -h, --help              this text

Outputs in DIR: runs.jsonl, config.json, table2.md, table2.csv, report.html, and with
--sweep-k figure2-auc.svg, figure2-rap.svg, figure2.csv.
`;
