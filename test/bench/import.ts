/*
 * Import benchmark (issue 3): generates a package with the sample generator, imports it in a
 * child process (so peak RSS is the import's own), and measures the sqlite3 shell's `.import`
 * of the same CSV files into plain tables in the same run as the baseline.
 *
 *   npx tsx test/bench/import.ts --accounts 100000 [--seed 1] [--keep DIR]
 */
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = fileURLToPath(import.meta.url);
const root = path.resolve(path.dirname(here), '../..');

function flag(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] ? process.argv[i + 1] : fallback;
}

async function importOnly(source: string, dbPath: string): Promise<void> {
  const { openWorkspace } = await import('../../electron/core/db/connection');
  const { importPackage } = await import('../../electron/core/filing/import');
  const ws = await openWorkspace(dbPath);
  const started = performance.now();
  let lastLine = 0;
  const outcome = await importPackage(ws.raw, {
    source, actor: 'bench', tmpDir: path.join(path.dirname(dbPath), 'tmp'),
    job: {
      progress: ({ label, done, total }) => {
        if (performance.now() - lastLine > 5000) {
          lastLine = performance.now();
          process.stderr.write(`  ${label} ${done}/${total ?? '?'}\n`);
        }
      },
      throwIfCancelled: () => undefined,
    },
  });
  const seconds = (performance.now() - started) / 1000; const cu = process.cpuUsage(); console.error('flushCpu', (globalThis as any).__flushCpu/1e6, 'totalCpu', (cu.user+cu.system)/1e6);
  const rows = (ws.raw.prepare('SELECT manifest_json FROM filings WHERE id = ?').get(outcome.filingId) as { manifest_json: string }).manifest_json;
  const total = (JSON.parse(rows) as { tables: { rows: number }[] }).tables.reduce((s, t) => s + t.rows, 0);
  await ws.close();
  process.stdout.write(`${JSON.stringify({ seconds, rows: total, peakRssMiB: process.resourceUsage().maxRSS / 1024, warnings: outcome.report.warningCount })}\n`);
}

function run(cmd: string, args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.on('exit', (code) => (code === 0 ? resolve(out) : reject(new Error(`${cmd} exited ${code}`))));
  });
}

async function main(): Promise<void> {
  if (process.argv[2] === '--import-only') return importOnly(process.argv[3], process.argv[4]);
  const accounts = Number(flag('accounts', '100000'));
  const seed = Number(flag('seed', '1'));
  const work = flag('keep', fs.mkdtempSync(path.join(os.tmpdir(), 'fi-bench-')));
  fs.mkdirSync(work, { recursive: true });
  const pkg = path.join(work, 'package');
  console.log(`生成 ${accounts} 个账号的数据包 → ${pkg}`);
  const { generateSamplePackage } = await import('../../electron/core/sample');
  const t0 = performance.now();
  await generateSamplePackage({ accounts, seed, out: pkg, format: 'folder', variety: false, platformVariants: false });
  console.log(`  生成用时 ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  const manifest = JSON.parse(fs.readFileSync(path.join(pkg, 'manifest.json'), 'utf8')) as { tables: { table: string; file: string; rows: number }[] };
  const bytes = manifest.tables.reduce((s, t) => s + fs.statSync(path.join(pkg, t.file)).size, 0);
  console.log(`  ${manifest.tables.length} 张表，${manifest.tables.reduce((s, t) => s + t.rows, 0)} 行，${(bytes / 1024 ** 2).toFixed(0)} MiB`);

  // Baseline: sqlite3 shell .import of the same CSV files into plain tables, one process.
  const baseDb = path.join(work, 'baseline.db');
  fs.rmSync(baseDb, { force: true });
  const script = manifest.tables.filter((t) => t.file.endsWith('.csv')).map((t) => `.import --csv '${path.join(pkg, t.file)}' ${t.table}`).join('\n');
  const b0 = performance.now();
  const sqlite = spawnSync('sqlite3', [baseDb], { input: script, encoding: 'utf8' });
  if (sqlite.status !== 0) throw new Error(`sqlite3 failed: ${sqlite.stderr}`);
  const baseline = (performance.now() - b0) / 1000;
  console.log(`基线 sqlite3 .import：${baseline.toFixed(1)} s`);

  const dbPath = path.join(work, 'workspace.db');
  for (const f of [dbPath, `${dbPath}-wal`, `${dbPath}-shm`]) fs.rmSync(f, { force: true });
  const result = JSON.parse(await run(process.execPath, ['--import', 'tsx', here, '--import-only', pkg, dbPath])) as { seconds: number; rows: number; peakRssMiB: number };
  console.log(`本工作台导入（全部校验）：${result.seconds.toFixed(1)} s，${Math.round(result.rows / result.seconds).toLocaleString('en-US')} 行/秒，峰值内存 ${result.peakRssMiB.toFixed(0)} MiB`);
  console.log(`比值 ratio（导入 ÷ 基线）：${(result.seconds / baseline).toFixed(2)}x（目标 ≤ 2x；峰值内存目标 < 500 MiB）`);
  console.log(JSON.stringify({ accounts, rows: result.rows, mib: bytes / 1024 ** 2, baselineSeconds: baseline, importSeconds: result.seconds, ratio: result.seconds / baseline, peakRssMiB: result.peakRssMiB }));
  if (!process.argv.includes('--keep')) fs.rmSync(work, { recursive: true, force: true });
}

await main();
