import type ExcelJS from 'exceljs';
import type { CampaignFinding, CampaignStats } from '@shared/api/campaigns';
import { ENFORCEMENT_ACTION_LABELS, ENFORCEMENT_ACTIONS, SUMMARY_ACTIONS, VIOLATION_REASON_LABELS, ruleTitle, type ViolationReason } from '@shared/domain/campaigns';
import { LEXICON_CATEGORY_LABELS, type LexiconCategory } from '@shared/domain/reference';
import { FINDING_STATUS_LABELS } from '@shared/api/findings';
import { neutralizeCellText } from './cell-safety';

/*
 * 专项行动统计表: 说明, 汇总表, 按周趋势, 处置措施明细, 典型案例 (docs/campaigns.md).
 * Every sheet prints landscape on A4 fitted to the page width, repeats its header rows on each
 * printed page, freezes the headers, and uses a font that renders Chinese. Text taken from
 * platform data (names, ids, explanations) goes through neutralizeCellText; the only formulas
 * are the SUMs of the 合计 rows, written with their computed results.
 */

export const SHEETS = ['说明', '汇总表', '按周趋势', '处置措施明细', '典型案例'] as const;
export const CJK_FONT = '宋体';
/** GB2312 charset id, so Excel picks the Chinese face even where the name is unknown. */
const FONT: Partial<ExcelJS.Font> = { name: CJK_FONT, size: 10, charset: 134 };
const HEADER_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE8EEF7' } };
const THIN: Partial<ExcelJS.Borders> = {
  top: { style: 'thin' },
  left: { style: 'thin' },
  bottom: { style: 'thin' },
  right: { style: 'thin' },
};

export interface WorkbookInput {
  stats: CampaignStats;
  typical: CampaignFinding[];
  actor: string;
}

const text = (value: string | null | undefined) => neutralizeCellText(value ?? '');

export async function buildCampaignWorkbook({ stats, typical, actor }: WorkbookInput): Promise<Buffer> {
  const { default: Excel } = await import('exceljs');
  const wb = new Excel.Workbook();
  wb.creator = actor;
  wb.created = new Date();
  wb.title = `${stats.campaign.name} 专项行动统计表`;

  explanationSheet(wb, stats, actor);
  summarySheet(wb, stats);
  weeklySheet(wb, stats);
  actionsSheet(wb, stats);
  typicalSheet(wb, stats, typical);

  for (const ws of wb.worksheets) {
    ws.eachRow({ includeEmpty: false }, (row) =>
      row.eachCell({ includeEmpty: true }, (cell) => {
        cell.font = { ...FONT, ...cell.font, name: CJK_FONT, charset: 134 };
      }),
    );
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

function sheet(wb: ExcelJS.Workbook, name: (typeof SHEETS)[number], headerRows: [number, number], xSplit: number): ExcelJS.Worksheet {
  return wb.addWorksheet(name, {
    pageSetup: {
      paperSize: 9, // A4
      orientation: 'landscape',
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
      printTitlesRow: `${headerRows[0]}:${headerRows[1]}`,
      margins: { left: 0.4, right: 0.4, top: 0.6, bottom: 0.6, header: 0.3, footer: 0.3 },
    },
    views: [{ state: 'frozen', xSplit, ySplit: headerRows[1] }],
  });
}

function title(ws: ExcelJS.Worksheet, value: string, width: number): void {
  ws.getCell(1, 1).value = value;
  ws.getCell(1, 1).font = { bold: true, size: 14 };
  ws.getCell(1, 1).alignment = { vertical: 'middle', horizontal: 'center' };
  if (width > 1) ws.mergeCells(1, 1, 1, width);
  ws.getRow(1).height = 24;
}

function header(ws: ExcelJS.Worksheet, row: number, col: number, value: string, rowSpan = 1, colSpan = 1): void {
  const cell = ws.getCell(row, col);
  cell.value = value;
  if (rowSpan > 1 || colSpan > 1) ws.mergeCells(row, col, row + rowSpan - 1, col + colSpan - 1);
  for (let r = row; r < row + rowSpan; r++) {
    for (let c = col; c < col + colSpan; c++) {
      const each = ws.getCell(r, c);
      each.font = { bold: true };
      each.fill = HEADER_FILL;
      each.border = THIN;
      each.alignment = { vertical: 'middle', horizontal: 'center', wrapText: true };
    }
  }
}

function body(ws: ExcelJS.Worksheet, row: number, values: (string | number)[], bold = false): void {
  values.forEach((v, i) => {
    const cell = ws.getCell(row, i + 1);
    cell.value = v;
    cell.border = THIN;
    if (bold) cell.font = { bold: true };
    cell.alignment = typeof v === 'number' ? { horizontal: 'right' } : { vertical: 'top', wrapText: true };
  });
}

/** A 合计 row: a label, then for each numeric column a SUM over the data rows with its computed result. */
function totalRow(ws: ExcelJS.Worksheet, row: number, firstData: number, lastData: number, labelCols: number, lastCol: number): void {
  ws.getCell(row, 1).value = '合计';
  if (labelCols > 1) ws.mergeCells(row, 1, row, labelCols);
  for (let c = 1; c <= lastCol; c++) {
    const cell = ws.getCell(row, c);
    cell.border = THIN;
    cell.font = { bold: true };
    if (c <= labelCols) {
      cell.alignment = { horizontal: 'center' };
      continue;
    }
    let result = 0;
    for (let r = firstData; r <= lastData; r++) {
      const v = ws.getCell(r, c).value;
      if (typeof v === 'number') result += v;
    }
    const letter = ws.getColumn(c).letter;
    cell.value = lastData >= firstData ? { formula: `SUM(${letter}${firstData}:${letter}${lastData})`, result } : 0;
    cell.alignment = { horizontal: 'right' };
  }
}

function scopeText(stats: CampaignStats): string {
  const { scope } = stats.campaign;
  if (scope.filings.length > 0) return `指定备案数据包 ${scope.filings.length} 个`;
  if (scope.platforms.length > 0) return `指定平台：${scope.platforms.join('、')}（报送期间与统计时段有交集的全部数据包）`;
  return '全部平台（报送期间与统计时段有交集的全部数据包）';
}

function explanationSheet(wb: ExcelJS.Workbook, stats: CampaignStats, actor: string): void {
  const ws = sheet(wb, '说明', [1, 1], 0);
  const c = stats.campaign;
  ws.columns = [{ width: 22 }, { width: 26 }, { width: 30 }, { width: 14 }, { width: 14 }, { width: 8 }, { width: 70 }];
  title(ws, `${c.name} 统计表说明`, 7);
  let r = 3;
  const pairs: [string, string][] = [
    ['专项行动', c.name],
    ['行动编号', c.code],
    ['发文单位', c.issuer || '—'],
    ['统计时段', `${c.windowStart} 至 ${c.windowEnd}（含首尾两日，北京时间）`],
    ['统计范围', scopeText(stats)],
    ['规则集版本', stats.ruleSetVersion],
    ['生成时间', `${stats.generatedAt}（北京时间）`],
    ['生成人', actor],
    [
      '统计口径',
      '发现问题数：范围内数据包中对应规则的核查发现（不含已排除、不含已不再出现的），同一平台同一规则同一对象只计一次；事件日期在统计时段内才计入（事件日期取证据中内容发布、处置开始、转让生效、投诉受理等时间中落在时段内最早者，无事件时间的取数据包报送期间截止日）。已确认含已整改。涉及账号数按平台去重后相加。处置措施：平台报送的处置记录中开始时间在时段内、违规类型对应本行动某一类别的记录。',
    ],
  ];
  for (const [k, v] of pairs) {
    ws.getCell(r, 1).value = k;
    ws.getCell(r, 1).font = { bold: true };
    ws.getCell(r, 2).value = text(v);
    ws.mergeCells(r, 2, r, 7);
    ws.getCell(r, 2).alignment = { wrapText: true, vertical: 'top' };
    if (k === '统计口径') ws.getRow(r).height = 64;
    r++;
  }

  r++;
  ws.getCell(r++, 1).value = '使用的备案数据包';
  ['平台ID', '平台名称', '数据包文件', '报送期间起', '报送期间止', '版本', '数据包 SHA-256'].forEach((h, i) => header(ws, r, i + 1, h));
  r++;
  for (const f of stats.filings) {
    body(ws, r++, [text(f.platformId), text(f.platformName), text(f.sourceName), f.periodStart, f.periodEnd, f.version, f.packageSha256]);
  }
  if (stats.filings.length === 0) ws.getCell(r++, 1).value = '（范围内没有备案数据包）';

  r++;
  ws.getCell(r++, 1).value = '问题类别及对应关系';
  ['类别编号', '类别名称', '对应核查规则', '', '', '', '对应违规类型（处置记录）'].forEach((h, i) => h && header(ws, r, i + 1, h, 1, i === 2 ? 4 : 1));
  r++;
  for (const cat of c.categories) {
    const rules = cat.rules
      .map((x) => `${ruleTitle(x.rule)}（${x.rule}${x.lexiconCategories ? `，名称含${x.lexiconCategories.map((l) => LEXICON_CATEGORY_LABELS[l as LexiconCategory]?.zh ?? l).join('/')}类词` : ''}）`)
      .join('；');
    const reasons = cat.reasons.map((x) => `${VIOLATION_REASON_LABELS[x as ViolationReason] ?? x}（${x}）`).join('；');
    body(ws, r, [cat.code, cat.name, rules || '—', '', '', '', reasons || '—']);
    ws.mergeCells(r, 3, r, 6);
    r++;
  }
}

function summarySheet(wb: ExcelJS.Workbook, stats: CampaignStats): void {
  const cats = stats.campaign.categories;
  const lastCol = 2 + cats.length * 3 + SUMMARY_ACTIONS.length;
  const ws = sheet(wb, '汇总表', [2, 3], 2);
  ws.columns = [{ width: 18 }, { width: 12 }, ...Array.from({ length: lastCol - 2 }, () => ({ width: 9 }))];
  title(ws, `${stats.campaign.name} 统计汇总表（${stats.campaign.windowStart} 至 ${stats.campaign.windowEnd}）`, lastCol);
  header(ws, 2, 1, '平台名称', 2);
  header(ws, 2, 2, '平台ID', 2);
  cats.forEach((cat, i) => {
    const col = 3 + i * 3;
    header(ws, 2, col, `${cat.code}. ${cat.name}`, 1, 3);
    header(ws, 3, col, '发现问题数');
    header(ws, 3, col + 1, '已确认');
    header(ws, 3, col + 2, '涉及账号数');
  });
  const actionCol = 3 + cats.length * 3;
  header(ws, 2, actionCol, '平台处置措施（涉及账号数）', 1, SUMMARY_ACTIONS.length);
  SUMMARY_ACTIONS.forEach((a, i) => header(ws, 3, actionCol + i, ENFORCEMENT_ACTION_LABELS[a]));
  ws.getRow(3).height = 30;

  const cellOf = new Map(stats.cells.map((c) => [`${c.platformId}\u0000${c.category}`, c]));
  const typeOf = new Map(stats.actionsByType.map((a) => [`${a.platformId}\u0000${a.action}`, a]));
  let r = 4;
  for (const p of stats.platforms) {
    const values: (string | number)[] = [text(p.platformName), text(p.platformId)];
    for (const cat of cats) {
      const c = cellOf.get(`${p.platformId}\u0000${cat.code}`);
      values.push(c?.findings ?? 0, c?.confirmed ?? 0, c?.accounts ?? 0);
    }
    for (const a of SUMMARY_ACTIONS) values.push(typeOf.get(`${p.platformId}\u0000${a}`)?.accounts ?? 0);
    body(ws, r++, values);
  }
  totalRow(ws, r, 4, r - 1, 2, lastCol);
}

function weeklySheet(wb: ExcelJS.Workbook, stats: CampaignStats): void {
  const cats = stats.campaign.categories;
  const lastCol = 6 + cats.length * 2;
  const ws = sheet(wb, '按周趋势', [2, 3], 1);
  ws.columns = [{ width: 8 }, { width: 12 }, { width: 12 }, { width: 10 }, { width: 10 }, { width: 10 }, ...cats.flatMap(() => [{ width: 9 }, { width: 9 }])];
  title(ws, `${stats.campaign.name} 按周趋势`, lastCol);
  header(ws, 2, 1, '周次', 2);
  header(ws, 2, 2, '起始日期', 2);
  header(ws, 2, 3, '截止日期', 2);
  header(ws, 2, 4, '合计', 1, 3);
  header(ws, 3, 4, '发现问题数');
  header(ws, 3, 5, '已确认');
  header(ws, 3, 6, '处置措施数');
  cats.forEach((cat, i) => {
    const col = 7 + i * 2;
    header(ws, 2, col, `${cat.code}. ${cat.name}`, 1, 2);
    header(ws, 3, col, '发现问题数');
    header(ws, 3, col + 1, '处置措施数');
  });
  ws.getRow(3).height = 30;
  let r = 4;
  for (const w of stats.weeks) {
    body(ws, r++, [`第${w.week}周`, w.start, w.end, w.findings, w.confirmed, w.actions, ...cats.flatMap((c) => [w.findingsByCategory[c.code] ?? 0, w.actionsByCategory[c.code] ?? 0])]);
  }
  totalRow(ws, r, 4, r - 1, 3, lastCol);
}

function actionsSheet(wb: ExcelJS.Workbook, stats: CampaignStats): void {
  const ws = sheet(wb, '处置措施明细', [2, 3], 2);
  ws.columns = [{ width: 18 }, { width: 12 }, ...ENFORCEMENT_ACTIONS.flatMap(() => [{ width: 7 }, { width: 7 }])];
  const lastCol = 2 + ENFORCEMENT_ACTIONS.length * 2;
  title(ws, `${stats.campaign.name} 平台处置措施明细（处置次数 / 涉及账号数）`, lastCol);
  header(ws, 2, 1, '平台名称', 2);
  header(ws, 2, 2, '平台ID', 2);
  ENFORCEMENT_ACTIONS.forEach((a, i) => {
    header(ws, 2, 3 + i * 2, ENFORCEMENT_ACTION_LABELS[a], 1, 2);
    header(ws, 3, 3 + i * 2, '次数');
    header(ws, 3, 4 + i * 2, '账号数');
  });
  const typeOf = new Map(stats.actionsByType.map((a) => [`${a.platformId}\u0000${a.action}`, a]));
  let r = 4;
  for (const p of stats.platforms) {
    body(ws, r++, [
      text(p.platformName),
      text(p.platformId),
      ...ENFORCEMENT_ACTIONS.flatMap((a) => {
        const t = typeOf.get(`${p.platformId}\u0000${a}`);
        return [t?.actions ?? 0, t?.accounts ?? 0];
      }),
    ]);
  }
  totalRow(ws, r, 4, r - 1, 2, lastCol);

  // By category through the reason mapping, below the per-type table.
  r += 2;
  const cats = stats.campaign.categories;
  ws.getCell(r, 1).value = '按问题类别（违规类型对应）';
  ws.getCell(r, 1).font = { bold: true };
  r++;
  header(ws, r, 1, '平台名称', 2);
  header(ws, r, 2, '平台ID', 2);
  cats.forEach((cat, i) => {
    header(ws, r, 3 + i * 2, `${cat.code}. ${cat.name}`, 1, 2);
    header(ws, r + 1, 3 + i * 2, '次数');
    header(ws, r + 1, 4 + i * 2, '账号数');
  });
  r += 2;
  const first = r;
  const catOf = new Map(stats.actionsByCategory.map((a) => [`${a.platformId}\u0000${a.category}`, a]));
  for (const p of stats.platforms) {
    body(ws, r++, [
      text(p.platformName),
      text(p.platformId),
      ...cats.flatMap((c) => {
        const t = catOf.get(`${p.platformId}\u0000${c.code}`);
        return [t?.actions ?? 0, t?.accounts ?? 0];
      }),
    ]);
  }
  totalRow(ws, r, first, r - 1, 2, 2 + cats.length * 2);
}

function typicalSheet(wb: ExcelJS.Workbook, stats: CampaignStats, typical: CampaignFinding[]): void {
  const ws = sheet(wb, '典型案例', [2, 2], 0);
  ws.columns = [{ width: 6 }, { width: 14 }, { width: 18 }, { width: 24 }, { width: 18 }, { width: 9 }, { width: 11 }, { width: 40 }, { width: 60 }];
  title(ws, `${stats.campaign.name} 典型案例`, 9);
  ['序号', '平台', '问题类别', '核查规则', '对象', '状态', '事件日期', '案例摘要', '核查说明'].forEach((h, i) => header(ws, 2, i + 1, h));
  const names = new Map(stats.campaign.categories.map((c) => [c.code, `${c.code}. ${c.name}`]));
  let r = 3;
  typical.forEach((f, i) => {
    const entity = f.entity.type === 'account_group' ? f.entity.ids.join('、') : f.entity.id;
    body(ws, r++, [
      i + 1,
      text(f.platformName),
      f.categories.map((c) => names.get(c) ?? c).join('；'),
      `${ruleTitle(f.ruleId)}（${f.ruleId}）`,
      text(entity),
      FINDING_STATUS_LABELS[f.status],
      f.eventDate,
      text(f.typicalSummary),
      text(f.explanation),
    ]);
  });
  if (typical.length === 0) ws.getCell(r, 1).value = '（本行动范围内尚未标记典型案例）';
}
