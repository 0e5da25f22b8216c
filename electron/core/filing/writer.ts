import type Database from 'better-sqlite3';
import type { TableSpec } from '@shared/domain/filing-schema';
import type { ReportCollector } from './report';
import type { StoredValue } from './values';

const BATCH_ROWS = 64;

function isConstraintError(error: unknown): boolean {
  return typeof error === 'object' && error !== null && String((error as { code?: unknown }).code ?? '').startsWith('SQLITE_CONSTRAINT');
}

/**
 * Inserts converted rows of one table with multi-row prepared statements inside the caller's
 * transaction. A batch that violates the key is replayed row by row so a duplicate id becomes a
 * report entry naming both source rows instead of an exception.
 */
export class TableWriter {
  private readonly perRow: number;
  private readonly params: (StoredValue | number)[];
  private readonly lines: number[] = [];
  private readonly statements = new Map<number, Database.Statement>();
  private readonly columns: string[];
  private readonly keyColumn: string | null;
  private readonly longText: Set<string>;
  private count = 0;
  inserted = 0;

  constructor(
    private readonly db: Database.Database,
    private readonly spec: TableSpec,
    private readonly filingId: number,
    private readonly file: string,
    private readonly report: ReportCollector,
  ) {
    this.columns = ['filing_id', ...spec.columns.map((c) => c.name), 'extra_json', 'src_row'];
    this.perRow = this.columns.length;
    this.params = new Array(this.perRow * BATCH_ROWS);
    this.keyColumn = spec.columns.find((c) => c.unique)?.name ?? null;
    this.longText = new Set(spec.columns.filter((c) => c.longText).map((c) => c.name));
  }

  private statement(rows: number): Database.Statement {
    let statement = this.statements.get(rows);
    if (!statement) {
      // Long text may arrive as its UTF-8 bytes: CAST makes them text again, without a conversion.
      const tuple = `(${this.columns.map((name) => (this.longText.has(name) ? 'CAST(? AS TEXT)' : '?')).join(',')})`;
      statement = this.db.prepare(`INSERT INTO ${this.spec.name} (${this.columns.join(',')}) VALUES ${Array(rows).fill(tuple).join(',')}`);
      this.statements.set(rows, statement);
    }
    return statement;
  }

  /**
   * One row: the table's columns then extra_json (as RowMapper produces them), read from
   * `values` at `offset` (rows arrive back to back in one array from the reading thread).
   */
  add(values: readonly StoredValue[], line: number, offset = 0): void {
    let p = this.count * this.perRow;
    const params = this.params;
    params[p++] = this.filingId;
    const end = offset + this.perRow - 2;
    for (let i = offset; i < end; i++) params[p++] = values[i];
    params[p] = line;
    this.lines[this.count] = line;
    if (++this.count === BATCH_ROWS) this.flush();
  }

  flush(): void {
    const rows = this.count;
    if (rows === 0) return;
    this.count = 0;
    const params = rows === BATCH_ROWS ? this.params : this.params.slice(0, rows * this.perRow);
    try {
      // As arguments, not one array: better-sqlite3 reads an array element by element through
      // the generic property lookup, which made binding a quarter slower (measured).
      this.statement(rows).run(...params);
      this.inserted += rows;
    } catch (error) {
      if (!isConstraintError(error)) throw error;
      this.replayRowByRow(params, rows);
    }
  }

  private replayRowByRow(params: (StoredValue | number)[], rows: number): void {
    const one = this.statement(1);
    for (let r = 0; r < rows; r++) {
      const rowParams = params.slice(r * this.perRow, (r + 1) * this.perRow);
      try {
        one.run(...rowParams);
        this.inserted++;
      } catch (error) {
        if (!isConstraintError(error)) throw error;
        this.reportConstraint(rowParams, this.lines[r], error as Error);
      }
    }
  }

  private reportConstraint(rowParams: (StoredValue | number)[], line: number, error: Error): void {
    const key = this.keyColumn;
    if (key) {
      const value = rowParams[this.columns.indexOf(key)];
      const previous = this.db
        .prepare(`SELECT src_row FROM ${this.spec.name} WHERE filing_id = ? AND ${key} = ?`)
        .get(this.filingId, value) as { src_row: number } | undefined;
      if (previous) {
        this.report.error({
          file: this.file, row: line, column: key, value: String(value), code: 'id_duplicate',
          message: `${key}「${String(value)}」重复：第 ${previous.src_row} 行已有相同的 ${key}（应在数据包内唯一）`,
        });
        return;
      }
    }
    this.report.error({ file: this.file, row: line, code: 'row_constraint', message: `该行无法保存：${error.message}` });
  }

  /** Forgets unflushed rows (the table is being read again from the start). */
  reset(): void {
    this.count = 0;
    this.inserted = 0;
  }
}
