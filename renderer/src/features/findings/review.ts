import type { FindingStatus, ReviewAction } from '@shared/api/findings';
import type { Severity } from '@shared/domain/rules';

/** Which actions a finding in a status offers (mirrors the core's transitions). */
const FROM: Record<ReviewAction, readonly FindingStatus[]> = {
  confirm: ['pending'],
  dismiss: ['pending', 'confirmed'],
  rectify: ['confirmed'],
  reopen: ['confirmed', 'dismissed', 'rectified'],
};

export const REVIEW_ORDER: readonly ReviewAction[] = ['confirm', 'dismiss', 'rectify', 'reopen'];

export function allowedActions(status: FindingStatus): ReviewAction[] {
  return REVIEW_ORDER.filter((a) => FROM[a].includes(status));
}

export const SEVERITY_COLORS: Record<Severity, string> = { high: 'red', medium: 'orange', low: 'yellow', info: 'gray' };
export const STATUS_COLORS: Record<FindingStatus, string> = { pending: 'blue', confirmed: 'red', dismissed: 'gray', rectified: 'teal' };
