import type Database from 'better-sqlite3';
import { normalizeText } from '@shared/text/normalize';
import { buildLexiconMatcher } from '../reference/lexicon-matcher';
import type { LexiconTerm } from './types';

export interface NameLexiconHit {
  accountId: string;
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
      `SELECT display_name AS name FROM blacklist WHERE filing_id = @f AND display_name IS NOT NULL
       UNION
       SELECT a.display_name FROM accounts a
       WHERE a.filing_id = @f AND a.status = 'closed'
         AND EXISTS (SELECT 1 FROM enforcement_actions x WHERE x.filing_id = @f AND x.account_id = a.account_id AND x.action = 'close')`,
    )
    .pluck()
    .all({ f: filingId }) as string[];
  for (const name of closureRows) {
    const normalized = normalizeText(name);
    if (normalized !== '') closureNames.add(normalized);
  }

  const lexiconHits: NameLexiconHit[] = [];
  const closureNameHits: NameScan['closureNameHits'] = [];
  const rows = db
    .prepare(`SELECT account_id, display_name FROM accounts WHERE filing_id = @f AND status <> 'closed'`)
    .raw()
    .iterate({ f: filingId }) as Iterable<[string, string]>;
  let seen = 0;
  for (const [accountId, displayName] of rows) {
    if (++seen % 65_536 === 0) throwIfCancelled();
    const normalized = normalizeText(displayName);
    if (normalized === '') continue;
    const found = matcher.findAll(normalized);
    if (found.length > 0) lexiconHits.push({ accountId, terms: found.map(({ term, category }) => ({ term, category })) });
    if (closureNames.has(normalized)) closureNameHits.push({ accountId, normalizedName: normalized });
  }
  return { lexiconHits, closureNameHits };
}
