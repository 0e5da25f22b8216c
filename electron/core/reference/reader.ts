import type { ReferenceKind } from '@shared/api/reference';
import type { ValidationReport } from '@shared/api/filings';
import type { ColumnSpec } from '@shared/domain/filing-schema';
import {
  LEXICON_CATEGORIES, LEXICON_CATEGORY_LABELS, lexiconTermRowSchema, licenseRowSchema,
  type LexiconCategory, type LexiconTermRow, type LicenseRow,
} from '@shared/domain/reference';
import { RowMapper } from '../filing/columns';
import { openFileContainer, type ContainerLimits } from '../filing/container';
import { FatalInputError, ReportCollector } from '../filing/report';
import { readTable, tableFormat } from '../filing/table-source';
import type { StoredValue } from '../filing/values';

/** Columns of the reference files (filing-package-v1, "Reference data"), with Chinese headers. */
export const REFERENCE_COLUMNS: Record<ReferenceKind, readonly ColumnSpec[]> = {
  licenses: [
    { name: 'license_no', label: '许可证编号', type: 'text', required: true },
    { name: 'holder_name', label: '持证单位', type: 'text', required: true },
    { name: 'services', label: '服务项目', type: 'list', required: false },
    { name: 'valid_until', label: '有效期至', type: 'date', required: false },
    { name: 'province', label: '省份', type: 'text', required: false },
  ],
  lexicon: [
    { name: 'term', label: '词条', type: 'text', required: true },
    { name: 'category', label: '类别', type: 'text', required: true },
    { name: 'note', label: '备注', type: 'text', required: false },
  ],
};

export type ReferenceRows = { kind: 'licenses'; rows: (LicenseRow & { src_row: number })[] } | { kind: 'lexicon'; rows: (LexiconTermRow & { src_row: number })[] };

export interface ReferenceFile {
  data: ReferenceRows;
  sha256: string;
  sourceName: string;
  report: ValidationReport;
}

const categoryByLabel = new Map<string, LexiconCategory>(LEXICON_CATEGORIES.map((c) => [LEXICON_CATEGORY_LABELS[c].zh, c]));

/**
 * Reads a licence registry or lexicon file (CSV/JSONL/XLSX) with the package readers and checks
 * every row against the shared row schemas. Reference files are small (thousands of rows), so
 * rows are returned in memory.
 */
export async function readReferenceFile(kind: ReferenceKind, file: string, options: { tmpDir: string; limits?: ContainerLimits; maxCellChars?: number }): Promise<ReferenceFile> {
  const report = new ReportCollector();
  const container = await openFileContainer(file, options.limits);
  const entry = [...container.entries.values()][0];
  const columns = REFERENCE_COLUMNS[kind];
  const mapper = new RowMapper({ columns }, entry.path, report);
  const licenses: (LicenseRow & { src_row: number })[] = [];
  const lexicon: (LexiconTermRow & { src_row: number })[] = [];
  const firstRow = new Map<string, number>();

  const accept = (values: StoredValue[] | null, line: number) => {
    if (!values) return;
    const raw = Object.fromEntries(columns.map((c, i) => [c.name, values[i]]));
    if (kind === 'licenses') {
      const parsed = licenseRowSchema.safeParse({ ...raw, services: raw.services === null ? [] : JSON.parse(raw.services as string) });
      if (!parsed.success) return reportIssues(parsed.error.issues, line);
      const previous = firstRow.get(parsed.data.license_no);
      if (previous !== undefined) {
        report.error({ file: entry.path, row: line, column: 'license_no', value: parsed.data.license_no, code: 'id_duplicate', message: `许可证编号「${parsed.data.license_no}」重复：第 ${previous} 行已有` });
        return;
      }
      firstRow.set(parsed.data.license_no, line);
      licenses.push({ ...parsed.data, src_row: line });
    } else {
      const category = typeof raw.category === 'string' ? (categoryByLabel.get(raw.category) ?? raw.category) : raw.category;
      const parsed = lexiconTermRowSchema.safeParse({ term: raw.term, category, note: raw.note ?? undefined });
      if (!parsed.success) return reportIssues(parsed.error.issues, line);
      const key = `${parsed.data.term}\u0000${parsed.data.category}`;
      const previous = firstRow.get(key);
      if (previous !== undefined) {
        report.warning({ file: entry.path, row: line, column: 'term', value: parsed.data.term, code: 'term_duplicate', message: `词条「${parsed.data.term}」在同一类别中重复（第 ${previous} 行），已忽略本行` });
        return;
      }
      firstRow.set(key, line);
      lexicon.push({ ...parsed.data, src_row: line });
    }
  };
  const reportIssues = (issues: { path: PropertyKey[]; message: string }[], line: number) => {
    for (const issue of issues) {
      report.error({ file: entry.path, row: line, column: issue.path.map(String).join('.') || null, code: 'reference_invalid', message: issue.message });
    }
  };

  try {
    const format = tableFormat(entry.path);
    if ('code' in format) throw new FatalInputError({ file: entry.path, code: format.code, message: format.message });
    await readTable(container, entry, {
      format: format.format,
      encoding: 'detect',
      maxCellChars: options.maxCellChars ?? 64 * 1024,
      tmpDir: options.tmpDir,
      limits: options.limits,
      onBytes: () => undefined,
      onRestart: () => {
        licenses.length = 0;
        lexicon.length = 0;
        firstRow.clear();
      },
      header: (cells, line) => mapper.setHeader(cells, line),
      row: (cells, line) => accept(mapper.mapRow(cells, line), line),
      record: (value, line) => accept(mapper.mapRecord(value, line), line),
      columnName: (i) => mapper.columnName(i),
      tick: () => undefined,
    });
  } catch (error) {
    if (!(error instanceof FatalInputError)) throw error;
    report.error(error.issue);
  } finally {
    container.close();
  }
  const data: ReferenceRows = kind === 'licenses' ? { kind, rows: licenses } : { kind, rows: lexicon };
  if (report.errors === 0 && data.rows.length === 0) report.error({ file: entry.path, code: 'table_empty', message: '文件中没有任何数据行' });
  return { data, sha256: container.sha256, sourceName: entry.path, report: report.report() };
}
