import type { ColumnSpec } from '@shared/domain/filing-schema';
import type { ReportCollector } from './report';
import { cellText, converterFor, Invalid, type Converter, type RawCell, type StoredValue } from './values';

type HeaderSlot = { kind: 'column'; index: number } | { kind: 'extra'; name: string } | { kind: 'ignore' };

/** A table-specific rule over one converted row (beyond what column types express). */
export type RowCheck = (values: StoredValue[], at: (name: string) => number) => { column: string; code: string; message: string } | null;

/**
 * Maps source rows (positional with a header, or keyed records) to the stored values of one
 * table: header by English name or Chinese label, unknown columns into extra_json (warned once),
 * every cell converted and checked, every problem reported with file, row, column and value.
 */
export class RowMapper {
  private slots: HeaderSlot[] = [];
  private readonly byHeader = new Map<string, number>();
  private readonly keyed = new Map<string, HeaderSlot>();
  private readonly columnIndex = new Map<string, number>();
  private readonly warnedExtra = new Set<string>();
  /** Per table column, its converter (built once, not per cell). */
  private readonly converters: Converter[];
  private present: boolean[] = [];
  rejectedRows = 0;

  constructor(
    readonly spec: { readonly columns: readonly ColumnSpec[] },
    private readonly file: string,
    private readonly report: ReportCollector,
    private readonly rowCheck?: RowCheck,
  ) {
    spec.columns.forEach((c, i) => {
      this.byHeader.set(c.name.toLowerCase(), i);
      if (c.label) this.byHeader.set(c.label, i);
      this.columnIndex.set(c.name, i);
    });
    this.converters = spec.columns.map((c) => converterFor(c));
  }

  /** Width of a stored row: the table's columns, then extra_json. */
  get width(): number {
    return this.spec.columns.length + 1;
  }

  private resolve(header: string): number | undefined {
    const h = header.trim();
    return this.byHeader.get(h) ?? this.byHeader.get(h.toLowerCase());
  }

  /** Reads the header row; false when the table cannot be read (missing or duplicate columns). */
  setHeader(cells: RawCell[], line: number): boolean {
    const seen = new Map<number, string>();
    let ok = true;
    this.present = this.spec.columns.map(() => false);
    this.slots = cells.map((cell, i) => {
      const header = cellText(cell);
      if (header === null) {
        this.report.warning({ file: this.file, row: line, column: `第 ${i + 1} 列`, code: 'header_empty', message: '表头为空，该列已忽略' });
        return { kind: 'ignore' };
      }
      const index = this.resolve(header);
      if (index === undefined) {
        this.report.warning({ file: this.file, row: line, column: header, value: header, code: 'column_unknown', message: `未知的列「${header}」：已作为附加属性保存，不参与核查` });
        return { kind: 'extra', name: header };
      }
      const previous = seen.get(index);
      if (previous !== undefined) {
        ok = false;
        this.report.error({ file: this.file, row: line, column: header, value: header, code: 'column_duplicate', message: `列「${header}」与「${previous}」是同一列（${this.spec.columns[index].name}），表头重复` });
      }
      seen.set(index, header);
      this.present[index] = true;
      return { kind: 'column', index };
    });
    for (const [i, column] of this.spec.columns.entries()) {
      if (column.required && !this.present[i]) {
        ok = false;
        this.report.error({ file: this.file, row: line, column: column.name, code: 'column_missing', message: `缺少必填列 ${columnTitle(column)}` });
      }
    }
    return ok;
  }

  /** Whether the cells at this position are long text, which may stay UTF-8 bytes (utf8-text.ts). */
  isLongText(index: number): boolean {
    const slot = this.slots[index];
    return slot?.kind === 'column' && this.spec.columns[slot.index].longText === true;
  }

  columnName(index: number): string | null {
    const slot = this.slots[index];
    if (!slot) return null;
    if (slot.kind === 'column') return this.spec.columns[slot.index].name;
    return slot.kind === 'extra' ? slot.name : null;
  }

  /** A positional row → stored values, or null when it has errors (reported). */
  mapRow(cells: RawCell[], line: number): StoredValue[] | null {
    if (cells.length !== this.slots.length) {
      this.report.error({
        file: this.file, row: line, code: 'row_ragged',
        message: `该行有 ${cells.length} 个字段，表头有 ${this.slots.length} 列（字段数不一致，可能是逗号或引号有误）`,
      });
      this.rejectedRows++;
      return null;
    }
    const out: StoredValue[] = new Array(this.width).fill(null);
    let extra: Record<string, string> | null = null;
    let bad = false;
    for (let i = 0; i < cells.length; i++) {
      const slot = this.slots[i];
      if (slot.kind === 'column') {
        if (!this.store(out, slot.index, cells[i], line)) bad = true;
      } else if (slot.kind === 'extra') {
        const text = cellText(cells[i]);
        if (text !== null) (extra ??= {})[slot.name] = text;
      }
    }
    return this.finish(out, extra, bad, line);
  }

  /** A keyed record (JSONL) → stored values, or null when it has errors (reported). */
  mapRecord(record: Record<string, unknown>, line: number): StoredValue[] | null {
    const out: StoredValue[] = new Array(this.width).fill(null);
    let extra: Record<string, unknown> | null = null;
    let bad = false;
    const filled = new Set<number>();
    for (const key of Object.keys(record)) {
      let slot = this.keyed.get(key);
      if (!slot) {
        const index = this.resolve(key);
        slot = index === undefined ? { kind: 'extra', name: key } : { kind: 'column', index };
        this.keyed.set(key, slot);
      }
      const value = record[key];
      if (slot.kind === 'column') {
        if (filled.has(slot.index)) {
          bad = true;
          this.report.error({ file: this.file, row: line, column: key, code: 'column_duplicate', message: `同一列（${this.spec.columns[slot.index].name}）在一条记录中出现了两次` });
          continue;
        }
        filled.add(slot.index);
        if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
          bad = true;
          this.report.error({ file: this.file, row: line, column: key, value: JSON.stringify(value), code: 'jsonl_value', message: '值不能是 JSON 对象' });
          continue;
        }
        if (!this.store(out, slot.index, value as RawCell, line)) bad = true;
      } else if (slot.kind === 'extra' && value !== null && value !== undefined && value !== '') {
        if (!this.warnedExtra.has(key)) {
          this.warnedExtra.add(key);
          this.report.warning({ file: this.file, row: line, column: key, value: key, code: 'column_unknown', message: `未知的字段「${key}」：已作为附加属性保存，不参与核查` });
        }
        (extra ??= {})[key] = value;
      }
    }
    for (const [i, column] of this.spec.columns.entries()) {
      if (column.required && out[i] === null && !filled.has(i)) {
        bad = true;
        this.report.error({ file: this.file, row: line, column: column.name, code: 'value_required', message: `缺少必填字段 ${columnTitle(column)}` });
      }
    }
    return this.finish(out, extra, bad, line);
  }

  private store(out: StoredValue[], index: number, raw: RawCell, line: number): boolean {
    const value = this.converters[index](raw);
    if (value instanceof Invalid) {
      const column = this.spec.columns[index];
      this.report.error({ file: this.file, row: line, column: column.name, value: cellText(raw), code: value.code, message: `${columnTitle(column)}：${value.message}` });
      return false;
    }
    if (value === null && this.spec.columns[index].required) {
      const column = this.spec.columns[index];
      this.report.error({ file: this.file, row: line, column: column.name, value: null, code: 'value_required', message: `${columnTitle(column)} 是必填项，不能为空` });
      return false;
    }
    out[index] = value;
    return true;
  }

  private finish(out: StoredValue[], extra: Record<string, unknown> | null, bad: boolean, line: number): StoredValue[] | null {
    if (!bad && this.rowCheck) {
      const problem = this.rowCheck(out, (name) => this.columnIndex.get(name) ?? -1);
      if (problem) {
        this.report.error({ file: this.file, row: line, column: problem.column, code: problem.code, message: problem.message });
        bad = true;
      }
    }
    if (bad) {
      this.rejectedRows++;
      return null;
    }
    out[this.width - 1] = extra === null ? null : JSON.stringify(extra);
    return out;
  }
}

export function columnTitle(column: ColumnSpec): string {
  return column.label ? `${column.name}（${column.label}）` : column.name;
}
