import { RULES, type RuleDefinition } from '@shared/domain/rules';
import { AppError } from '@shared/errors';
import { accountRules } from './rules/account';
import { agreementRules } from './rules/agreement';
import { complaintRules } from './rules/complaint';
import { contentRules } from './rules/content';
import { credentialRules } from './rules/credential';
import { enforcementRules } from './rules/enforcement';
import { followersRules } from './rules/followers';
import { identityRules } from './rules/identity';
import { matrixRules } from './rules/matrix';
import { mcnRules } from './rules/mcn';
import { monetizationRules } from './rules/monetization';
import { nameRules } from './rules/name';
import { newsRules } from './rules/news';
import { platformRules } from './rules/platform';
import { registrationRules } from './rules/registration';
import { subjectRules } from './rules/subject';
import { transferRules } from './rules/transfer';
import type { CatalogueRule, RuleModule } from './types';

const modules: RuleModule[] = [
  ...identityRules, ...nameRules, ...credentialRules, ...contentRules, ...subjectRules, ...accountRules,
  ...monetizationRules, ...followersRules, ...mcnRules, ...newsRules, ...enforcementRules, ...transferRules,
  ...registrationRules, ...complaintRules, ...platformRules, ...agreementRules, ...matrixRules,
];

/** Every rule of the catalogue with its query, in catalogue order; a rule without a query is a start-up error. */
export const CHECK_RULES: readonly CatalogueRule[] = (() => {
  const byId = new Map(modules.map((m) => [m.id, m]));
  const catalogue = RULES as readonly RuleDefinition[];
  const missing = catalogue.filter((r) => !byId.has(r.id)).map((r) => r.id);
  const unknown = modules.filter((m) => !catalogue.some((r) => r.id === m.id)).map((m) => m.id);
  if (missing.length > 0 || unknown.length > 0) {
    throw new Error(`规则实现与规则目录不一致：缺少 ${missing.join(', ') || '无'}；目录外 ${unknown.join(', ') || '无'}`);
  }
  return catalogue.map((meta) => ({ ...byId.get(meta.id)!, meta }));
})();

/** The rules of a run: all of them, or the ids asked for (unknown ids are refused, naming them). */
export function selectRules(ids?: readonly string[]): CatalogueRule[] {
  if (!ids || ids.length === 0) return [...CHECK_RULES];
  const unknown = ids.filter((id) => !CHECK_RULES.some((r) => r.id === id));
  if (unknown.length > 0) throw new AppError('invalid_argument', `未知的规则：${unknown.join('、')}`);
  const wanted = new Set(ids);
  return CHECK_RULES.filter((r) => wanted.has(r.id));
}
