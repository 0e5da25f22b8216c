import { appContract, jobsContract } from './api/app';
import { auditContract } from './api/audit';
import { campaignsContract } from './api/campaigns';
import { checksContract } from './api/checks';
import { dashboardContract } from './api/dashboard';
import { findingsContract } from './api/findings';
import type { ApiOf, Contract } from './api/contract';
import { filingsContract } from './api/filings';
import { networkContract } from './api/network';
import { profilesContract } from './api/profiles';
import { referenceContract } from './api/reference';
import { provisionsContract } from './api/provisions';

export * from './api/contract';

/**
 * The one contract between the renderer, the CLI and the core, sliced by feature.
 * Every door (Electron IPC, browser-mode HTTP, CLI) is derived from this object.
 */
export const appApiContract = {
  app: appContract,
  jobs: jobsContract,
  audit: auditContract,
  filings: filingsContract,
  reference: referenceContract,
  checks: checksContract,
  findings: findingsContract,
  network: networkContract,
  provisions: provisionsContract,
  campaigns: campaignsContract,
  profiles: profilesContract,
  dashboard: dashboardContract,
} satisfies Contract;

export type AppApiContract = typeof appApiContract;
export type AppApi = ApiOf<AppApiContract>;
export type FeatureName = keyof AppApiContract;
