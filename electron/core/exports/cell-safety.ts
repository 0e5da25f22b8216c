/**
 * Text that came from platform data must never become a formula. exceljs writes such strings
 * as plain strings, but Excel re-evaluates a cell whose text starts with = + - @ (or tab, CR,
 * LF before them) once a user edits it (docs/measured-notes: formula injection). The OWASP
 * remedy: prefix a single quote so the text stays text in every spreadsheet program.
 */
const TRIGGERS = new Set(['=', '+', '-', '@', '\t', '\r', '\n']);

export function neutralizeCellText(value: string): string {
  return value.length > 0 && TRIGGERS.has(value[0]) ? `'${value}` : value;
}
