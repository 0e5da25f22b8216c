import { accountPlans } from './accounts';
import { complaintPlans } from './complaints';
import { contentPlans } from './content';
import { credentialPlans } from './credentials';
import { enforcementPlans } from './enforcement';
import { followerPlans } from './followers';
import { identityPlans } from './identity';
import type { RulePlan } from './kit';
import { matrixPlans } from './matrix';
import { mcnPlans } from './mcn';
import { monetizationPlans } from './monetization';
import { namePlans } from './names';
import { newsPlans } from './news';
import { subjectPlans } from './subjects';
import { transferPlans } from './transfers';

/** Every account-level rule's planted cases, family by family (platform rules: see platform.ts). */
export const RULE_PLANS: readonly RulePlan[] = [
  ...identityPlans,
  ...namePlans,
  ...credentialPlans,
  ...subjectPlans,
  ...accountPlans,
  ...monetizationPlans,
  ...followerPlans,
  ...mcnPlans,
  ...newsPlans,
  ...contentPlans,
  ...enforcementPlans,
  ...transferPlans,
  ...complaintPlans,
  ...matrixPlans,
];
