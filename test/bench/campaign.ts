/*
 * Campaign statistics and export over five filings of 200,000 accounts each
 * (npm run bench:campaign, i.e. `tsx test/bench/campaign.ts`; target: statistics under 2 s).
 *
 * Importing and checking five packages of that size would take minutes and measure the
 * importer and the rules, not the statistics, so the rows the statistics read (filings,
 * accounts, findings, enforcement actions) are generated directly in bulk: a seeded mix of
 * every rule of rules-v1 with realistic evidence, review statuses and dates on both sides of
 * the window. Options: --accounts N (per filing, default 200000), --filings N (default 5),
 * --keep (keep the workspace), --workspace DIR (a workspace a previous --keep run left: the data
 * is not generated again, so repeated measurements take seconds; the first statistics call then
 * runs in a fresh process with the reference data already stored). The load average is printed
 * with the numbers: the machine is shared.
 */
import type Database from 'better-sqlite3';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ENFORCEMENT_ACTIONS, VIOLATION_REASONS } from '@shared/domain/campaigns';
import { RULE_IDS } from '@shared/domain/rules';
import { AuditLog } from '../../electron/core/audit/audit-log';
import { createCampaignsService } from '../../electron/core/campaigns/service';
import type { CoreContext } from '../../electron/core/context';
import { openWorkspace } from '../../electron/core/db/connection';
import { EventBus } from '../../electron/core/event-bus';
import { JobRunner } from '../../electron/core/jobs';
import { defaultResourcesDir } from '../../electron/core/paths';

const option = (name: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
};
const load = () => os.loadavg().map((l) => l.toFixed(1)).join(' / ');
const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
};
const ACCOUNTS = arg('accounts', 200_000);
const FILINGS = arg('filings', 5);
const FINDINGS_PER_ACCOUNT = 0.5;
const ACTIONS_PER_ACCOUNT = 0.1;

/** mulberry32: the same data on every run. */
function prng(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const rand = prng(20241001);
const pick = <T>(xs: readonly T[]) => xs[Math.floor(rand() * xs.length)];
/** A time between 2024-09-01 and 2025-01-31 (the window is 2024-10-01 … 2024-12-31). */
function time(): string {
  const ms = Date.UTC(2024, 8, 1) + Math.floor(rand() * 152 * 86_400_000);
  return new Date(ms).toISOString().slice(0, 19).replace('T', ' ');
}
const NAMES = ['新闻速递', 'CCTV热点', '三亚市委通知', '生活小妙招', '财经观察', '人民日报快讯', '科技前沿', '今日报道'];

function evidence(rule: string, account: string): string {
  const rows: unknown[] = [{ table: 'accounts', src_row: 2, key: { account_id: account, display_name: '名称' } }];
  if (rule.startsWith('content.') || rule === 'news.unlicensed_publishing' || rule === 'account.category_mismatch') {
    for (let i = 0; i < 1 + Math.floor(rand() * 4); i++) rows.push({ table: 'contents', src_row: 3 + i, key: { content_id: `C${i}`, published_at: time(), topic: 'politics' } });
  } else if (rule.startsWith('enforcement.') || rule.startsWith('monetization.') || rule.startsWith('followers.')) {
    for (let i = 0; i < 1 + Math.floor(rand() * 2); i++) rows.push({ table: 'enforcement_actions', src_row: 3 + i, key: { action_id: `X${i}`, action: 'ban', start_at: time() } });
  }
  return JSON.stringify(rows);
}

/** Filings, accounts, findings and actions written directly in bulk (seeded: the same data on every run). */
function generateData(db: Database.Database): { findings: number; actions: number; generateS: number } {
  const t0 = performance.now();
  const filing = db.prepare(
    `INSERT INTO filings (id, package_sha256, source_name, platform_id, platform_name, period_start, period_end, version, manifest_json, imported_at, imported_by)
     VALUES (?, ?, ?, ?, ?, '2024-10-01', '2024-12-31', 1, '{}', '2025-01-06 09:00:00', 'bench')`,
  );
  const run = db.prepare(
    `INSERT INTO check_runs (id, filing_id, rule_set_version, rules_json, status, started_at, reference_json, actor) VALUES (?, ?, 'rules-v1', '[]', 'succeeded', '2025-01-06 10:00:00', '[]', 'bench')`,
  );
  const account = db.prepare(
    `INSERT INTO accounts (filing_id, account_id, subject_id, display_name, content_category, registered_at, status, followers, src_row) VALUES (?, ?, ?, ?, 'news', '2023-01-01 00:00:00', 'active', 0, ?)`,
  );
  const finding = db.prepare(
    `INSERT INTO findings (filing_id, rule_id, severity, entity_type, entity_key, entity_json, account_id, title, explanation, evidence_json, citations_json,
                           status, typical_case, typical_summary, first_seen_run, last_seen_run, created_at, updated_at)
     VALUES (?, ?, 'medium', 'account', ?, ?, ?, '标题', '说明', ?, '[]', ?, ?, ?, ?, ?, '2025-01-06 10:00:00', '2025-01-06 10:00:00')`,
  );
  const action = db.prepare(
    `INSERT INTO enforcement_actions (filing_id, action_id, target_type, account_id, action, reason, start_at, src_row) VALUES (?, ?, 'account', ?, ?, ?, ?, ?)`,
  );
  let findings = 0;
  let actions = 0;
  for (let f = 1; f <= FILINGS; f++) {
    filing.run(f, String(f).repeat(64).slice(0, 64), `platform-${f}.zip`, `P${String(f).padStart(3, '0')}`, `平台${f}`);
    run.run(f, f);
    // One transaction per 10k rows (docs/measured-notes: the fast path for better-sqlite3).
    for (let start = 0; start < ACCOUNTS; start += 10_000) {
      db.transaction(() => {
        for (let i = start; i < Math.min(start + 10_000, ACCOUNTS); i++) {
          const id = `A${i}`;
          account.run(f, id, `S${i}`, `${pick(NAMES)}${i}`, i + 2);
          if (rand() < FINDINGS_PER_ACCOUNT) {
            const rule = pick(RULE_IDS);
            const r = rand();
            const status = r < 0.6 ? 'pending' : r < 0.8 ? 'confirmed' : r < 0.9 ? 'dismissed' : 'rectified';
            const typical = rand() < 0.002 ? 1 : 0;
            finding.run(f, rule, id, JSON.stringify({ type: 'account', id }), id, evidence(rule, id), status, typical, typical ? '典型案例摘要' : null, f, f);
            findings++;
          }
          if (rand() < ACTIONS_PER_ACCOUNT) {
            action.run(f, `X${i}`, id, pick(ENFORCEMENT_ACTIONS), pick(VIOLATION_REASONS), time(), i + 2);
            actions++;
          }
        }
      })();
    }
  }
  const generateS = (performance.now() - t0) / 1000;
  console.log(`生成数据 generated: ${FILINGS} 个备案 × ${ACCOUNTS.toLocaleString()} 个账号，核查发现 ${findings.toLocaleString()} 条，处置记录 ${actions.toLocaleString()} 条，用时 ${generateS.toFixed(1)} 秒`);
  return { findings, actions, generateS };
}

async function main(): Promise<void> {
  const reuse = option('workspace');
  const dir = reuse ?? fs.mkdtempSync(path.join(os.tmpdir(), 'fi-bench-campaign-'));
  const generate = !reuse || !fs.existsSync(path.join(dir, 'workspace.db'));
  // The campaigns service alone over a workspace: the benchmark does not depend on the other features.
  const ws = await openWorkspace(path.join(dir, 'workspace.db'));
  const bus = new EventBus();
  const context: CoreContext = { ws, bus, jobs: new JobRunner(bus), audit: new AuditLog(ws, 'bench'), dataDir: path.join(dir, 'data'), resourcesDir: defaultResourcesDir(), actor: 'bench' };
  const db = ws.raw;
  try {
    let findings = (db.prepare('SELECT count(*) FROM findings').pluck().get() as number) ?? 0;
    let actions = (db.prepare('SELECT count(*) FROM enforcement_actions').pluck().get() as number) ?? 0;
    let generateS = 0;
    if (generate) ({ findings, actions, generateS } = generateData(db));
    else console.log(`沿用工作区 reused: ${dir}（核查发现 ${findings.toLocaleString()} 条，处置记录 ${actions.toLocaleString()} 条）`);

    const api = createCampaignsService(context);
    const ql = (await api.list(undefined)).find((c) => c.code === 'QL2024')!;
    const every = (await api.list(undefined)).find((c) => c.code === 'ALL-RULES') ?? await api.create({
      campaign: {
        code: 'ALL-RULES',
        name: '全部规则（最坏情况）',
        issuer: '',
        windowStart: '2024-10-01',
        windowEnd: '2024-12-31',
        scope: { platforms: [], filings: [] },
        // Seven categories of five rules each cover all 35; every reason counts toward one category.
        categories: Array.from({ length: 7 }, (_, c) => ({
          code: String(c + 1),
          name: `第${c + 1}组`,
          rules: RULE_IDS.filter((_, i) => i % 7 === c).map((rule) => ({ rule })),
          reasons: VIOLATION_REASONS.filter((_, i) => i % 7 === c),
        })),
      },
    });

    const results: Record<string, number | string> = {};
    for (const [label, id] of [
      ['QL2024', ql.id],
      ['ALL-RULES', every.id],
    ] as const) {
      const times: number[] = [];
      const cpuTimes: number[] = [];
      let counted = 0;
      const loadBefore = load();
      for (let i = 0; i < 3; i++) {
        const t = performance.now();
        const c = process.cpuUsage();
        const s = await api.stats({ id });
        times.push(performance.now() - t);
        const used = process.cpuUsage(c);
        cpuTimes.push((used.user + used.system) / 1000);
        counted = s.totals.findings;
      }
      const t = performance.now();
      const exported = await api.export({ id });
      const exportMs = performance.now() - t;
      console.log(
        `${label}: 统计 stats ${times.map((x) => (x / 1000).toFixed(2)).join(' / ')} 秒（首次/再次/再次；CPU ${cpuTimes.map((x) => (x / 1000).toFixed(2)).join(' / ')} 秒；计入发现 ${counted.toLocaleString()} 条）；导出 export ${(exportMs / 1000).toFixed(2)} 秒（${(exported.bytes / 1024).toFixed(0)} KiB）`,
      );
      console.log(`  负载（1 / 5 / 15 分钟）统计前 ${loadBefore}，导出后 ${load()}；CPU 核数 ${os.cpus().length}`);
      results[`${label}.statsFirstMs`] = Math.round(times[0]);
      results[`${label}.statsWarmMs`] = Math.round(Math.min(times[1], times[2]));
      results[`${label}.statsFirstCpuMs`] = Math.round(cpuTimes[0]);
      results[`${label}.exportMs`] = Math.round(exportMs);
      results[`${label}.countedFindings`] = counted;
    }
    const target = Number(results['QL2024.statsFirstMs']) < 2000;
    console.log(`${target ? '达标' : '未达标'}：QL2024 统计 ${results['QL2024.statsFirstMs']} 毫秒（目标 < 2000 毫秒）`);
    console.log(JSON.stringify({ accountsPerFiling: ACCOUNTS, filings: FILINGS, findings, actions, generateS: Number(generateS.toFixed(1)), ...results }));
    process.exitCode = target ? 0 : 1;
  } finally {
    await ws.close();
    if (reuse || process.argv.includes('--keep')) console.log(`保留工作区 kept: ${dir}`);
    else fs.rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
