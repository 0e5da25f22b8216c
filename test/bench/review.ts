/*
 * Benchmark of the findings desk (npm run bench:review), issue 5 targets:
 *  - first page and facet counts on 1,000,000 findings: under 200 ms each;
 *  - export of 1,000,000 findings to 核查问题清单: rows/s, peak RSS under 500 MB, and the
 *    ratio against a bare exceljs streaming write of the same cells without styling, measured
 *    in the same run: at most 1.3x.
 *
 * The findings are INSERTED IN BULK DIRECTLY (not produced by the check engine, which cannot
 * be made to find a million problems in a realistic package): 35 rules in catalogue
 * proportions, account findings on 200,000 accounts in 12 content categories, 15 % with one of
 * 300 MCNs, statuses mostly pending. The facet cube's triggers are live during the insert, so
 * the insert rate includes their cost. Timings are medians of 5 warm runs through the service.
 *
 * Usage: tsx test/bench/review.ts [--findings 1000000] [--keep] [--workspace FILE]
 *   --workspace  reuse a workspace this benchmark filled before (skips the insert)
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { RULES } from '@shared/domain/rules';
import { FINDING_STATUSES, type FindingFilter } from '@shared/api/findings';
import { findingsContract } from '@shared/api/findings';
import { openCheckContext } from '../../electron/core/checks/test-kit';
import { citationViews } from '../../electron/core/checks/store';
import { ensureNameIndex } from '../../electron/core/profiles/name-index';
import { findingCellPages } from '../../electron/core/findings/export';
import { compileFilter } from '../../electron/core/findings/query';
import { createFindingsService } from '../../electron/core/findings/service';

const option = (name: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
};
const N = Number(option('findings') ?? 1_000_000);
const ACCOUNTS = Math.max(1000, Math.round(N / 5));
const MCNS = 300;
const CATEGORIES = ['news', 'finance', 'education', 'medical', 'judicial', 'government_affairs', 'entertainment', 'lifestyle', 'technology', 'culture', 'sports', 'other'];
const TARGET_MS = 200;
const mb = (bytes: number) => `${Math.round(bytes / 1024 / 1024)} MB`;
const load = () => os.loadavg().map((l) => l.toFixed(1)).join(' / ');

/** Deterministic pseudo-random numbers (mulberry32) so runs compare. */
function prng(seed: number) {
  let a = seed;
  return () => {
    a |= 0;
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const keep = process.argv.includes('--keep');
/** Internal: one export writer in a child process (read | bare | export). */
const phase = option('phase');
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const reuse = option('workspace');
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fi-bench-review-'));
const dbPath = reuse ?? path.join(dir, 'workspace.db');
const fresh = !reuse || !fs.existsSync(reuse);
const ctx = await openCheckContext(dbPath, dir);
const db = ctx.ws.raw;
if (!phase) console.log(`工作区 ${dbPath}（负载 ${load()}）`);

if (fresh) {
  const random = prng(20241231);
  const filingId = Number(
    db
      .prepare(
        `INSERT INTO filings (package_sha256, package_id, source_name, platform_id, platform_name, period_start, period_end, version, manifest_json, imported_at, imported_by)
         VALUES ('bench-sha', 'PKG-BENCH', 'bench.zip', 'P001', '基准测试平台', '2024-10-01', '2024-12-31', 1, '{}', '2025-01-06 09:30:00', 'bench')`,
      )
      .run().lastInsertRowid,
  );
  let t = performance.now();
  db.transaction(() => {
    const subject = db.prepare(`INSERT INTO subjects (filing_id, subject_id, subject_type, name, identity_key, src_row) VALUES (?, ?, 'enterprise', ?, ?, ?)`);
    const account = db.prepare(
      `INSERT INTO accounts (filing_id, account_id, subject_id, display_name, content_category, registered_at, status, followers, src_row)
       VALUES (?, ?, ?, ?, ?, '2023-01-01 10:00:00', 'active', 100, ?)`,
    );
    const mcn = db.prepare(`INSERT INTO mcn_orgs (filing_id, mcn_id, name, src_row) VALUES (?, ?, ?, ?)`);
    for (let s = 0; s < ACCOUNTS / 2; s++) subject.run(filingId, `S${s}`, `杭州第${s}号文化传媒有限公司`, `K${s}`, s + 2);
    for (let a = 0; a < ACCOUNTS; a++) account.run(filingId, `A${a}`, `S${a >> 1}`, `${['财经', '娱乐', '生活', '科技'][a % 4]}观察${a}号`, CATEGORIES[a % CATEGORIES.length], a + 2);
    for (let m = 0; m < MCNS; m++) mcn.run(filingId, `M${m}`, `星河MCN第${m}号`, m + 2);
  })();
  console.log(`账号 ${ACCOUNTS}、主体 ${ACCOUNTS / 2}、MCN ${MCNS}：${((performance.now() - t) / 1000).toFixed(1)} s`);
  t = performance.now();
  const rows = ensureNameIndex(db, filingId);
  console.log(`名称索引（profiles 的 name_search，trigram）${rows} 行：${((performance.now() - t) / 1000).toFixed(1)} s`);

  const runId = Number(
    db
      .prepare(`INSERT INTO check_runs (filing_id, rule_set_version, rules_json, status, started_at, reference_json, actor) VALUES (?, 'rules-v1', '[]', 'succeeded', 't', '{}', 'bench')`)
      .run(filingId).lastInsertRowid,
  );
  const insert = db.prepare(
    `INSERT INTO findings (filing_id, rule_id, severity, entity_type, entity_key, entity_json, account_id, identity_key, mcn_id, title, explanation,
       evidence_json, citations_json, status, first_seen_run, last_seen_run, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, '2025-01-06 10:00:00', '2025-01-06 10:00:00')`,
  );
  const citations = new Map(RULES.map((r) => [r.id, JSON.stringify(citationViews(r.citations))]));
  t = performance.now();
  const BATCH = 10_000;
  for (let start = 0; start < N; start += BATCH) {
    db.transaction(() => {
      for (let i = start; i < Math.min(N, start + BATCH); i++) {
        const rule = RULES[Math.floor(random() * random() * RULES.length)];
        const a = Math.floor(random() * ACCOUNTS);
        const accountId = `A${a}`;
        const status = random() < 0.8 ? 'pending' : FINDING_STATUSES[1 + Math.floor(random() * 3)];
        const mcn = random() < 0.15 ? `M${Math.floor(random() * MCNS)}` : null;
        insert.run(
          filingId, rule.id, rule.severity, 'account', `${accountId}#${i}`, JSON.stringify({ type: 'account', id: accountId }), accountId, `K${a >> 1}`, mcn,
          rule.titleZh, `账号“观察${a}号”（${accountId}）于 2024-11-${String(1 + (i % 28)).padStart(2, '0')} 发布的内容与平台报送不一致，${rule.titleZh}。`,
          JSON.stringify([{ table: 'accounts', src_row: a + 2, key: { account_id: accountId, display_name: `观察${a}号` } }, { table: 'contents', src_row: 1000 + i, key: { content_id: `C${i}`, published_at: '2024-11-02 08:00:00' } }]),
          citations.get(rule.id), status, runId, runId,
        );
      }
    })();
  }
  const seconds = (performance.now() - t) / 1000;
  console.log(`直接批量插入 ${N.toLocaleString()} 条核查发现（含维护 finding_facets 的触发器）：${seconds.toFixed(1)} s，${Math.round(N / seconds).toLocaleString()} 行/秒（负载 ${load()}）`);
  db.exec('ANALYZE');
}

const service = createFindingsService(ctx);
const filingId = db.prepare('SELECT max(id) FROM filings').pluck().get() as number;
const parse = (f: FindingFilter) => findingsContract.facets.args.parse(f);

async function median(label: string, fn: () => unknown, target = TARGET_MS): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < 5; i++) {
    const t = performance.now();
    await fn();
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  const m = times[2];
  console.log(`  ${m <= target ? '✓' : '✗'} ${label.padEnd(44)} ${m.toFixed(1).padStart(7)} ms（最慢 ${times[4].toFixed(1)} ms）`);
  return m;
}

const rule = RULES[3].id;
let worst = 0;
if (!phase) {
const cases: [string, FindingFilter][] = [
  ['全部（单个备案）', { filings: [filingId] }],
  ['待核实', { filings: [filingId], statuses: ['pending'] }],
  ['规则 + 待核实', { filings: [filingId], rules: [rule], statuses: ['pending'] }],
  ['高 + 财经金融', { filings: [filingId], severities: ['high'], categories: ['finance'] }],
  ['MCN M7', { filings: [filingId], mcns: ['M7'] }],
  ['名称搜索“财经观察12”', { filings: [filingId], q: '财经观察12' }],
  ['名称搜索“第77号文化”（主体）', { filings: [filingId], q: '第77号文化' }],
];
console.log(`\n首页（200 行，按严重程度）与分面计数，${N.toLocaleString()} 条（负载 ${load()}）`);
for (const [label, filter] of cases) {
  worst = Math.max(worst, await median(`首页 ${label}`, () => service.list({ ...parse(filter), sort: 'severity', limit: 200 })));
  worst = Math.max(worst, await median(`分面 ${label}`, () => service.facets(parse(filter))));
}
await median('跳转到第 500,000 行（offset，一次）', () => service.list({ ...parse({ filings: [filingId] }), sort: 'severity', limit: 200, offset: Math.floor(N / 2) }), 1000);
const first = await service.list({ ...parse({ filings: [filingId] }), sort: 'severity', limit: 200 });
await median('下一页（keyset）', () => service.list({ ...parse({ filings: [filingId] }), sort: 'severity', limit: 200, cursor: first.next! }));
}

// --- export: each writer in a fresh child process, so its peak RSS is its own -------------------
if (phase) {
  const all = parse({ filings: [filingId] });
  const compiled = compileFilter(db, all, { campaignScope: () => '' });
  const t = performance.now();
  let rows = 0;
  if (phase === 'read') {
    for (const page of findingCellPages(db, all, compiled)) rows += page.length;
  } else if (phase === 'bare') {
    // The same cells from the same pages into one exceljs streaming sheet: no styles, no 说明/规则汇总, no hashing.
    const { default: Excel } = await import('exceljs');
    const wb = new Excel.stream.xlsx.WorkbookWriter({ filename: path.join(dir, 'bare.xlsx'), useStyles: false, useSharedStrings: false });
    let ws = wb.addWorksheet('Sheet1');
    let inSheet = 0;
    for (const page of findingCellPages(db, all, compiled)) {
      for (const cells of page) {
        if (inSheet === 1_048_575) {
          ws.commit();
          ws = wb.addWorksheet(`Sheet${rows}`);
          inSheet = 0;
        }
        ws.addRow([++rows, ...cells]).commit();
        inSheet++;
      }
      await new Promise((resolve) => setImmediate(resolve));
    }
    ws.commit();
    await wb.commit();
  } else {
    const result = await service.export(all);
    rows = result.rows;
    console.error(`工作表 ${result.sheets.join('、')}，${mb(result.bytes)}`);
  }
  const seconds = (performance.now() - t) / 1000;
  console.log(JSON.stringify({ phase, seconds, rows, peakRss: process.resourceUsage().maxRSS * 1024 }));
  await ctx.ws.close();
  fs.rmSync(dir, { recursive: true, force: true });
  process.exit(0);
}

await ctx.ws.close();
function child(which: string): { seconds: number; rows: number; peakRss: number } {
  const out = spawnSync(process.execPath, [path.join(root, 'node_modules/tsx/dist/cli.mjs'), fileURLToPath(import.meta.url), '--workspace', dbPath, '--phase', which], {
    cwd: root,
    encoding: 'utf8',
    maxBuffer: 1 << 24,
  });
  if (out.status !== 0) throw new Error(`子进程 ${which} 失败：${out.stderr}`);
  if (out.stderr.trim()) console.log(`  （${out.stderr.trim().split('\n').filter((l) => !l.startsWith('npm warn')).join(' ')}）`);
  return JSON.parse(out.stdout.trim().split('\n').at(-1)!);
}
console.log(`\n导出 ${N.toLocaleString()} 条，每种写法一个新进程（负载 ${load()}）`);
const read = child('read');
console.log(`  只读取并整理单元格（不写文件）：${read.seconds.toFixed(1)} s，${Math.round(read.rows / read.seconds).toLocaleString()} 行/秒，峰值 RSS ${mb(read.peakRss)}`);
const bare = child('bare');
console.log(`  裸写（同样的单元格，exceljs 流式，无样式）：${bare.seconds.toFixed(1)} s，${Math.round(bare.rows / bare.seconds).toLocaleString()} 行/秒，峰值 RSS ${mb(bare.peakRss)}`);
const styled = child('export');
console.log(
  `  ${styled.peakRss < 500 * 2 ** 20 ? '✓' : '✗'} 核查问题清单（样式、冻结、筛选、说明、规则汇总、SHA-256）：${styled.seconds.toFixed(1)} s，` +
    `${Math.round(styled.rows / styled.seconds).toLocaleString()} 行/秒，峰值 RSS ${mb(styled.peakRss)}（目标 < 500 MB）`,
);
const ratio = styled.seconds / bare.seconds;
console.log(`  ${ratio <= 1.3 ? '✓' : '✗'} 与裸写之比 ${ratio.toFixed(2)}x（目标 ≤ 1.3x）（负载 ${load()}）`);
console.log(`\n最慢的首页/分面中位数 ${worst.toFixed(1)} ms（目标 < ${TARGET_MS} ms）`);

// The scratch folder (holding a fresh workspace) goes unless --keep; a reused workspace lives elsewhere and stays.
if (keep) console.log(`保留工作区：${dbPath}（再次运行：--workspace ${dbPath}）`);
else fs.rmSync(dir, { recursive: true, force: true });
