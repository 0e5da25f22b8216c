import type ExcelJS from 'exceljs';
import { neutralizeCellText } from './cell-safety';

/*
 * 核查问题清单: sheets 说明, 问题清单 (one row per finding), 规则汇总 (counts per rule and status).
 *
 * Written with exceljs's streaming WorkbookWriter straight to a file, a page of rows at a time,
 * so a million findings take bounded memory. Rows are committed as they are added, and the
 * writer yields to the event loop after every page so the zip stream drains before more rows
 * are produced. A sheet holds 1,048,576 rows: past 1,048,575 findings (plus the header) the
 * list rolls over to 问题清单(2), 问题清单(3), ….
 *
 * Styles are shared objects, one per column kind: exceljs caches a style id per object, so
 * styling costs a map lookup per cell instead of building a style per cell. Every text cell
 * that can carry platform data goes through neutralizeCellText (formula injection).
 */

export const FINDINGS_SHEET = '问题清单';
export const MAX_ROWS_PER_SHEET = 1_048_575;
export const CJK_FONT = '宋体';

export const FINDING_COLUMNS = [
  { header: '序号', width: 9 },
  { header: '平台', width: 16 },
  { header: '规则编号', width: 24 },
  { header: '问题', width: 30, wrap: true },
  { header: '严重程度', width: 9 },
  { header: '对象类型', width: 10 },
  { header: '账号ID', width: 18 },
  { header: '账号名称', width: 20 },
  { header: '主体名称', width: 24 },
  { header: '情况说明', width: 60, wrap: true },
  { header: '依据条款', width: 28, wrap: true },
  { header: '状态', width: 9 },
  { header: '核查意见', width: 30, wrap: true },
  { header: '证据摘要', width: 50, wrap: true },
] as const;

/** One row of 问题清单, in column order. 序号 is filled by the writer. */
export type FindingCells = [
  platform: string,
  ruleId: string,
  title: string,
  severity: string,
  entityType: string,
  accountId: string,
  accountName: string,
  subjectName: string,
  explanation: string,
  citations: string,
  status: string,
  opinion: string,
  evidence: string,
];

export interface RuleSummaryRow {
  ruleId: string;
  title: string;
  severity: string;
  /** Counts per status label, in `statusLabels` order. */
  counts: number[];
}

export interface FindingsWorkbookInput {
  /** 说明: label → value; Dates are written as real dates. */
  info: [string, string | number | Date][];
  /** Pages of rows in export order; read lazily, one page at a time. */
  pages: AsyncIterable<FindingCells[]> | Iterable<FindingCells[]>;
  /** Expected number of rows (progress). */
  total: number;
  statusLabels: string[];
  summary: RuleSummaryRow[];
  actor: string;
  rowsPerSheet?: number;
  progress?(done: number, total: number): void;
  throwIfCancelled?(): void;
}

const FONT: Partial<ExcelJS.Font> = { name: CJK_FONT, size: 10, charset: 134 };
const HEADER: Partial<ExcelJS.Style> = {
  font: { ...FONT, bold: true },
  fill: { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE8EEF7' } },
  alignment: { vertical: 'middle', horizontal: 'center', wrapText: true },
  border: { bottom: { style: 'thin' } },
};
const PLAIN: Partial<ExcelJS.Style> = { font: FONT, alignment: { vertical: 'top' } };
const WRAPPED: Partial<ExcelJS.Style> = { font: FONT, alignment: { vertical: 'top', wrapText: true } };
const NUMBER: Partial<ExcelJS.Style> = { font: FONT, alignment: { vertical: 'top', horizontal: 'right' } };
const LABEL: Partial<ExcelJS.Style> = { font: { ...FONT, bold: true }, alignment: { vertical: 'top' } };
const DATE: Partial<ExcelJS.Style> = { font: FONT, alignment: { vertical: 'top', horizontal: 'left' }, numFmt: 'yyyy-mm-dd hh:mm:ss' };
const DAY: Partial<ExcelJS.Style> = { font: FONT, alignment: { vertical: 'top', horizontal: 'left' }, numFmt: 'yyyy-mm-dd' };

const COLUMN_STYLES = FINDING_COLUMNS.map((c, i) => (i === 0 ? NUMBER : 'wrap' in c && c.wrap ? WRAPPED : PLAIN));

const yieldToLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

/** Uncompressed bytes a sheet may have handed to the zip's deflate before the writer waits, and the level it waits for. */
const HIGH_WATER = 32 * 2 ** 20;
const LOW_WATER = 8 * 2 ** 20;

/**
 * Backpressure for exceljs's streaming writer, which has none: a sheet's buffer hands chunks to
 * the zip entry without waiting, so rows produced faster than zlib deflates them pile up in
 * memory (the measured notes: +0.5 GB at a million rows). This counts the bytes handed over
 * and not yet deflated by wrapping the buffer's internal `_pipe` (exceljs 4.x), and `drained()`
 * waits until the backlog is down to LOW_WATER. Where `_pipe` is missing the writer only
 * yields between pages.
 */
function backpressure(ws: ExcelJS.Worksheet): { drained(): Promise<void> } {
  const stream = (ws as unknown as { stream?: { _pipe?: (chunk: { length: number }) => Promise<void> } }).stream;
  const original = stream?._pipe;
  if (!stream || typeof original !== 'function') return { drained: yieldToLoop };
  let pending = 0;
  let wake: (() => void) | null = null;
  stream._pipe = async (chunk) => {
    const n = chunk.length;
    pending += n;
    try {
      await original.call(stream, chunk);
    } finally {
      pending -= n;
      if (wake && pending <= LOW_WATER) {
        wake();
        wake = null;
      }
    }
  };
  return {
    drained: () => (pending > HIGH_WATER ? new Promise<void>((resolve) => (wake = resolve)) : yieldToLoop()),
  };
}

export function sheetName(index: number): string {
  return index === 0 ? FINDINGS_SHEET : `${FINDINGS_SHEET}(${index + 1})`;
}

export async function writeFindingsWorkbook(file: string, input: FindingsWorkbookInput): Promise<{ rows: number; sheets: string[] }> {
  const { default: Excel } = await import('exceljs');
  const perSheet = input.rowsPerSheet ?? MAX_ROWS_PER_SHEET;
  const wb = new Excel.stream.xlsx.WorkbookWriter({ filename: file, useStyles: true, useSharedStrings: false });
  wb.creator = input.actor;
  wb.created = new Date();
  wb.title = '核查问题清单';
  const sheets: string[] = [];

  // 说明 first: small, committed before the big sheet so the zip never buffers it.
  const info = wb.addWorksheet('说明', { views: [{ state: 'frozen', ySplit: 0 }] });
  sheets.push('说明');
  info.columns = [{ width: 18 }, { width: 90 }];
  for (const [label, value] of input.info) {
    const row = info.addRow([label, typeof value === 'string' ? neutralizeCellText(value) : value]);
    row.getCell(1).style = LABEL;
    row.getCell(2).style = value instanceof Date ? (hasTime(value) ? DATE : DAY) : WRAPPED;
    row.commit();
  }
  info.commit();

  let sheet: ExcelJS.Worksheet | null = null;
  let flow: { drained(): Promise<void> } = { drained: yieldToLoop };
  let inSheet = 0;
  let done = 0;
  const openSheet = () => {
    const name = sheetName(sheets.length - 1);
    sheets.push(name);
    const ws = wb.addWorksheet(name, {
      views: [{ state: 'frozen', ySplit: 1, xSplit: 1 }],
      pageSetup: { paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0, printTitlesRow: '1:1' },
    });
    ws.columns = FINDING_COLUMNS.map((c) => ({ width: c.width }));
    const header = ws.addRow(FINDING_COLUMNS.map((c) => c.header));
    header.height = 20;
    header.eachCell((cell) => (cell.style = HEADER));
    header.commit();
    flow = backpressure(ws);
    inSheet = 0;
    return ws;
  };
  const closeSheet = (ws: ExcelJS.Worksheet) => {
    ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: inSheet + 1, column: FINDING_COLUMNS.length } };
    ws.commit();
  };

  sheet = openSheet();
  for await (const page of input.pages) {
    input.throwIfCancelled?.();
    for (const cells of page) {
      if (inSheet === perSheet) {
        closeSheet(sheet);
        sheet = openSheet();
      }
      done++;
      inSheet++;
      const values: (string | number)[] = [done];
      for (const value of cells) values.push(neutralizeCellText(value));
      const row = sheet.addRow(values);
      for (let c = 0; c < COLUMN_STYLES.length; c++) row.getCell(c + 1).style = COLUMN_STYLES[c];
      row.commit();
    }
    input.progress?.(done, input.total);
    await flow.drained();
  }
  closeSheet(sheet);

  const summary = wb.addWorksheet('规则汇总', { views: [{ state: 'frozen', ySplit: 1 }] });
  sheets.push('规则汇总');
  summary.columns = [{ width: 24 }, { width: 36 }, { width: 9 }, ...input.statusLabels.map(() => ({ width: 9 })), { width: 9 }];
  const head = summary.addRow(['规则编号', '问题', '严重程度', ...input.statusLabels, '合计']);
  head.eachCell((cell) => (cell.style = HEADER));
  head.commit();
  const totals = input.statusLabels.map(() => 0);
  for (const r of input.summary) {
    const row = summary.addRow([r.ruleId, r.title, r.severity, ...r.counts, r.counts.reduce((a, b) => a + b, 0)]);
    row.eachCell((cell, col) => (cell.style = col <= 3 ? PLAIN : NUMBER));
    row.commit();
    r.counts.forEach((n, i) => (totals[i] += n));
  }
  const total = summary.addRow(['合计', '', '', ...totals, totals.reduce((a, b) => a + b, 0)]);
  total.eachCell((cell, col) => (cell.style = col <= 3 ? LABEL : { ...NUMBER, font: { ...FONT, bold: true } }));
  total.commit();
  summary.autoFilter = { from: { row: 1, column: 1 }, to: { row: input.summary.length + 1, column: input.statusLabels.length + 4 } };
  summary.commit();

  await wb.commit();
  return { rows: done, sheets };
}

function hasTime(d: Date): boolean {
  return d.getUTCHours() !== 0 || d.getUTCMinutes() !== 0 || d.getUTCSeconds() !== 0;
}
