/*
 * Import benchmark (issue 3): generates a package with the sample generator, imports it in a
 * child process (so peak RSS is the import's own), and measures the sqlite3 shell's `.import`
 * of the same CSV files into plain tables in the same run as the baseline.
 *
 * The machine is shared: both sides run alternately (baseline, import, import, baseline, …) and
 * every run prints the load average when it started and its CPU time next to its wall time.
 * The target (≤ 2x, peak RSS < 500 MiB) is on wall time, judged on the medians.
 *
 *   npx tsx test/bench/import.ts --accounts 100000 [--seed 1] [--rounds 2] [--package DIR] [--keep DIR]
 *
 * --package DIR reuses a package generated before (generated there if DIR has no manifest);
 * --keep DIR keeps the work folder (package and databases) instead of deleting it.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = fileURLToPath(import.meta.url);
const root = path.resolve(path.dirname(here), '../..');
const TARGET_RATIO = 2;
const TARGET_RSS_MIB = 500;

function flag(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] ? process.argv[i + 1] : fallback;
}

interface Measured {
  seconds: number;
  cpuSeconds: number;
  load: number;
  /** The import's main thread alone (it reads on a second thread), where /proc tells it. */
  mainCpuSeconds?: number | null;
}

/** CPU seconds of this process's main thread (Linux), or null. */
function mainThreadCpu(): number | null {
  try {
    const fields = fs.readFileSync(`/proc/self/task/${process.pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return null;
  }
}

async function importOnly(source: string, dbPath: string): Promise<void> {
  const { openWorkspace } = await import('../../electron/core/db/connection');
  const { importPackage } = await import('../../electron/core/filing/import');
  const { checkpointsSettled } = await import('../../electron/core/db/checkpoint');
  const ws = await openWorkspace(dbPath);
  const cpu = process.cpuUsage();
  const mainCpu = mainThreadCpu();
  const started = performance.now();
  let lastLine = 0;
  const outcome = await importPackage(ws.raw, {
    source, actor: 'bench', tmpDir: path.join(path.dirname(dbPath), 'tmp'),
    job: {
      progress: ({ label, done, total }) => {
        if (performance.now() - lastLine > 10_000) {
          lastLine = performance.now();
          process.stderr.write(`    ${label} ${done}/${total ?? '?'}\n`);
        }
      },
      throwIfCancelled: () => undefined,
    },
  });
  const seconds = (performance.now() - started) / 1000;
  const used = process.cpuUsage(cpu);
  // The import returns once its rows are committed (and synced) to the write-ahead log; copying the
  // log into the database file goes on on a thread of its own. Timed apart, and shown next to the ratio.
  const checkpointStarted = performance.now();
  await checkpointsSettled(dbPath);
  const checkpointSeconds = (performance.now() - checkpointStarted) / 1000;
  const mainUsed = mainCpu === null ? null : (mainThreadCpu() ?? mainCpu) - mainCpu;
  if (outcome.filingId === null) throw new Error('import refused');
  const rows = (ws.raw.prepare('SELECT manifest_json FROM filings WHERE id = ?').get(outcome.filingId) as { manifest_json: string }).manifest_json;
  const total = (JSON.parse(rows) as { tables: { rows: number }[] }).tables.reduce((s, t) => s + t.rows, 0);
  await ws.close();
  process.stdout.write(`${JSON.stringify({ seconds, checkpointSeconds, cpuSeconds: (used.user + used.system) / 1e6, mainCpuSeconds: mainUsed, rows: total, peakRssMiB: process.resourceUsage().maxRSS / 1024, warnings: outcome.report.warningCount })}\n`);
}

function run(cmd: string, args: string[], input?: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { cwd: root, stdio: [input === undefined ? 'ignore' : 'pipe', 'pipe', 'inherit'] });
    let out = '';
    child.stdout?.on('data', (d: Buffer) => (out += d.toString()));
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve(out) : reject(new Error(`${cmd} exited ${code}`))));
    if (input !== undefined) child.stdin?.end(input);
  });
}

const load1 = () => os.loadavg()[0];
const median = (xs: number[]) => {
  const sorted = [...xs].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};
const removeDb = (file: string) => {
  for (const f of [file, `${file}-wal`, `${file}-shm`, `${file}-journal`]) fs.rmSync(f, { force: true });
};

/** sqlite3 shell `.import` of every CSV into plain tables; CPU time from the shell's `times` (children's user + sys). */
async function baseline(pkg: string, dbPath: string, tables: { table: string; file: string }[]): Promise<Measured> {
  removeDb(dbPath);
  const script = tables.filter((t) => t.file.endsWith('.csv')).map((t) => `.import --csv '${path.join(pkg, t.file)}' ${t.table}`).join('\n');
  fs.writeFileSync(`${dbPath}.sql`, `${script}\n`);
  const load = load1();
  const started = performance.now();
  const out = await run('sh', ['-c', 'sqlite3 "$1" < "$1.sql" && times', 'sh', dbPath]);
  const seconds = (performance.now() - started) / 1000;
  const children = out.trim().split('\n').at(-1) ?? '';
  const cpuSeconds = [...children.matchAll(/(\d+)m([\d.]+)s/g)].reduce((s, m) => s + Number(m[1]) * 60 + Number(m[2]), 0);
  return { seconds, cpuSeconds, load };
}

interface ImportMeasured extends Measured {
  rows: number;
  peakRssMiB: number;
  /** From the import's return until its background checkpoint finished. */
  checkpointSeconds: number;
}

async function workbench(pkg: string, dbPath: string): Promise<ImportMeasured> {
  removeDb(dbPath);
  const load = load1();
  const result = JSON.parse(await run(process.execPath, ['--import', 'tsx', here, '--import-only', pkg, dbPath])) as { seconds: number; checkpointSeconds: number; cpuSeconds: number; rows: number; peakRssMiB: number };
  return { ...result, load };
}

async function main(): Promise<void> {
  if (process.argv[2] === '--import-only') return importOnly(process.argv[3], process.argv[4]);
  const accounts = Number(flag('accounts', '100000'));
  const seed = Number(flag('seed', '1'));
  const rounds = Math.max(1, Number(flag('rounds', '2')));
  const keep = process.argv.includes('--keep');
  const work = flag('keep', fs.mkdtempSync(path.join(os.tmpdir(), 'fi-bench-')));
  fs.mkdirSync(work, { recursive: true });
  const pkg = flag('package', path.join(work, 'package'));
  if (!fs.existsSync(path.join(pkg, 'manifest.json'))) {
    console.log(`生成 ${accounts} 个账号的数据包 → ${pkg}`);
    const { generateSamplePackage } = await import('../../electron/core/sample');
    const t0 = performance.now();
    await generateSamplePackage({ accounts, seed, out: pkg, format: 'folder', variety: false, platformVariants: false });
    console.log(`  生成用时 ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  } else console.log(`使用已有数据包 ${pkg}`);
  const manifest = JSON.parse(fs.readFileSync(path.join(pkg, 'manifest.json'), 'utf8')) as { tables: { table: string; file: string; rows: number }[] };
  const bytes = manifest.tables.reduce((s, t) => s + fs.statSync(path.join(pkg, t.file)).size, 0);
  const totalRows = manifest.tables.reduce((s, t) => s + t.rows, 0);
  const packageAccounts = manifest.tables.find((t) => t.table === 'accounts')?.rows ?? accounts;
  console.log(`  ${packageAccounts} 个账号，${manifest.tables.length} 张表，${totalRows} 行，${(bytes / 1024 ** 2).toFixed(0)} MiB；${os.cpus().length} 核，交替测量 ${rounds} 轮`);

  const baseDb = path.join(work, 'baseline.db');
  const dbPath = path.join(work, 'workspace.db');
  const base: Measured[] = [];
  const ours: ImportMeasured[] = [];
  const fmt = (m: Measured) =>
    `墙钟 ${m.seconds.toFixed(1)} s，CPU ${m.cpuSeconds.toFixed(1)} s${typeof m.mainCpuSeconds === 'number' ? `（主线程 ${m.mainCpuSeconds.toFixed(1)} s）` : ''}，开始时负载 ${m.load.toFixed(2)}`;
  for (let round = 0; round < rounds; round++) {
    // ABBA order within each pair of rounds, so a drift in machine load hits both sides alike.
    const order = round % 2 === 0 ? ['base', 'ours'] : ['ours', 'base'];
    for (const side of order) {
      if (side === 'base') {
        const m = await baseline(pkg, baseDb, manifest.tables);
        base.push(m);
        console.log(`[${round + 1}] 基线 sqlite3 .import：${fmt(m)}`);
      } else {
        const m = await workbench(pkg, dbPath);
        ours.push(m);
        console.log(`[${round + 1}] 本工作台导入（全部校验）：${fmt(m)}，${Math.round(m.rows / m.seconds).toLocaleString('en-US')} 行/秒，峰值内存 ${m.peakRssMiB.toFixed(0)} MiB；返回后后台检查点（日志写入数据库文件）又用 ${m.checkpointSeconds.toFixed(1)} s`);
      }
    }
  }
  const baseSeconds = median(base.map((m) => m.seconds));
  const ourSeconds = median(ours.map((m) => m.seconds));
  const peakRssMiB = Math.max(...ours.map((m) => m.peakRssMiB));
  const ratio = ourSeconds / baseSeconds;
  const cpuRatio = median(ours.map((m) => m.cpuSeconds)) / median(base.map((m) => m.cpuSeconds));
  const mains = ours.flatMap((m) => (typeof m.mainCpuSeconds === 'number' ? [m.mainCpuSeconds] : []));
  const mainCpuRatio = mains.length > 0 ? median(mains) / median(base.map((m) => m.cpuSeconds)) : null;
  console.log(`中位数：基线 ${baseSeconds.toFixed(1)} s，导入 ${ourSeconds.toFixed(1)} s（${Math.round(totalRows / ourSeconds).toLocaleString('en-US')} 行/秒）`);
  console.log(`比值 ratio（导入 ÷ 基线，墙钟）：${ratio.toFixed(2)}x（目标 ≤ ${TARGET_RATIO}x）${ratio <= TARGET_RATIO ? '  达标' : '  未达标'}；CPU 时间之比 ${cpuRatio.toFixed(2)}x（CPU 时间受机器负载影响小，反映两边实际的工作量；导入分两个线程，两线程之和）${mainCpuRatio === null ? '' : `；主线程 CPU ÷ 基线 CPU ${mainCpuRatio.toFixed(2)}x（两核空闲时墙钟比值的近似下限）`}`);
  const withCheckpoint = median(ours.map((m) => m.seconds + m.checkpointSeconds)) / baseSeconds;
  console.log(`导入加上其后台检查点 ÷ 基线：${withCheckpoint.toFixed(2)}x（导入返回时数据已提交并同步到日志；检查点在另一线程把日志写入数据库文件，期间工作台可用）`);
  console.log(`峰值内存 ${peakRssMiB.toFixed(0)} MiB（目标 < ${TARGET_RSS_MIB} MiB）${peakRssMiB < TARGET_RSS_MIB ? '  达标' : '  未达标'}`);
  console.log(JSON.stringify({ accounts: packageAccounts, rows: totalRows, mib: bytes / 1024 ** 2, rounds, baseline: base, import: ours, baselineSeconds: baseSeconds, importSeconds: ourSeconds, ratio, withCheckpointRatio: withCheckpoint, cpuRatio, mainCpuRatio, peakRssMiB }));
  fs.rmSync(`${baseDb}.sql`, { force: true });
  if (!keep) fs.rmSync(work, { recursive: true, force: true });
}

await main();
