import type { AuditLog } from './audit/audit-log';
import type { Workspace } from './db/connection';
import type { EventBus } from './event-bus';
import type { JobRunner } from './jobs';

/** What every feature service is built from (see services.ts). */
export interface CoreContext {
  ws: Workspace;
  bus: EventBus;
  jobs: JobRunner;
  audit: AuditLog;
  /** Folder for app-owned files: uploads, temporary extractions, exports. */
  dataDir: string;
  /** The shipped resources/ folder (provisions, reference data, samples, campaigns). */
  resourcesDir: string;
  /** Who acts, for audit and review history (the OS user unless configured). */
  actor: string;
}
