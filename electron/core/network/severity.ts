import type { Severity } from '@shared/domain/rules';

const RANK: Record<Severity, number> = { high: 4, medium: 3, low: 2, info: 1 };

/** The more severe of two (null = no finding). */
export function worse(a: Severity | null, b: Severity | null): Severity | null {
  if (a === null) return b;
  if (b === null) return a;
  return RANK[a] >= RANK[b] ? a : b;
}

export function severityRank(s: Severity | null): number {
  return s === null ? 0 : RANK[s];
}
