import os from 'node:os';
import path from 'node:path';
import { AppError } from '@shared/errors';
import { appApiContract, type AppApiContract, type ServiceOf } from '@shared/api';
import { APP_NAME, APP_VERSION } from './app-info';
import { AuditLog } from './audit/audit-log';
import type { CoreContext } from './context';
import { openWorkspace } from './db/connection';
import { migrations } from './db/migrations';
import { EventBus } from './event-bus';
import { JobRunner } from './jobs';
import { defaultResourcesDir } from './paths';
import { createCampaignsService } from './campaigns/service';
import { createChecksService } from './checks/service';
import { createDashboardService } from './dashboard/service';
import { createFindingsService } from './findings/service';
import { createNetworkService } from './network/service';
import { createProfilesService } from './profiles/service';
import { createProvisionsService } from './provisions/service';
import { createFilingService } from './filing/service';
import { createReferenceService } from './reference/service';

export type Door = 'electron' | 'browser' | 'cli';

export type AppServices = { [F in keyof AppApiContract]: ServiceOf<AppApiContract[F]> };

export interface Services {
  api: AppServices;
  bus: EventBus;
  context: CoreContext;
  close(): Promise<void>;
}

export interface ServicesOptions {
  dbPath: string;
  dataDir: string;
  resourcesDir?: string;
  door: Door;
  actor?: string;
}


/** Composition root: one workspace, one event bus, every feature service over them. */
export async function createServices(options: ServicesOptions): Promise<Services> {
  const ws = await openWorkspace(options.dbPath);
  const bus = new EventBus();
  const actor = options.actor ?? safeUserName();
  const context: CoreContext = {
    ws,
    bus,
    jobs: new JobRunner(bus),
    audit: new AuditLog(ws, actor),
    dataDir: options.dataDir,
    resourcesDir: options.resourcesDir ?? defaultResourcesDir(),
    actor,
  };
  const schemaVersion = Object.keys(migrations).sort().at(-1) ?? '';

  const api: AppServices = {
    app: {
      info: () => ({ name: APP_NAME, version: APP_VERSION, door: options.door, workspacePath: path.resolve(options.dbPath), schemaVersion }),
    },
    jobs: {
      cancel: ({ jobId }) => ({ cancelled: context.jobs.cancel(jobId) }),
    },
    audit: {
      list: (args) => context.audit.list(args),
      verify: () => context.audit.verify(),
    },
    filings: createFilingService(context),
    reference: createReferenceService(context),
    provisions: createProvisionsService(context),
    checks: createChecksService(context),
    findings: createFindingsService(context),
    network: createNetworkService(context),
    campaigns: createCampaignsService(context),
    profiles: createProfilesService(context),
    dashboard: createDashboardService(context),
  };
  assertImplementsContract(api);
  return { api, bus, context, close: () => ws.close() };
}

/** A missing method is a programming error: fail at start-up, not when a user clicks. */
function assertImplementsContract(api: AppServices): void {
  for (const [feature, methods] of Object.entries(appApiContract)) {
    for (const name of Object.keys(methods)) {
      const impl = (api as Record<string, Record<string, unknown>>)[feature]?.[name];
      if (typeof impl !== 'function') throw new AppError('internal', `服务未实现：${feature}.${name}`);
    }
  }
}

function safeUserName(): string {
  try {
    return os.userInfo().username;
  } catch {
    return 'inspector';
  }
}
