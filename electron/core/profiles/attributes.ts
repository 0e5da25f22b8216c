import type { Attribute } from '@shared/api/profiles';
import { FILING_TABLES, enumLabel, type ColumnSpec, type TableName } from '@shared/domain/filing-schema';

/** A stored row of a filing table (storage conventions of migration 0002). */
export type StoredRow = Record<string, unknown>;

/**
 * The row's columns in the format's order, labelled in Chinese and shown as the inspector reads
 * them (enumeration labels, 是/否, lists joined), followed by the unknown columns the import kept.
 */
export function attributesOf(table: TableName, row: StoredRow, omit: readonly string[] = []): Attribute[] {
  const attributes = FILING_TABLES[table].columns
    .filter((column) => !omit.includes(column.name))
    .map((column) => ({ name: column.name, label: column.label ?? column.name, value: displayValue(column, row[column.name]) }));
  if (typeof row.extra_json === 'string') {
    const extra = JSON.parse(row.extra_json) as Record<string, unknown>;
    for (const [header, value] of Object.entries(extra)) {
      attributes.push({ name: header, label: header, value: value === null || value === undefined || value === '' ? null : String(value) });
    }
  }
  return attributes;
}

export function displayValue(column: ColumnSpec, value: unknown): string | null {
  if (value === null || value === undefined || value === '') return null;
  switch (column.type) {
    case 'bool':
      return value === 1 ? '是' : '否';
    case 'enum':
      return column.enum ? enumLabel(column.enum, String(value)) : String(value);
    case 'list': {
      const items = JSON.parse(String(value)) as string[];
      if (items.length === 0) return null;
      return items.map((item) => (column.enum ? enumLabel(column.enum, item) : item)).join('、');
    }
    default:
      return String(value);
  }
}

/** The Chinese label of a column of a filing table. */
export function columnLabel(table: TableName, name: string): string {
  return FILING_TABLES[table].columns.find((c) => c.name === name)?.label ?? name;
}
