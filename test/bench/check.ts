/*
 * Benchmark of the cross-check rules (npm run bench:check): for each size, a generated package
 * imported into a workspace, then all rules run in a child process (so peak RSS is the check
 * run's own, not the generator's or the importer's). Prints total and per-rule time, peak RSS,
 * the load average around each run (the machine is shared) and the largest / smallest ratio.
 * Targets (issue 4): the 1M run under 60 s, no rule above 15 s, growth about proportional.
 *
 * Usage: tsx test/bench/check.ts [--sizes 100000,1000000] [--seed 1] [--keep]
 *          [--package P1,P2] [--workspace W1,W2] [--rules a,b]
 *   --package    packages already generated (zip or folder; the licence registry is read from
 *                <package>.licenses.csv as the generator writes it), one per run, smallest first
 *   --workspace  workspace files, one per run: used as they are when they already hold an
 *                imported filing (the latest one is checked), otherwise the package is imported
 *                into them and they are kept for the next run
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const RUN_TARGET_MS = 60_000;
const RULE_TARGET_MS = 15_000;
const here = fileURLToPath(import.meta.url);
const root = path.resolve(path.dirname(here), '../..');

function option(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}
const list = (name: string) => option(name)?.split(',').filter(Boolean) ?? [];
const mb = (bytes: number) => `${Math.round(bytes / 1024 / 1024)} MB`;
const load = () => os.loadavg().map((l) => l.toFixed(1)).join(' / ');

interface Prepared {
  workspace: string;
  licensesFile: string;
  cleanup?: string;
}

/** The sidecar that remembers, next to a workspace, which licence registry its package came with. */
const sidecarOf = (workspace: string) => `${workspace}.bench.json`;

async function prepare(run: number, size: number | undefined, seed: number, keep: boolean): Promise<Prepared> {
  const workspaceArg = list('workspace')[run];
  if (workspaceArg && fs.existsSync(workspaceArg) && fs.existsSync(sidecarOf(workspaceArg))) {
    const { licensesFile } = JSON.parse(fs.readFileSync(sidecarOf(workspaceArg), 'utf8')) as { licensesFile: string };
    return { workspace: workspaceArg, licensesFile };
  }
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), `fi-bench-check-${size ?? 'pkg'}-`));
  let packagePath = list('package')[run];
  let licensesFile = packagePath ? `${packagePath}.licenses.csv` : '';
  if (!packagePath) {
    if (!size) throw new Error(`第 ${run + 1} 次运行既无 --package 也无 --sizes`);
    const { generateSamplePackage } = await import('../../electron/core/sample');
    const t = performance.now();
    const generated = await generateSamplePackage({ accounts: size, seed, out: path.join(scratch, 'package.zip'), variety: false, platformVariants: false });
    console.log(`[${size}] 生成数据包 ${((performance.now() - t) / 1000).toFixed(1)} s，contents ${generated.counts.contents}（负载 ${load()}）`);
    packagePath = generated.packagePath;
    licensesFile = generated.licenseRegistryPath;
  }
  const workspace = workspaceArg ?? path.join(scratch, 'workspace.db');
  const { openCheckContext } = await import('../../electron/core/checks/test-kit');
  const { createFilingService } = await import('../../electron/core/filing/service');
  const { defaultResourcesDir } = await import('../../electron/core/paths');
  const ctx = await openCheckContext(workspace, path.join(path.dirname(workspace), 'data'), defaultResourcesDir());
  try {
    const t = performance.now();
    await createFilingService(ctx).import({ source: { kind: 'path', path: packagePath }, isSample: false });
    console.log(`[${path.basename(packagePath)}] 导入 ${((performance.now() - t) / 1000).toFixed(1)} s（负载 ${load()}）`);
  } finally {
    await ctx.ws.close();
  }
  if (workspaceArg) fs.writeFileSync(sidecarOf(workspaceArg), JSON.stringify({ packagePath, licensesFile }));
  return { workspace, licensesFile, cleanup: workspaceArg || keep ? undefined : scratch };
}

interface RunResult {
  accounts: number;
  contents: number;
  totalMs: number;
  peakRss: number;
  /** Peak of the process's own memory (RssAnon: heap, arrays, SQLite's page cache), without the mapped workspace file. */
  peakAnon?: number;
  loadBefore: string;
  loadAfter: string;
  rules: { ruleId: string; ms: number; findings: number }[];
}

/** The check phase, in its own process: runs the rules over the latest filing of the workspace. */
async function checkOnly(workspace: string, licensesFile: string): Promise<void> {
  const { runChecks } = await import('../../electron/core/checks/engine');
  const { openCheckContext } = await import('../../electron/core/checks/test-kit');
  const { defaultResourcesDir } = await import('../../electron/core/paths');
  const ctx = await openCheckContext(workspace, path.join(path.dirname(workspace), 'data'), defaultResourcesDir());
  try {
    const filing = ctx.ws.raw.prepare('SELECT max(id) AS id FROM filings').get() as { id: number | null };
    if (filing.id === null) throw new Error(`工作区中没有已导入的备案数据包：${workspace}`);
    const count = (table: string) => (ctx.ws.raw.prepare(`SELECT count(*) AS n FROM ${table} WHERE filing_id = ?`).get(filing.id) as { n: number }).n;
    const rules = list('rules');
    const loadBefore = load();
    const run = await ctx.jobs.run('check', (job) =>
      runChecks(ctx, { filingId: filing.id!, rules: rules.length ? rules : undefined, reference: { licensesFile } }, job),
    );
    const result: RunResult = {
      accounts: count('accounts'),
      contents: count('contents'),
      totalMs: run.durationMs ?? 0,
      peakRss: process.resourceUsage().maxRSS * 1024,
      loadBefore,
      loadAfter: load(),
      rules: run.ruleStats,
    };
    process.stdout.write(`${JSON.stringify(result)}\n`);
  } finally {
    await ctx.ws.close();
  }
}

function report(r: RunResult): void {
  const tag = `[${r.accounts}]`;
  console.log(`${tag} contents ${r.contents}；全部规则 ${(r.totalMs / 1000).toFixed(1)} s（目标 < ${RUN_TARGET_MS / 1000} s）${r.totalMs > RUN_TARGET_MS ? '  超出目标' : ''}`);
  console.log(`${tag} 负载（1 / 5 / 15 分钟）运行前 ${r.loadBefore}，运行后 ${r.loadAfter}；CPU 核数 ${os.cpus().length}`);
  for (const s of [...r.rules].sort((x, y) => y.ms - x.ms)) {
    console.log(`  ${s.ruleId.padEnd(38)} ${String(s.ms).padStart(7)} ms ${String(s.findings).padStart(7)} 项${s.ms > RULE_TARGET_MS ? '  超出单条规则目标 15 s' : ''}`);
  }
  console.log(
    `${tag} 核查进程峰值 RSS ${mb(r.peakRss)}（含映射的工作区文件页，即系统文件缓存），其中进程自有内存（RssAnon）峰值 ${r.peakAnon === undefined ? '未知' : mb(r.peakAnon)}`,
  );
}

/** RssAnon of a process from /proc (bytes), or undefined where /proc does not tell. */
function rssAnon(pid: number): number | undefined {
  try {
    const line = fs.readFileSync(`/proc/${pid}/status`, 'utf8').match(/^RssAnon:\s+(\d+) kB/m);
    return line ? Number(line[1]) * 1024 : undefined;
  } catch {
    return undefined;
  }
}

/** Runs the check phase in a child, sampling its own (anonymous) memory every 100 ms: the rules run synchronously, so the child cannot time itself. */
function runChild(args: string[]): Promise<{ status: number | null; stdout: string; peakAnon?: number }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', ...args], { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] });
    let stdout = '';
    let peakAnon: number | undefined;
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    const timer = setInterval(() => {
      const anon = rssAnon(child.pid!);
      if (anon !== undefined) peakAnon = Math.max(peakAnon ?? 0, anon);
    }, 100);
    child.on('error', reject);
    child.on('close', (status) => {
      clearInterval(timer);
      resolve({ status, stdout, peakAnon });
    });
  });
}

async function main(): Promise<void> {
  if (process.argv[2] === '--check-only') return checkOnly(process.argv[3], process.argv[4]);
  const seed = Number(option('seed') ?? 1);
  const keep = process.argv.includes('--keep');
  const runs = Math.max(list('package').length, list('workspace').length);
  const sizes = runs > 0 ? Array.from({ length: runs }, (_, i) => Number(list('sizes')[i]) || undefined) : list('sizes').map(Number);
  if (sizes.length === 0) sizes.push(100_000, 1_000_000);
  const results: RunResult[] = [];
  for (const [i, size] of sizes.entries()) {
    const prepared = await prepare(i, size, seed, keep);
    try {
      const passOn = process.argv.slice(2).filter((a, j, all) => a === '--rules' || all[j - 1] === '--rules');
      const { status, stdout, peakAnon } = await runChild([here, '--check-only', prepared.workspace, prepared.licensesFile, ...passOn]);
      if (status !== 0) throw new Error(`核查进程失败（退出码 ${status}）`);
      const result = JSON.parse(stdout.trim().split('\n').pop()!) as RunResult;
      result.peakAnon = peakAnon;
      report(result);
      results.push(result);
    } finally {
      if (prepared.cleanup) fs.rmSync(prepared.cleanup, { recursive: true, force: true });
      else if (!list('workspace')[i]) console.log(`保留工作目录：${path.dirname(prepared.workspace)}`);
    }
  }
  if (results.length >= 2) {
    const [small, large] = [results[0], results[results.length - 1]];
    const factor = large.accounts / small.accounts;
    console.log(
      `${large.accounts} / ${small.accounts} 用时比 ${(large.totalMs / Math.max(1, small.totalMs)).toFixed(1)}（账号数比 ${factor.toFixed(1)}，内容数比 ${(large.contents / small.contents).toFixed(1)}）`,
    );
    for (const rule of large.rules) {
      const before = small.rules.find((r) => r.ruleId === rule.ruleId);
      if (before && before.ms >= 50 && rule.ms / before.ms > factor * 1.5) console.log(`  增长过快：${rule.ruleId} ${before.ms} → ${rule.ms} ms`);
    }
  }
}

await main();
