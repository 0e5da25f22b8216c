import type Database from 'better-sqlite3';
import type { RuleDefinition } from '@shared/domain/rules';
import type { JobContext } from '../jobs';
import type { LexiconTerm } from '../reference/lexicon-matcher';
import type { NameScan } from './name-scan';

/** One source row cited as evidence: the table, the row number the inspector sees, and its key fields. */
export interface EvidenceRow {
  table: string;
  src_row: number;
  key: Record<string, string | number | null>;
}

export type FindingEntity =
  | { type: 'platform' | 'subject' | 'account' | 'mcn' | 'complaint' | 'transfer'; id: string }
  | { type: 'account_group'; ids: string[] };

/** What a rule produces; the engine adds rule id, severity, title and citations from the catalogue. */
export interface FindingDraft {
  entity: FindingEntity;
  /** Join columns, so findings can be listed by account, real subject or MCN. */
  accountId?: string | null;
  identityKey?: string | null;
  mcnId?: string | null;
  explanation: string;
  evidence: EvidenceRow[];
}

export interface LicenseRecord {
  license_no: string;
  holder_name: string;
  services?: string[] | string | null;
  valid_until: string | null;
  province?: string | null;
}

export type { LexiconTerm } from '../reference/lexicon-matcher';

/** The reference data a run uses, with what identifies it in the run record. */
export interface CheckReference {
  licenses: Map<string, LicenseRecord>;
  lexicon: LexiconTerm[];
  /** Where each set came from (reference set name or file name). */
  licensesName: string;
  lexiconName: string;
}

export interface FilingFacts {
  id: number;
  platformId: string;
  platformName: string;
  /** period.start and period.end, 'YYYY-MM-DD'. */
  start: string;
  end: string;
  complaintDeadlineDays: number | null;
  /** documents[].kind of the manifest. */
  documentKinds: string[];
}

export interface RuleContext {
  db: Database.Database;
  filing: FilingFacts;
  reference: CheckReference;
  /** Work shared by several rules (the lexicon scan of display names), computed on first use. */
  names(): NameScan;
  job: Pick<JobContext, 'throwIfCancelled'>;
  /** Progress inside a long rule, shown after the rule's title (throttled by the job). */
  progress(detail: string): void;
}

export interface RuleModule {
  id: string;
  /** Synchronous SQL for most rules; a rule that works on other threads returns a promise. */
  run(rc: RuleContext): FindingDraft[] | Promise<FindingDraft[]>;
  /**
   * Called for every chosen rule before the first one runs: a rule whose work runs on other
   * threads starts it here, so it overlaps the rules before it; `run` then takes its result.
   * True when it started something: the rule's time then counts from here.
   */
  prepare?(rc: RuleContext): boolean;
}

export interface CatalogueRule extends RuleModule {
  meta: RuleDefinition;
}
