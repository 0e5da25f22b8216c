import type { EvidenceRow, RuleContext } from '../types';

/** The named parameters every rule query may use. */
export function params(rc: RuleContext): { f: number; start: string; end: string } {
  return { f: rc.filing.id, start: rc.filing.start, end: rc.filing.end };
}

export function ev(table: string, srcRow: number, key: EvidenceRow['key']): EvidenceRow {
  return { table, src_row: srcRow, key };
}

/** “名称”（ID） — how explanations name an account. */
export function acct(name: string | null | undefined, id: string): string {
  return name ? `“${name}”（${id}）` : `（${id}）`;
}

/** A short list for an explanation: the first items and how many more. */
export function listSome(items: readonly string[], max = 5): string {
  if (items.length <= max) return items.join('、');
  return `${items.slice(0, max).join('、')} 等 ${items.length} 项`;
}

/** SQL: a stored text or list column is empty (NULL, '' or an empty JSON list). */
export function sqlEmpty(column: string): string {
  return `(${column} IS NULL OR ${column} = '' OR ${column} = '[]')`;
}

export const FOUR_DOMAINS = ['finance', 'education', 'medical', 'judicial'] as const;
export const NEWS_TOPICS = ['politics', 'economy', 'military', 'diplomacy', 'major_incident'] as const;
export const CURRENT_AFFAIRS_TOPICS = [...NEWS_TOPICS, 'public_policy', 'social_event'] as const;

export function sqlList(values: readonly string[]): string {
  return `(${values.map((v) => `'${v}'`).join(', ')})`;
}

export const DOMAIN_LABELS: Record<string, string> = { finance: '金融', education: '教育', medical: '医疗卫生', judicial: '司法' };

export const TOPIC_LABELS: Record<string, string> = {
  politics: '时政', economy: '经济', military: '军事', diplomacy: '外交', major_incident: '重大突发事件',
  public_policy: '公共政策', social_event: '社会事件', finance: '金融', education: '教育', medical: '医疗卫生',
  judicial: '司法', entertainment: '娱乐', lifestyle: '生活', other: '其他',
};

export const ACTION_LABELS: Record<string, string> = {
  warning: '警示提醒', restrict_interaction: '取消互动功能', ban: '禁言', suspend_update: '暂停信息更新',
  suspend_monetization: '暂停营利权限', revoke_monetization: '取消营利权限', clear_followers: '清理粉丝',
  freeze_followers: '禁止新增粉丝', stop_ads: '停止广告发布', close: '关闭账号', blacklist: '列入黑名单',
  ban_reregistration: '禁止重新注册',
};

export const SUBJECT_TYPE_LABELS: Record<string, string> = {
  individual: '个人', enterprise: '企业', government: '党政机关', news_unit: '新闻单位', institution: '事业单位',
  social_org: '社会组织', other: '其他',
};

/** Evidence rows of a JSON array built in SQL with json_group_array(json_array(...)). */
export function parseJsonRows<T extends unknown[]>(json: string): T[] {
  return JSON.parse(json) as T[];
}

/** rules-v1 “valid licence” at a date: in the registry, and valid_until empty or ≥ the date. */
export function licenseValidAt(license: { valid_until: string | null } | undefined, date: string): boolean {
  return license !== undefined && (!license.valid_until || license.valid_until.slice(0, 10) >= date);
}

/** SQL: credential alias `k` is passed for domain `domain` and valid on date `date`. */
export function sqlPassedCredentialAt(domain: string, date: string): string {
  return `k.domain = ${domain} AND k.verification_result = 'passed'
    AND (k.valid_from IS NULL OR substr(k.valid_from, 1, 10) <= ${date})
    AND (k.valid_until IS NULL OR substr(k.valid_until, 1, 10) >= ${date})`;
}
