import type Database from 'better-sqlite3';
import { normalizeText } from '@shared/text/normalize';
import { buildLexiconMatcher } from '../reference/lexicon-matcher';
import { normalizeTextFast } from './fast-normalize';
import type { LexiconTerm } from './types';

export interface NameLexiconHit {
  accountId: string;
  /** The account's manual_review: name.protected_unreviewed needs the few not passed, not a lookup of every hit. */
  manualReview: string | null;
  /** Surviving matches after longest-leftmost resolution (a swallowed match does not count). */
  terms: LexiconTerm[];
}

export interface NameScan {
  /** Open accounts whose normalised display_name contains at least one lexicon term. */
  lexiconHits: NameLexiconHit[];
  /** Open accounts whose normalised display_name equals the normalised name of a closure (account.reregistered). */
  closureNameHits: { accountId: string; normalizedName: string }[];
}

/**
 * One pass over the open accounts' display names, shared by the name.* rules and
 * account.reregistered: each name is normalised once and run through the lexicon automaton once.
 * Only hits are kept, so memory stays proportional to the findings, not to the accounts.
 */
export function scanNames(db: Database.Database, filingId: number, lexicon: LexiconTerm[], throwIfCancelled: () => void): NameScan {
  const matcher = buildLexiconMatcher(lexicon);
  const closureNames = new Set<string>();
  const closureRows = db
    .prepare(
      // Closed accounts with a close action, from the few close actions rather than all accounts.
      `SELECT display_name AS name FROM blacklist WHERE filing_id = @f AND display_name IS NOT NULL
       UNION
       SELECT a.display_name
       FROM (SELECT DISTINCT account_id FROM enforcement_actions WHERE filing_id = @f AND action = 'close') x
       CROSS JOIN accounts a ON a.filing_id = @f AND a.account_id = x.account_id
       WHERE a.status = 'closed'`,
    )
    .pluck()
    .all({ f: filingId }) as string[];
  for (const name of closureRows) {
    const normalized = normalizeText(name);
    if (normalized !== '') closureNames.add(normalized);
  }

  const lexiconHits: NameLexiconHit[] = [];
  const closureNameHits: NameScan['closureNameHits'] = [];
  // In key order: the primary key walks the filing's rows about in storage order, where a bare
  // filing_id search may take any index that starts with it and visit the rows in random order.
  const rows = db
    .prepare(`SELECT account_id, display_name, manual_review FROM accounts WHERE filing_id = @f AND status <> 'closed' ORDER BY account_id`)
    .raw()
    .iterate({ f: filingId }) as Iterable<[string, string, string | null]>;
  let seen = 0;
  for (const [accountId, displayName, manualReview] of rows) {
    if (++seen % 65_536 === 0) throwIfCancelled();
    const normalized = normalizeTextFast(displayName);
    if (normalized === '') continue;
    const found = matcher.findAll(normalized);
    if (found.length > 0) lexiconHits.push({ accountId, manualReview, terms: found.map(({ term, category }) => ({ term, category })) });
    if (closureNames.has(normalized)) closureNameHits.push({ accountId, normalizedName: normalized });
  }
  return { lexiconHits, closureNameHits };
}
