import type { FindingSummary } from '@shared/api/findings';
import { AuditLog } from '../audit/audit-log';
import type { CoreContext } from '../context';
import { openWorkspace, type Workspace } from '../db/connection';
import { EventBus } from '../event-bus';
import { JobRunner } from '../jobs';
import { createFindingsService } from '../findings/service';
import { runChecks } from './engine';
import type { CheckReference, LexiconTerm, LicenseRecord } from './types';

/*
 * Fixture builder for rule tests: an in-memory workspace, one filing, and rows inserted
 * directly in the storage conventions of migration 0002 (times 'YYYY-MM-DD HH:MM:SS' UTC+8,
 * booleans 0/1, lists as JSON). Every table gets sensible defaults for its required columns so
 * a test names only what it is about.
 */

type Value = string | number | null | boolean | readonly string[];
type Row = Record<string, Value>;

export interface KitOptions {
  start?: string;
  end?: string;
  complaintDeadlineDays?: number | null;
  documents?: string[];
  platformId?: string;
  /** A workspace file instead of an in-memory database (for code that opens its own connections). */
  dbPath?: string;
}

const ALL_DOCUMENTS = ['management_rules', 'platform_convention', 'service_agreement'];

const DEFAULTS: Record<string, (row: Row) => Row> = {
  subjects: (r) => ({
    subject_type: 'enterprise', name: `主体${String(r.subject_id)}`, identity_key: `K-${String(r.subject_id)}`, uscc: '91330100MA0000000X',
    verification_methods: ['mobile'], registered_region: '浙江省', operating_region: '浙江省', contact: '138****0000', business_scope: '信息服务',
  }),
  accounts: (r) => ({
    display_name: `普通账号${String(r.account_id)}`, content_category: 'lifestyle', registered_at: '2023-01-01 10:00:00', status: 'active', followers: 100,
  }),
  credentials: () => ({ credential_type: '执业证书', verification_result: 'passed' }),
  mcn_orgs: (r) => ({ name: `MCN${String(r.mcn_id)}`, status: 'active' }),
  mcn_contracts: () => ({ signed_at: '2024-01-01 00:00:00' }),
  account_identifiers: () => ({}),
  enforcement_actions: () => ({ target_type: 'account', reason: 'other' }),
  follower_daily: () => ({}),
  account_transfers: () => ({ from_subject_id: 'S-from', to_subject_id: 'S-to' }),
  contents: () => ({ topic: 'lifestyle' }),
  complaints: () => ({}),
  blacklist: () => ({}),
};

export interface Kit {
  ws: Workspace;
  ctx: CoreContext;
  filingId: number;
  insert(table: keyof typeof DEFAULTS, row: Row): void;
  subject(row: Row): void;
  /** Inserts an account; without subject_id it gets its own compliant subject S-<account_id>. */
  account(row: Row): void;
  licenses: LicenseRecord[];
  lexicon: LexiconTerm[];
  /** Runs the given rules and returns the present findings of the filing (all rules). */
  run(rules?: string[]): Promise<FindingSummary[]>;
  /** Entity ids (or sorted, comma-joined ids of a group) of the present findings of one rule. */
  entities(rule: string): Promise<string[]>;
  close(): Promise<void>;
}

/** A core context over a workspace file (or ':memory:'), without the rest of the services: for tests and benchmarks of the checks. */
export async function openCheckContext(dbPath: string, dataDir = '', resourcesDir?: string): Promise<CoreContext> {
  const ws = await openWorkspace(dbPath);
  const bus = new EventBus();
  return { ws, bus, jobs: new JobRunner(bus), audit: new AuditLog(ws, 'tester'), dataDir, resourcesDir: resourcesDir ?? '', actor: 'tester' };
}

export async function createKit(options: KitOptions = {}): Promise<Kit> {
  const ctx = await openCheckContext(options.dbPath ?? ':memory:');
  const ws = ctx.ws;
  const platformId = options.platformId ?? 'P001';
  const documents = (options.documents ?? ALL_DOCUMENTS).map((kind) => ({ kind, title: kind, file: `docs/${kind}.pdf`, sha256: '0' }));
  const filingId = Number(
    ws.raw
      .prepare(
        `INSERT INTO filings (package_sha256, package_id, source_name, platform_id, platform_name, period_start, period_end, complaint_deadline_days,
                              version, manifest_json, imported_at, imported_by)
         VALUES (?, 'PKG-TEST', 'test', ?, '测试平台', ?, ?, ?, 1, ?, '2025-01-06 09:30:00', 'tester')`,
      )
      .run(
        `sha-${Math.random()}`,
        platformId,
        options.start ?? '2024-10-01',
        options.end ?? '2024-12-31',
        options.complaintDeadlineDays === undefined ? 15 : options.complaintDeadlineDays,
        JSON.stringify({ documents }),
      ).lastInsertRowid,
  );
  const srcRows = new Map<string, number>();
  const insert = (table: string, row: Row) => {
    const full: Row = { ...DEFAULTS[table](row), ...row };
    const srcRow = (srcRows.get(table) ?? 1) + 1;
    srcRows.set(table, srcRow);
    const columns = Object.keys(full);
    const values = columns.map((c) => {
      const v = full[c];
      if (typeof v === 'boolean') return v ? 1 : 0;
      if (Array.isArray(v)) return v.length === 0 ? null : JSON.stringify(v);
      return v as string | number | null;
    });
    ws.raw
      .prepare(`INSERT INTO ${table} (filing_id, src_row, ${columns.join(', ')}) VALUES (?, ?, ${columns.map(() => '?').join(', ')})`)
      .run(filingId, srcRow, ...values);
  };
  const kit: Kit = {
    ws,
    ctx,
    filingId,
    insert,
    subject: (row) => insert('subjects', row),
    account: (row) => {
      if (row.subject_id === undefined) {
        const subjectId = `S-${String(row.account_id)}`;
        insert('subjects', { subject_id: subjectId });
        insert('accounts', { ...row, subject_id: subjectId });
      } else insert('accounts', row);
    },
    licenses: [],
    lexicon: [],
    async run(rules) {
      const reference: CheckReference = {
        licenses: new Map(kit.licenses.map((l) => [l.license_no, l])),
        lexicon: kit.lexicon,
        licensesName: 'test-licenses',
        lexiconName: 'test-lexicon',
      };
      await ctx.jobs.run('check', (job) => runChecks(ctx, { filingId, rules, reference }, job));
      const out: FindingSummary[] = [];
      const findings = createFindingsService(ctx);
      let after: number | undefined;
      for (;;) {
        const page = await findings.list({ filingId, includeGone: false, limit: 1000, after });
        out.push(...page.items);
        if (page.nextCursor === null) return out;
        after = page.nextCursor;
      }
    },
    async entities(rule) {
      const all = await kit.run([rule]);
      return all
        .filter((f) => f.ruleId === rule)
        .map((f) => (f.entity.type === 'account_group' ? f.entity.ids.join(',') : f.entity.id))
        .sort();
    },
    close: () => ws.close(),
  };
  return kit;
}
