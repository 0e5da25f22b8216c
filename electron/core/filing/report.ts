import type { ValidationIssue, ValidationReport } from '@shared/api/filings';

export const DEFAULT_ISSUE_LIMIT = 1000;

export type IssueInput = Omit<ValidationIssue, 'row' | 'column' | 'value'> & {
  row?: number | null;
  column?: string | null;
  value?: string | null;
};

/** Longest offending value kept in a report entry: enough to recognise it, never a whole cell. */
const VALUE_PREVIEW = 200;

/**
 * Collects problems up to a bound and counts the rest, so a package with a million bad rows
 * yields a readable report instead of an out-of-memory error.
 */
export class ReportCollector {
  private readonly issues: ValidationIssue[] = [];
  private errorCount = 0;
  private warningCount = 0;
  private omittedCount = 0;

  constructor(readonly limit: number = DEFAULT_ISSUE_LIMIT) {}

  add(issue: IssueInput): void {
    if (issue.severity === 'error') this.errorCount++;
    else this.warningCount++;
    if (this.issues.length >= this.limit) {
      this.omittedCount++;
      return;
    }
    const value = issue.value ?? null;
    this.issues.push({
      severity: issue.severity,
      file: issue.file,
      row: issue.row ?? null,
      column: issue.column ?? null,
      value: value !== null && value.length > VALUE_PREVIEW ? `${value.slice(0, VALUE_PREVIEW)}…` : value,
      code: issue.code,
      message: issue.message,
    });
  }

  error(issue: Omit<IssueInput, 'severity'>): void {
    this.add({ ...issue, severity: 'error' });
  }

  warning(issue: Omit<IssueInput, 'severity'>): void {
    this.add({ ...issue, severity: 'warning' });
  }

  get errors(): number {
    return this.errorCount;
  }

  /** A point to return to when a table is read again (encoding detection fell back). */
  checkpoint(): () => void {
    const length = this.issues.length;
    const { errorCount, warningCount, omittedCount } = this;
    return () => {
      this.issues.length = length;
      this.errorCount = errorCount;
      this.warningCount = warningCount;
      this.omittedCount = omittedCount;
    };
  }

  report(): ValidationReport {
    return {
      ok: this.errorCount === 0,
      errorCount: this.errorCount,
      warningCount: this.warningCount,
      issues: [...this.issues],
      omitted: this.omittedCount,
    };
  }
}

/** Thrown to stop reading at once (a broken container, an undecodable file); carries its issue. */
export class FatalInputError extends Error {
  constructor(readonly issue: Omit<IssueInput, 'severity'>) {
    super(issue.message);
    this.name = 'FatalInputError';
  }
}
