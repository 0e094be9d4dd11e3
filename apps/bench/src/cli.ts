import { main } from './main';

process.on('SIGINT', () => {
  process.stderr.write(
    '\ninterrupted: finished runs are saved in runs.jsonl; run the same command (same --out) to resume\n',
  );
  process.exit(130);
});

const code = await main(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  workerScript: new URL('./worker.js', import.meta.url),
  loadPerf: (target) => import(new URL(`./perf/${target}.js`, import.meta.url).href),
});
process.exitCode = code;
