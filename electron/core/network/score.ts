import type { MatrixReason } from '@shared/api/network';
import type { Severity } from '@shared/domain/rules';

export interface MatrixFacts {
  accounts: number;
  subjects: number;
  /** Distinct phone, device or payment values shared by two or more of its accounts. */
  identifiers: number;
  /** Near-duplicate bursts that two or more of its accounts took part in. */
  bursts: number;
  findingsBySeverity: Record<Severity, number>;
  followers: number;
}

/*
 * Points per reason, each capped so no single figure decides alone. The weights say what an
 * inspector looks for first: several real subjects run together (a disguised matrix), shared
 * phones / devices / payment accounts and coordinated bursts (control), findings (violations),
 * then size and reach (harm). Logarithms because 20 accounts are not ten times worse than 2.
 */
const FINDING_POINTS: Record<Severity, number> = { high: 6, medium: 3, low: 1, info: 0 };

const round1 = (x: number) => Math.round(x * 10) / 10;

/** The score of a matrix and the reasons behind it, each with its figure and its points. */
export function scoreMatrix(f: MatrixFacts): { score: number; reasons: MatrixReason[] } {
  const findings = f.findingsBySeverity.high + f.findingsBySeverity.medium + f.findingsBySeverity.low + f.findingsBySeverity.info;
  const findingPoints = (Object.keys(FINDING_POINTS) as Severity[]).reduce((sum, s) => sum + FINDING_POINTS[s] * f.findingsBySeverity[s], 0);
  const reasons: MatrixReason[] = [
    { code: 'accounts', value: f.accounts, points: round1(Math.min(40, 10 * Math.log2(Math.max(1, f.accounts)))), label: `${f.accounts} 个账号相互关联` },
    { code: 'subjects', value: f.subjects, points: Math.min(40, 8 * Math.max(0, f.subjects - 1)), label: `涉及 ${f.subjects} 个不同实名主体` },
    { code: 'identifiers', value: f.identifiers, points: Math.min(30, 6 * f.identifiers), label: `共用 ${f.identifiers} 个手机号、设备或收款账户` },
    { code: 'bursts', value: f.bursts, points: Math.min(30, 10 * f.bursts), label: `参与 ${f.bursts} 次雷同内容批量发布` },
    {
      code: 'findings',
      value: findings,
      points: Math.min(40, findingPoints),
      label: `有 ${findings} 条核查发现（高 ${f.findingsBySeverity.high}、中 ${f.findingsBySeverity.medium}、低 ${f.findingsBySeverity.low}）`,
    },
    { code: 'followers', value: f.followers, points: round1(4 * Math.log10(1 + f.followers)), label: `粉丝合计 ${f.followers.toLocaleString('zh-CN')}` },
  ];
  const kept = reasons.filter((r) => r.points > 0);
  return { score: round1(kept.reduce((sum, r) => sum + r.points, 0)), reasons: kept };
}
