import type Database from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';
import type { FindingExport, FindingStatus, ParsedFindingFilter } from '@shared/api/findings';
import { FINDING_STATUS_LABELS, FINDING_STATUSES } from '@shared/api/findings';
import type { EvidenceRowView } from '@shared/api/findings';
import type { CitationView } from '@shared/api/checks';
import { ENUMS, FILING_TABLES, isTableName } from '@shared/domain/filing-schema';
import { ENTITY_TYPE_LABELS, ruleById, RULES, SEVERITY_LABELS, type EntityType, type Severity } from '@shared/domain/rules';
import type { CoreContext } from '../context';
import type { JobContext } from '../jobs';
import { registerExport, reserveExport } from '../exports/downloads';
import { writeFindingsWorkbook, type FindingCells, type RuleSummaryRow } from '../exports/findings-workbook';
import { APP_NAME, APP_VERSION } from '../app-info';
import { compileFilter, facetCounts, selectPage, type Compiled, type CompileOptions, type PageRow } from './query';

/*
 * 核查问题清单 of what the filter shows (docs: issue 5). Rows are read in keyset pages in the
 * desk's default order (severity, then discovery), so no statement stays open while the writer
 * yields and other requests keep using the connection.
 */

const PAGE = 2000;
/** Text cells stay readable and far below Excel's 32,767-character limit. */
const EVIDENCE_CHARS = 1500;
/** Page cache while exporting, in KiB (negative: SQLite's unit for a size in KiB). */
const EXPORT_CACHE_KIB = -32768;

interface ExportRow extends PageRow {
  entity_type: EntityType;
  evidence_json: string;
  citations_json: string;
}

/** 'YYYY-MM-DD HH:MM:SS' (UTC+8 wall clock) as a Date whose UTC fields are that wall clock: Excel shows it unchanged. */
export function wallClockDate(text: string): Date {
  return new Date(`${text.length === 10 ? `${text}T00:00:00` : text.replace(' ', 'T')}Z`);
}

export function evidenceSummary(evidence: EvidenceRowView[]): string {
  const parts = evidence.map((e) => {
    const table = isTableName(e.table) ? FILING_TABLES[e.table].label : e.table;
    const keys = Object.entries(e.key)
      .filter(([, v]) => v !== null && v !== '')
      .map(([k, v]) => `${k}=${v}`)
      .join('，');
    return `${table} 第${e.src_row}行${keys ? `（${keys}）` : ''}`;
  });
  let text = parts.join('；');
  if (text.length > EVIDENCE_CHARS) text = `${text.slice(0, EVIDENCE_CHARS)}…（共 ${evidence.length} 行证据）`;
  return text;
}

export function opinion(status: FindingStatus, dismissReason: string | null, note: string | null): string {
  const parts: string[] = [];
  if (status === 'dismissed' && dismissReason) parts.push(`排除理由：${dismissReason}`);
  if (note) parts.push(note);
  return parts.join('\n');
}

function cells(row: ExportRow): FindingCells {
  const entity = JSON.parse(row.entity_json) as { type: string; id?: string; ids?: string[] };
  const accountId = row.account_id ?? (entity.type === 'account_group' ? (entity.ids ?? []).join('、') : entity.type === 'account' ? (entity.id ?? '') : '');
  const citations = (JSON.parse(row.citations_json) as CitationView[]).map((c) => c.text).join('；');
  return [
    row.platform_name,
    row.rule_id,
    row.title,
    SEVERITY_LABELS[row.severity].zh,
    ENTITY_TYPE_LABELS[row.entity_type]?.zh ?? row.entity_type,
    accountId,
    row.account_name ?? '',
    row.subject_name ?? '',
    row.explanation,
    citations,
    FINDING_STATUS_LABELS[row.status],
    opinion(row.status, row.dismiss_reason, row.note),
    evidenceSummary(JSON.parse(row.evidence_json) as EvidenceRowView[]),
  ];
}

/** The rows of 问题清单 in keyset pages, in the desk's default order (severity, then discovery). */
export function* findingCellPages(db: Database.Database, filter: ParsedFindingFilter, compiled: Compiled, throwIfCancelled: () => void = () => {}): Generator<FindingCells[]> {
  let cursor: string | undefined;
  for (;;) {
    throwIfCancelled();
    const { rows, next } = selectPage<ExportRow>(db, filter, compiled, { sort: 'severity', limit: PAGE, cursor, columns: 'f.entity_type, f.evidence_json, f.citations_json' });
    yield rows.map(cells);
    if (next === null) return;
    cursor = next;
  }
}

/** The filter in words, for 说明. */
export function describeFilter(ctx: CoreContext, filter: ParsedFindingFilter): string {
  const parts: string[] = [];
  const list = (label: string, values: readonly string[] | undefined, name: (v: string) => string = (v) => v) => {
    if (values?.length) parts.push(`${label}：${values.map(name).join('、')}`);
  };
  list('备案', filter.filings?.map(String), (v) => `#${v}`);
  list('平台', filter.platforms);
  list('规则', filter.rules, (v) => `${v} ${ruleById(v)?.titleZh ?? ''}`.trim());
  list('严重程度', filter.severities, (v) => SEVERITY_LABELS[v as Severity]?.zh ?? v);
  list('状态', filter.statuses, (v) => FINDING_STATUS_LABELS[v as FindingStatus] ?? v);
  list('MCN', filter.mcns, (v) => v || '（无 MCN）');
  list('内容类别', filter.categories, (v) => (v === '' ? '（无账号）' : ((ENUMS.content_category as Record<string, string>)[v] ?? v)));
  if (filter.accountId) parts.push(`账号：${filter.accountId}`);
  if (filter.identityKey) parts.push(`主体：${filter.identityKey}`);
  if (filter.q) parts.push(`名称包含：“${filter.q}”`);
  if (filter.campaign) {
    const name = ctx.ws.raw.prepare('SELECT name FROM campaigns WHERE id = ?').pluck().get(filter.campaign.id) as string | undefined;
    parts.push(`专项行动：${name ?? `#${filter.campaign.id}`}${filter.campaign.category ? ` 类别 ${filter.campaign.category}` : ''}`);
  }
  if (filter.includeGone) parts.push('含最近一次核查已不再出现的问题');
  return parts.length ? parts.join('；') : '无（全部核查发现）';
}

export async function exportFindings(ctx: CoreContext, filter: ParsedFindingFilter, options: CompileOptions, job: JobContext): Promise<FindingExport> {
  const db = ctx.ws.raw;
  job.progress({ phase: 'count', label: '统计要导出的核查发现', done: 0, total: null });
  const { total, counts } = facetCounts(db, filter, options);
  const compiled = compileFilter(db, filter, options);

  // Rule × status counts of the exported set (规则汇总), from the same filter.
  const summaryRows = db
    .prepare(`SELECT f.rule_id, f.status, count(*) AS n FROM findings f WHERE ${compiled.where.join(' AND ') || '1'} GROUP BY 1, 2`)
    .all(compiled.params) as { rule_id: string; status: FindingStatus; n: number }[];
  const byRule = new Map<string, number[]>();
  for (const r of summaryRows) {
    const row = byRule.get(r.rule_id) ?? FINDING_STATUSES.map(() => 0);
    row[FINDING_STATUSES.indexOf(r.status)] += r.n;
    byRule.set(r.rule_id, row);
  }
  const order = (id: string) => {
    const i = RULES.findIndex((r) => r.id === id);
    return i < 0 ? RULES.length : i;
  };
  const summary: RuleSummaryRow[] = [...byRule.entries()]
    .sort((a, b) => order(a[0]) - order(b[0]) || a[0].localeCompare(b[0]))
    .map(([ruleId, n]) => {
      const rule = ruleById(ruleId);
      return { ruleId, title: rule?.titleZh ?? ruleId, severity: rule ? SEVERITY_LABELS[rule.severity].zh : '', counts: n };
    });

  const filingIds = [...counts.filing.keys()].map(Number).sort((a, b) => a - b);
  const filings = db
    .prepare(
      `SELECT f.id, f.platform_id, f.platform_name, f.source_name, f.period_start, f.period_end, f.version, f.package_sha256,
              (SELECT rule_set_version FROM check_runs r WHERE r.filing_id = f.id AND r.status = 'succeeded' ORDER BY r.id DESC LIMIT 1) AS rule_set_version
       FROM filings f WHERE f.id IN (SELECT value FROM json_each(?)) ORDER BY f.id`,
    )
    .all(JSON.stringify(filingIds)) as {
    id: number; platform_id: string; platform_name: string; source_name: string; period_start: string; period_end: string; version: number;
    package_sha256: string; rule_set_version: string | null;
  }[];
  const exportedAt = new Date();
  const join = (values: string[]) => [...new Set(values)].join('；') || '—';
  const info: [string, string | number | Date][] = [
    ['文件', '核查问题清单'],
    ['平台', join(filings.map((f) => `${f.platform_name}（${f.platform_id}）`))],
    ['备案数据包', join(filings.map((f) => `#${f.id} ${f.source_name} 第${f.version}版`))],
  ];
  if (filings.length === 1) {
    info.push(['报送期间起', wallClockDate(filings[0].period_start)], ['报送期间止', wallClockDate(filings[0].period_end)]);
  } else {
    info.push(['报送期间', join(filings.map((f) => `#${f.id} ${f.period_start} 至 ${f.period_end}`))]);
  }
  info.push(
    ['数据包 SHA-256', join(filings.map((f) => (filings.length > 1 ? `#${f.id} ${f.package_sha256}` : f.package_sha256)))],
    ['规则集版本', join(filings.map((f) => f.rule_set_version ?? '（未核查）'))],
    ['软件版本', `${APP_NAME} ${APP_VERSION}`],
    ['筛选条件', describeFilter(ctx, filter)],
    ['问题条数', total],
    ['导出时间', wallClockDate(new Date(exportedAt.getTime() + 8 * 3_600_000).toISOString().slice(0, 19).replace('T', ' '))],
    ['导出人', ctx.actor],
    ['说明', '时间均为北京时间。以 = + - @ 或制表符、回车、换行开头的平台数据前加了单引号，防止电子表格将其当作公式执行。'],
  );

  const fileName = `核查问题清单-${filings.length === 1 ? `${filings[0].platform_name}-第${filings[0].version}版` : '多平台'}-${exportedAt.toISOString().slice(0, 10)}.xlsx`;
  const reserved = reserveExport(ctx, fileName);

  let result: Awaited<ReturnType<typeof writeFindingsWorkbook>>;
  // The workspace keeps a 256 MiB page cache for imports; a sequential read of a million rows
  // gains nothing from it, so the export runs with a small one and stays within its memory budget.
  const cacheSize = db.pragma('cache_size', { simple: true }) as number;
  db.pragma(`cache_size = ${EXPORT_CACHE_KIB}`);
  try {
    result = await writeFindingsWorkbook(reserved.path, {
    info,
    pages: findingCellPages(db, filter, compiled, job.throwIfCancelled),
    total,
    statusLabels: FINDING_STATUSES.map((s) => FINDING_STATUS_LABELS[s]),
    summary,
    actor: ctx.actor,
    progress: (done) => job.progress({ phase: 'write', label: '写入核查问题清单', done, total }),
    throwIfCancelled: job.throwIfCancelled,
    });
  } catch (error) {
    // A cancelled or failed export leaves no half-written file behind.
    fs.rmSync(reserved.path, { force: true });
    throw error;
  } finally {
    db.pragma(`cache_size = ${cacheSize}`);
  }
  const record = await registerExport(ctx, reserved, 'findings', filings.map((f) => `filing:${f.id}`).join(',') || 'findings', path.basename(fileName));
  ctx.audit.record('findings.export', record.target, { exportId: record.id, rows: result.rows, filter, sha256: record.sha256 });
  job.progress({ phase: 'done', label: '完成', done: result.rows, total: result.rows });
  return { exportId: record.id, fileName: record.fileName, bytes: record.bytes, sha256: record.sha256, rows: result.rows, sheets: result.sheets };
}
