/*
 * Benchmark of the network analysis and canvas (npm run bench -- network):
 *  1. graph build + matrix detection on a generated package (default 1,000,000 accounts):
 *     generate, import, run the matrix rules (bursts come from their findings), then analyse in
 *     a child process so its peak RSS is the analysis's own. Targets: under 20 s, under 1 GB.
 *  2. canvas frame rate while panning 50,000 nodes / 150,000 edges in headless Chromium;
 *  3. ForceAtlas2 (web worker) time to stable on a 10,000-node component.
 *
 * Usage: tsx test/bench/network.ts [--accounts 1000000] [--seed 1] [--skip-core] [--skip-browser] [--keep]
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
const here = import.meta.dirname;
const root = path.resolve(here, '../..');

function option(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}
const mb = (bytes: number) => `${Math.round(bytes / 1024 / 1024)} MB`;
const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

async function analyseChild(dbPath: string, filingId: number): Promise<void> {
  const { openWorkspace } = await import('../../electron/core/db/connection');
  const ws = await openWorkspace(dbPath);
  const analysis = analyseNetwork(ws.raw, filingId, { progress: () => undefined, throwIfCancelled: () => undefined });
  await ws.close();
  console.log(JSON.stringify({ analysis, maxRss: process.resourceUsage().maxRSS * 1024 }));
}

async function benchCore(accounts: number, seed: number, keep: boolean): Promise<void> {
  const { openCheckContext } = await import('../../electron/core/checks/test-kit');
  const { runChecks } = await import('../../electron/core/checks/engine');
  const { createFilingService } = await import('../../electron/core/filing/service');
  const { defaultResourcesDir } = await import('../../electron/core/paths');
  const { generateSamplePackage } = await import('../../electron/core/sample');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `fi-bench-network-${accounts}-`));
  try {
    let t = performance.now();
    const generated = await generateSamplePackage({ accounts, seed, out: path.join(dir, 'package.zip'), variety: false, platformVariants: false });
    console.log(`[${accounts}] 生成数据包 ${seconds(performance.now() - t)}`);
    const dbPath = path.join(dir, 'workspace.db');
    const ctx = await openCheckContext(dbPath, path.join(dir, 'data'), defaultResourcesDir());
    let filingId: number;
    try {
      t = performance.now();
      filingId = (await createFilingService(ctx).import({ source: { kind: 'path', path: generated.packagePath }, isSample: false })).filing.id;
      console.log(`[${accounts}] 导入 ${seconds(performance.now() - t)}`);
      t = performance.now();
      await ctx.jobs.run('check', (job) =>
        runChecks(ctx, { filingId, rules: ['matrix.coordinated_duplicates', 'matrix.shared_identifiers'], reference: { licensesFile: generated.licenseRegistryPath } }, job),
      );
      console.log(`[${accounts}] 矩阵规则（提供雷同内容爆发）${seconds(performance.now() - t)}`);
    } finally {
      await ctx.ws.close();
    }
    const child = spawnSync(process.execPath, [path.join(root, 'node_modules/tsx/dist/cli.mjs'), path.join(here, 'network.ts'), '--analyse', dbPath, String(filingId)], {
      encoding: 'utf8',
      maxBuffer: 64 * 1024 * 1024,
    });
    if (child.status !== 0) throw new Error(`分析子进程失败：${child.stderr}`);
    const { analysis, maxRss } = JSON.parse(child.stdout.trim().split('\n').at(-1)!) as { analysis: NetworkAnalysis; maxRss: number };
    const s = analysis.stats;
    console.log(
      `[${accounts}] 图构建 + 矩阵识别 ${seconds(analysis.durationMs)}（目标 < ${ANALYSE_TARGET_MS / 1000} s）${analysis.durationMs > ANALYSE_TARGET_MS ? '  超出目标' : ''}；峰值 RSS ${mb(maxRss)}（目标 < 1 GB）${maxRss > RSS_TARGET ? '  超出目标' : ''}`,
    );
    console.log(`  各阶段 ${Object.entries(s.phases).map(([k, v]) => `${k} ${v} ms`).join('，')}`);
    console.log(
      `  账号 ${s.accounts}，控制连接 同一主体 ${s.links.identity} / 共用标识 ${s.links.identifier} / 同MCN雷同 ${s.links.burst}，爆发 ${s.bursts}，账号组 ${s.matrices}（含账号 ${s.accountsInMatrices}，最大 ${s.largestMatrix}），Louvain 拆分 ${s.splitMatrices} 个共 ${s.communities} 个社区`,
    );
  } finally {
    if (keep) console.log(`保留工作目录：${dir}`);
    else fs.rmSync(dir, { recursive: true, force: true });
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
  const accounts = Number(option('accounts') ?? 1_000_000);
  if (!process.argv.includes('--skip-core')) await benchCore(accounts, Number(option('seed') ?? 1), process.argv.includes('--keep'));
  if (!process.argv.includes('--skip-browser')) await benchBrowser();
}
