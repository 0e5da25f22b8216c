/*
 * Benchmark of the cross-check rules (npm run bench:check): generates the 100k and the 1M
 * sample packages, imports each into a fresh workspace, runs all rules, and prints total and
 * per-rule time, peak RSS and the 1M / 100k ratio. Targets (issue 4): the 1M run under 60 s,
 * no rule above 15 s, growth about proportional.
 *
 * Usage: tsx test/bench/check.ts [--sizes 100000,1000000] [--seed 1] [--keep]
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { runChecks } from '../../electron/core/checks/engine';
import { openCheckContext } from '../../electron/core/checks/test-kit';
import { createFilingService } from '../../electron/core/filing/service';
import { defaultResourcesDir } from '../../electron/core/paths';
import { generateSamplePackage } from '../../electron/core/sample';

const RUN_TARGET_MS = 60_000;
const RULE_TARGET_MS = 15_000;

function option(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

const sizes = (option('sizes') ?? '100000,1000000').split(',').map(Number);
const seed = Number(option('seed') ?? 1);
const keep = process.argv.includes('--keep');
const mb = (bytes: number) => `${Math.round(bytes / 1024 / 1024)} MB`;

async function benchOne(accounts: number): Promise<{ accounts: number; totalMs: number; rules: { ruleId: string; ms: number; findings: number }[] }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `fi-bench-check-${accounts}-`));
  try {
    let t = performance.now();
    const generated = await generateSamplePackage({ accounts, seed, out: path.join(dir, 'package.zip'), variety: false, platformVariants: false });
    console.log(`[${accounts}] 生成数据包 ${((performance.now() - t) / 1000).toFixed(1)} s`, generated.counts.contents !== undefined ? `contents ${generated.counts.contents}` : '');
    const ctx = await openCheckContext(path.join(dir, 'workspace.db'), path.join(dir, 'data'), defaultResourcesDir());
    try {
      t = performance.now();
      const imported = await createFilingService(ctx).import({ source: { kind: 'path', path: generated.packagePath }, isSample: false });
      console.log(`[${accounts}] 导入 ${((performance.now() - t) / 1000).toFixed(1)} s`);
      const run = await ctx.jobs.run('check', (job) => runChecks(ctx, { filingId: imported.filing.id, reference: { licensesFile: generated.licenseRegistryPath } }, job));
      const totalMs = run.durationMs ?? 0;
      console.log(`[${accounts}] 全部规则 ${(totalMs / 1000).toFixed(1)} s（目标 < ${RUN_TARGET_MS / 1000} s）${totalMs > RUN_TARGET_MS ? '  超出目标' : ''}`);
      for (const s of [...run.ruleStats].sort((x, y) => y.ms - x.ms)) {
        console.log(`  ${s.ruleId.padEnd(38)} ${String(s.ms).padStart(7)} ms ${String(s.findings).padStart(7)} 项${s.ms > RULE_TARGET_MS ? '  超出单条规则目标 15 s' : ''}`);
      }
      console.log(`[${accounts}] 峰值 RSS ${mb(process.resourceUsage().maxRSS * 1024)}`);
      return { accounts, totalMs, rules: run.ruleStats };
    } finally {
      await ctx.ws.close();
    }
  } finally {
    if (!keep) fs.rmSync(dir, { recursive: true, force: true });
    else console.log(`保留工作目录：${dir}`);
  }
}

const results = [];
for (const size of sizes) results.push(await benchOne(size));
if (results.length >= 2) {
  const [small, large] = [results[0], results[results.length - 1]];
  const factor = large.accounts / small.accounts;
  console.log(`${large.accounts} / ${small.accounts} 用时比 ${(large.totalMs / Math.max(1, small.totalMs)).toFixed(1)}（账号数比 ${factor}）`);
  for (const rule of large.rules) {
    const before = small.rules.find((r) => r.ruleId === rule.ruleId);
    if (before && before.ms >= 50 && rule.ms / before.ms > factor * 1.5) console.log(`  增长过快：${rule.ruleId} ${before.ms} → ${rule.ms} ms`);
  }
}
