import type { AccountRec, Block, Entity, SubjectRec } from '../builder';
import { at, formatTime } from '../dates';
import type { LexiconCategory } from '../name-guard';
import type { SubjectType } from '../tables';
import type { RuleId } from '@shared/domain/rules';

/** One planted situation: builds its rows and records what it must (or must not) trigger. */
export type CaseBuild = (b: Block) => void;

export interface RulePlan {
  rule: RuleId;
  /** Variants that fire the rule; repeated in turn up to the package's case count. */
  fires: CaseBuild[];
  /** Variants at a threshold or window boundary that must not fire it. */
  nearMisses: CaseBuild[];
}

export const acc = (a: AccountRec): Entity => ({ type: 'account', id: a.account_id });
export const subj = (s: SubjectRec): Entity => ({ type: 'subject', id: s.identity_key });
export const group = (accounts: AccountRec[]): Entity => ({ type: 'account_group', ids: accounts.map((a) => a.account_id).sort() });
export const T = (date: string, time = '10:00:00') => formatTime(at(date, time));

/** A compliant individual (or other subject type) with one quiet open account, ready to be bent into a case. */
export function person(b: Block, account: Partial<AccountRec> = {}, subject: Partial<SubjectRec> = {}, type: SubjectType = 'individual'): { s: SubjectRec; a: AccountRec } {
  const s = b.subject(type, subject);
  const a = b.account(s, {
    registered_at: formatTime(b.time(at('2020-01-01'), at('2023-12-31'))),
    followers: b.rng.int(300, 8000),
    agreement_signed: true,
    manual_review: 'none',
    ...(type === 'individual' ? {} : { display_name: b.brandName() }),
    ...account,
  });
  b.identifiers(a);
  return { s, a };
}

/** A closed account whose name no open account can share (closure names carry a unique serial). */
export function closedPerson(b: Block, closedAt: string, account: Partial<AccountRec> = {}, subject: Partial<SubjectRec> = {}): { s: SubjectRec; a: AccountRec } {
  return person(b, { status: 'closed', closed_at: closedAt, last_active_at: closedAt, display_name: b.personalName() + b.uniqueSuffix(), registered_at: T('2019-05-01'), ...account }, subject);
}

/**
 * A display name whose lexicon hits, as the rules engine sees them, are exactly `want`
 * (checked against the engine's lexicon, so the planted case fires what it claims).
 */
export function nameHitting(b: Block, want: readonly LexiconCategory[], make: () => string): string {
  for (let attempt = 0; attempt < 400; attempt++) {
    const name = make();
    const got = b.engineLexicon.categories(name);
    if (got.size === want.length && want.every((c) => got.has(c))) return name;
  }
  throw new Error(`无法生成命中词库类别 ${want.join('+')} 的账号名称：请检查词库`);
}
