import fs from 'node:fs';
import { FatalInputError } from './report';
import type { RawCell } from './values';

export interface XlsxRow {
  cells: RawCell[];
  /** Sheet row number (1 = header). */
  line: number;
}

export interface XlsxReadOptions {
  file: string;
  maxCellChars: number;
  /** Counts formula cells read from their cached value (reported once per file). */
  onFormula(): void;
  onRow(row: XlsxRow): void;
  throwIfCancelled(): void;
}

const ZIP_MAGIC = Buffer.from([0x50, 0x4b, 0x03, 0x04]);

/** Checks the first bytes: an XLSX is a zip; anything else is refused before a parser sees it. */
export async function assertLooksLikeXlsx(path: string, file: string): Promise<void> {
  const handle = await fs.promises.open(path, 'r');
  try {
    const head = Buffer.alloc(4);
    const { bytesRead } = await handle.read(head, 0, 4, 0);
    if (bytesRead < 4 || !head.equals(ZIP_MAGIC)) {
      throw new FatalInputError({ file, code: 'xlsx_not_zip', message: '文件扩展名为 .xlsx，但内容不是 XLSX（XLSX 应为 zip 格式）；请用 Excel 另存为 .xlsx 或改用 CSV' });
    }
  } finally {
    await handle.close();
  }
}

/**
 * One cell's value, never evaluated: a formula yields the value Excel cached when the file was
 * saved (the number or text the platform saw), and a formula without a cached value is an error
 * at the call site. Rich text is joined; hyperlinks give their text; Excel errors are refused.
 */
function cellValue(value: unknown, onFormula: () => void): { value: RawCell } | { error: string } {
  if (value === null || value === undefined) return { value: null };
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' || value instanceof Date) return { value };
  const v = value as Record<string, unknown>;
  if ('formula' in v || 'sharedFormula' in v) {
    onFormula();
    if (v.result === undefined || v.result === null) return { error: '公式单元格没有缓存的计算结果（本工作台只读取值，不计算公式）；请在 Excel 中打开并保存后重新导出' };
    if (typeof v.result === 'object' && !(v.result instanceof Date)) return { error: `公式单元格的缓存结果是错误值 ${String((v.result as { error?: string }).error ?? '')}` };
    return { value: v.result as RawCell };
  }
  if (Array.isArray(v.richText)) return { value: (v.richText as { text: string }[]).map((r) => r.text).join('') };
  if (typeof v.text === 'string') return { value: v.text };
  if ('error' in v) return { error: `单元格是 Excel 错误值 ${String(v.error)}` };
  return { error: '无法识别的单元格内容' };
}

/**
 * Reads the first worksheet row by row with exceljs's streaming reader (bounded memory, values
 * only; exceljs refuses XML entity declarations in the sheet parts).
 */
export async function readXlsx(path: string, options: XlsxReadOptions): Promise<void> {
  await assertLooksLikeXlsx(path, options.file);
  const ExcelJS = (await import('exceljs')).default;
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(path, {
    worksheets: 'emit',
    sharedStrings: 'cache',
    hyperlinks: 'ignore',
    styles: 'cache',
    entries: 'ignore',
  });
  try {
    for await (const sheet of reader) {
      let rows = 0;
      for await (const row of sheet) {
        if (++rows % 1000 === 0) options.throwIfCancelled();
        const values = (row.values as unknown[]) ?? [];
        const cells: RawCell[] = [];
        // exceljs row values are 1-based: index 0 is always empty.
        for (let c = 1; c < values.length; c++) {
          const got = cellValue(values[c], options.onFormula);
          if ('error' in got) throw new FatalInputError({ file: options.file, row: row.number, column: columnLetter(c), code: 'xlsx_cell', message: got.error });
          if (typeof got.value === 'string' && got.value.length > options.maxCellChars) {
            throw new FatalInputError({ file: options.file, row: row.number, column: columnLetter(c), code: 'cell_too_long', message: `单元格超过 ${options.maxCellChars} 个字符的长度上限` });
          }
          cells.push(got.value);
        }
        options.onRow({ cells, line: row.number });
      }
      break; // the first sheet only
    }
  } catch (error) {
    if (error instanceof FatalInputError) throw error;
    if (error && typeof error === 'object' && 'code' in error && (error as { code: unknown }).code === 'cancelled') throw error;
    const message = error instanceof Error ? error.message : String(error);
    throw new FatalInputError({ file: options.file, code: 'xlsx_invalid', message: `XLSX 文件无法读取（文件损坏，或含有不安全的 XML 内容如实体声明）：${message}` });
  }
}

function columnLetter(index: number): string {
  let s = '';
  for (let n = index; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return `${s} 列`;
}
