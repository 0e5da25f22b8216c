import type { FacetName, FindingFilter, FindingSort } from '@shared/api/findings';
import { FINDING_SORTS, FINDING_STATUSES } from '@shared/api/findings';
import { SEVERITIES } from '@shared/domain/rules';

/*
 * The desk's state lives in the address (links from the dashboard, campaigns, provisions and
 * profiles point here): each facet is a comma-separated parameter. `category` is a campaign's
 * category when `campaign` is present, else a content category (as older links write it);
 * this page writes content categories as `content`.
 */

export const FACET_PARAMS: Record<FacetName, string> = {
  filing: 'filing',
  platform: 'platform',
  rule: 'rule',
  severity: 'severity',
  status: 'status',
  mcn: 'mcn',
  category: 'content',
};

const list = (params: URLSearchParams, name: string) =>
  (params.get(name) ?? '')
    .split(',')
    .map((v) => v.trim())
    .filter((v) => v !== '' || name === 'mcn' || name === 'content');

export function filterFromParams(params: URLSearchParams): FindingFilter {
  const filter: FindingFilter = { includeGone: false };
  const filings = list(params, 'filing').map(Number).filter((n) => Number.isInteger(n) && n > 0);
  if (filings.length) filter.filings = filings;
  const platforms = list(params, 'platform');
  if (platforms.length) filter.platforms = platforms;
  const rules = list(params, 'rule');
  if (rules.length) filter.rules = rules;
  const severities = list(params, 'severity').filter((s): s is (typeof SEVERITIES)[number] => (SEVERITIES as readonly string[]).includes(s));
  if (severities.length) filter.severities = severities;
  const statuses = list(params, 'status').filter((s): s is (typeof FINDING_STATUSES)[number] => (FINDING_STATUSES as readonly string[]).includes(s));
  if (statuses.length) filter.statuses = statuses;
  if (params.has('mcn')) filter.mcns = list(params, 'mcn');
  const campaign = Number(params.get('campaign'));
  if (Number.isInteger(campaign) && campaign > 0) {
    filter.campaign = { id: campaign, ...(params.get('category') ? { category: params.get('category')! } : {}) };
  }
  const content = params.has('content') ? list(params, 'content') : !filter.campaign && params.get('category') ? list(params, 'category') : [];
  if (content.length) filter.categories = content;
  if (params.get('account')) filter.accountId = params.get('account')!;
  if (params.get('subject')) filter.identityKey = params.get('subject')!;
  if (params.get('q')?.trim()) filter.q = params.get('q')!.trim();
  return filter;
}

export function sortFromParams(params: URLSearchParams): FindingSort {
  const sort = params.get('sort');
  return (FINDING_SORTS as readonly string[]).includes(sort ?? '') ? (sort as FindingSort) : 'severity';
}

/** The parameters with one facet's selection replaced (empty selection removes it). */
export function withFacet(params: URLSearchParams, facet: FacetName, values: string[]): URLSearchParams {
  const next = new URLSearchParams(params);
  const name = FACET_PARAMS[facet];
  if (facet === 'category' && !next.has('campaign')) next.delete('category');
  if (values.length === 0) next.delete(name);
  else next.set(name, values.join(','));
  return next;
}

export function selectedValues(filter: FindingFilter, facet: FacetName): string[] {
  switch (facet) {
    case 'filing':
      return (filter.filings ?? []).map(String);
    case 'platform':
      return filter.platforms ?? [];
    case 'rule':
      return filter.rules ?? [];
    case 'severity':
      return filter.severities ?? [];
    case 'status':
      return filter.statuses ?? [];
    case 'mcn':
      return filter.mcns ?? [];
    case 'category':
      return filter.categories ?? [];
  }
}

/** A stable key of what the table shows, to reset its pages when it changes. */
export function filterKey(filter: FindingFilter, sort: FindingSort): string {
  return JSON.stringify([filter, sort]);
}
