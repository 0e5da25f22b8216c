/*
 * Benchmark of the network analysis and canvas (npm run bench:network):
 *  1. graph build + matrix detection, by default on a generated 100,000- and a 1,000,000-account
 *     package: generate, import, run the matrix rules (bursts come from their findings), then
 *     analyse in a child process so its peak RSS is the analysis's own. Prints each size's time,
 *     phases, peak RSS and the load average around the run (the machine is shared), then the
 *     large / small ratio. Targets (issue 6): 1M under 20 s, under 1 GB.
 *  2. canvas frame rate while panning 50,000 nodes / 150,000 edges in headless Chromium;
 *  3. ForceAtlas2 (web worker) time to stable on a 10,000-node component.
 *
 * Usage: tsx test/bench/network.ts [--sizes 100000,1000000 | --accounts N] [--seed 1] [--keep]
 *          [--package P1,P2] [--workspace W1,W2] [--skip-core] [--skip-browser]
 *   --package    packages already generated (zip or folder; the licence registry is read from
 *                <package>.licenses.csv as the generator writes it), one per run, smallest first
 *   --workspace  workspace files, one per run: their latest filing is analysed as it is when they
 *                hold one (a warning when matrix.coordinated_duplicates never ran on it), otherwise
 *                the package is imported into them, the matrix rules run, and they are kept
 *        tsx test/bench/network.ts --analyse DB FILING_ID   (the child step)
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import type { NetworkAnalysis } from '@shared/api/network';
import { analyseNetwork } from '../../electron/core/network/analyse';

const ANALYSE_TARGET_MS = 20_000;
const RSS_TARGET = 1024 ** 3;
const MATRIX_RULES = ['matrix.coordinated_duplicates', 'matrix.shared_identifiers'];
const here = import.meta.dirname;
const root = path.resolve(here, '../..');

function option(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}
const list = (name: string) => option(name)?.split(',').filter(Boolean) ?? [];
const mb = (bytes: number) => `${Math.round(bytes / 1024 / 1024)} MB`;
const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
const load = () => os.loadavg().map((l) => l.toFixed(1)).join(' / ');

interface ChildResult {
  analysis: NetworkAnalysis;
  maxRss: number;
  loadBefore: string;
  loadAfter: string;
}

async function analyseChild(dbPath: string, filingId: number): Promise<void> {
  const { openWorkspace } = await import('../../electron/core/db/connection');
  const ws = await openWorkspace(dbPath);
  const loadBefore = load();
  const analysis = analyseNetwork(ws.raw, filingId, { progress: () => undefined, throwIfCancelled: () => undefined });
  const loadAfter = load();
  await ws.close();
  const result: ChildResult = { analysis, maxRss: process.resourceUsage().maxRSS * 1024, loadBefore, loadAfter };
  console.log(JSON.stringify(result));
}

interface Prepared {
  dbPath: string;
  filingId: number;
  cleanup?: string;
}

/**
 * The latest filing of a workspace, or null when it holds none. A filing the burst rule
 * (matrix.coordinated_duplicates) never ran on is still analysed, with a warning: its bursts phase
 * has nothing to read (a few dozen findings at 1M, the rest of the analysis is the same).
 */
async function readyFiling(dbPath: string): Promise<number | null> {
  if (!fs.existsSync(dbPath)) return null;
  const { openWorkspace } = await import('../../electron/core/db/connection');
  const ws = await openWorkspace(dbPath);
  try {
    const row = ws.raw
      .prepare(
        `SELECT f.id, EXISTS (SELECT 1 FROM check_runs r WHERE r.filing_id = f.id AND r.status = 'succeeded'
                               AND r.rules_json LIKE '%"matrix.coordinated_duplicates"%') AS bursts
         FROM filings f WHERE f.id = (SELECT max(id) FROM filings)`,
      )
      .get() as { id: number; bursts: 0 | 1 } | undefined;
    if (row && !row.bursts) console.log(`注意：${dbPath} 的备案 #${row.id} 未运行 matrix.coordinated_duplicates，没有雷同内容爆发可读`);
    return row?.id ?? null;
  } finally {
    await ws.close();
  }
}

async function prepare(run: number, size: number | undefined, seed: number, keep: boolean): Promise<Prepared> {
  const workspaceArg = list('workspace')[run];
  if (workspaceArg) {
    const filingId = await readyFiling(workspaceArg);
    if (filingId !== null) return { dbPath: workspaceArg, filingId };
  }
  const { openCheckContext } = await import('../../electron/core/checks/test-kit');
  const { runChecks } = await import('../../electron/core/checks/engine');
  const { createFilingService } = await import('../../electron/core/filing/service');
  const { defaultResourcesDir } = await import('../../electron/core/paths');
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), `fi-bench-network-${size ?? 'pkg'}-`));
  let packagePath = list('package')[run];
  let licensesFile = packagePath ? `${packagePath}.licenses.csv` : '';
  const tag = `[${size ?? path.basename(packagePath ?? '')}]`;
  if (!packagePath) {
    if (!size) throw new Error(`第 ${run + 1} 次运行既无 --package 也无 --sizes`);
    const { generateSamplePackage } = await import('../../electron/core/sample');
    const t = performance.now();
    const generated = await generateSamplePackage({ accounts: size, seed, out: path.join(scratch, 'package.zip'), variety: false, platformVariants: false });
    console.log(`${tag} 生成数据包 ${seconds(performance.now() - t)}（负载 ${load()}）`);
    packagePath = generated.packagePath;
    licensesFile = generated.licenseRegistryPath;
  }
  const dbPath = workspaceArg ?? path.join(scratch, 'workspace.db');
  const ctx = await openCheckContext(dbPath, path.join(path.dirname(dbPath), 'data'), defaultResourcesDir());
  let filingId: number;
  try {
    let t = performance.now();
    filingId = (await createFilingService(ctx).import({ source: { kind: 'path', path: packagePath }, isSample: false })).filing.id;
    console.log(`${tag} 导入 ${seconds(performance.now() - t)}（负载 ${load()}）`);
    t = performance.now();
    await ctx.jobs.run('check', (job) => runChecks(ctx, { filingId, rules: MATRIX_RULES, reference: { licensesFile } }, job));
    console.log(`${tag} 矩阵规则（提供雷同内容爆发）${seconds(performance.now() - t)}（负载 ${load()}）`);
  } finally {
    await ctx.ws.close();
  }
  return { dbPath, filingId, cleanup: workspaceArg || keep ? undefined : scratch };
}

function report(r: ChildResult): void {
  const { analysis, maxRss } = r;
  const s = analysis.stats;
  const tag = `[${s.accounts}]`;
  console.log(
    `${tag} 图构建 + 矩阵识别 ${seconds(analysis.durationMs)}（目标 < ${ANALYSE_TARGET_MS / 1000} s）${analysis.durationMs > ANALYSE_TARGET_MS ? '  超出目标' : ''}；峰值 RSS ${mb(maxRss)}（目标 < 1 GB）${maxRss > RSS_TARGET ? '  超出目标' : ''}`,
  );
  console.log(`${tag} 负载（1 / 5 / 15 分钟）运行前 ${r.loadBefore}，运行后 ${r.loadAfter}；CPU 核数 ${os.cpus().length}`);
  console.log(`  各阶段 ${Object.entries(s.phases).map(([k, v]) => `${k} ${v} ms`).join('，')}`);
  console.log(
    `  账号 ${s.accounts}，控制连接 同一主体 ${s.links.identity} / 共用标识 ${s.links.identifier} / 同MCN雷同 ${s.links.burst}，爆发 ${s.bursts}，账号组 ${s.matrices}（含账号 ${s.accountsInMatrices}，最大 ${s.largestMatrix}），Louvain 拆分 ${s.splitMatrices} 个共 ${s.communities} 个社区`,
  );
}

async function benchCore(): Promise<void> {
  const seed = Number(option('seed') ?? 1);
  const keep = process.argv.includes('--keep');
  const runs = Math.max(list('package').length, list('workspace').length);
  const given = option('accounts') ? [Number(option('accounts'))] : list('sizes').map(Number);
  const sizes: (number | undefined)[] = runs > 0 ? Array.from({ length: runs }, (_, i) => given[i] || undefined) : given;
  if (sizes.length === 0) sizes.push(100_000, 1_000_000);
  const results: ChildResult[] = [];
  for (const [i, size] of sizes.entries()) {
    const prepared = await prepare(i, size, seed, keep);
    try {
      const child = spawnSync(process.execPath, [path.join(root, 'node_modules/tsx/dist/cli.mjs'), path.join(here, 'network.ts'), '--analyse', prepared.dbPath, String(prepared.filingId)], {
        cwd: root,
        encoding: 'utf8',
        maxBuffer: 64 * 1024 * 1024,
      });
      if (child.status !== 0) throw new Error(`分析子进程失败：${child.stderr}`);
      const result = JSON.parse(child.stdout.trim().split('\n').at(-1)!) as ChildResult;
      report(result);
      results.push(result);
    } finally {
      if (prepared.cleanup) fs.rmSync(prepared.cleanup, { recursive: true, force: true });
      else if (!list('workspace')[i]) console.log(`保留工作目录：${path.dirname(prepared.dbPath)}`);
    }
  }
  if (results.length >= 2) {
    const [small, large] = [results[0], results[results.length - 1]];
    const [a, b] = [small.analysis, large.analysis];
    console.log(
      `${b.stats.accounts} / ${a.stats.accounts}：图构建 + 矩阵识别 ${seconds(a.durationMs)} → ${seconds(b.durationMs)}，用时比 ${(b.durationMs / Math.max(1, a.durationMs)).toFixed(1)}（账号数比 ${(b.stats.accounts / Math.max(1, a.stats.accounts)).toFixed(1)}）；峰值 RSS ${mb(small.maxRss)} → ${mb(large.maxRss)}`,
    );
  }
}

async function benchBrowser(): Promise<void> {
  const { build } = await import('esbuild');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fi-bench-canvas-'));
  try {
    await build({
      entryPoints: [path.join(here, 'network-page.ts')],
      bundle: true,
      format: 'esm',
      outfile: path.join(dir, 'page.js'),
      alias: { '@shared': path.join(root, 'shared') },
      logLevel: 'error',
    });
    fs.writeFileSync(path.join(dir, 'index.html'), '<!doctype html><meta charset="utf-8"><div id="stage" style="width:1280px;height:800px"></div><script type="module" src="page.js"></script>');
    const server = http.createServer((req, res) => {
      const file = path.join(dir, req.url === '/' ? 'index.html' : path.basename(req.url ?? ''));
      if (!fs.existsSync(file)) return void res.writeHead(404).end();
      res.writeHead(200, { 'Content-Type': file.endsWith('.js') ? 'text/javascript' : 'text/html' }).end(fs.readFileSync(file));
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
    const { chromium } = await import('@playwright/test');
    // No GPU here: WebGL runs on SwiftShader (software), so these are floor figures.
    const browser = await chromium.launch({
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: ['--no-sandbox', '--use-angle=swiftshader', '--enable-unsafe-swiftshader', '--ignore-gpu-blocklist'],
    });
    try {
      const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
      await page.goto(`http://127.0.0.1:${(server.address() as { port: number }).port}/`);
      await page.waitForFunction(() => typeof window.benchCanvas === 'function');
      const canvas = await page.evaluate(() => window.benchCanvas(50_000, 150_000, 8));
      console.log(
        `画布 ${canvas.nodes} 节点 / ${canvas.edges} 连接：首帧 ${canvas.firstFrameMs} ms，平移 ${canvas.seconds.toFixed(1)} s 共 ${canvas.frames} 帧 = ${canvas.fps.toFixed(1)} fps（平移时隐藏连接：是；WebGL ${canvas.webgl}）`,
      );
      const layout = await page.evaluate(() => window.benchLayout(10_000, 30_000, 180_000));
      console.log(`ForceAtlas2（Web Worker）${layout.nodes} 节点 / ${layout.edges} 连接：${layout.stable ? '稳定' : '未稳定（达到时限）'}用时 ${seconds(layout.ms)}`);
    } finally {
      await browser.close();
      server.close();
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv.includes('--analyse')) {
  const i = process.argv.indexOf('--analyse');
  await analyseChild(process.argv[i + 1], Number(process.argv[i + 2]));
} else {
  if (!process.argv.includes('--skip-core')) await benchCore();
  if (!process.argv.includes('--skip-browser')) await benchBrowser();
}
