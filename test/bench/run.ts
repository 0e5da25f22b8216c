/**
 * `npm run bench`: every benchmark, one child process each so peak RSS is per benchmark.
 * `npm run bench -- import check --accounts 100000` runs a subset and passes options on.
 * Each benchmark prints its own ratios against a baseline measured in the same run.
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';

const BENCHMARKS = ['import', 'check', 'review', 'network', 'campaign'];
const here = import.meta.dirname;
const args = process.argv.slice(2);
const chosen = args.filter((a) => BENCHMARKS.includes(a));
const options = args.filter((a) => !BENCHMARKS.includes(a));
let failed = 0;

for (const name of chosen.length ? chosen : BENCHMARKS) {
  const script = path.join(here, `${name}.ts`);
  console.log(`\n=== bench:${name} ${options.join(' ')}`);
  const result = spawnSync(process.execPath, [path.join(here, '../../node_modules/tsx/dist/cli.mjs'), script, ...options], { stdio: 'inherit' });
  if (result.status !== 0) failed++;
}
process.exit(failed ? 1 : 0);
