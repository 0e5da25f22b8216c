import type { ServiceOf } from '@shared/api/contract';
import {
  PROFILE_LIST_LIMIT,
  type AccountProfile,
  type ContentRow,
  type FilingRef,
  type FindingBrief,
  type ProfileHit,
  type profilesContract,
} from '@shared/api/profiles';
import { FILING_TABLES, enumLabel } from '@shared/domain/filing-schema';
import { AppError } from '@shared/errors';
import type { CoreContext } from '../context';
import { attributesOf, displayValue, type StoredRow } from './attributes';
import { ensureAllNameIndexes, ensureNameIndex } from './name-index';
import { ProfilesRepository, type FilingRow, type FindingBriefRow } from './repository';

/** Other accounts named beside a shared identifier; the count says how many there are. */
const IDENTIFIER_SAMPLE = 10;
/** Follower days on one chart: ten years of daily counts. */
const SERIES_LIMIT = 3660;

/** Search cursor: where the id-prefix phase stopped, or the last name row returned. */
type SearchCursor =
  | { phase: 'id'; filingId: number; entityId: string }
  | { phase: 'ik'; filingId: number; identityKey: string; entityId: string }
  | { phase: 'name'; rowId: number };

const CONTENT_FLAGS = ['is_original', 'ai_generated', 'ai_label', 'fictional', 'fiction_label', 'rumor_label', 'dispute_label'] as const;

export function createProfilesService(ctx: CoreContext): ServiceOf<typeof profilesContract> {
  const repo = new ProfilesRepository(ctx.ws.raw);

  const filingRefs = (): Map<number, FilingRef> => new Map(repo.filings().map((f) => [f.id, toFilingRef(f)]));
  const filingRef = (refs: Map<number, FilingRef>, id: number): FilingRef => {
    const ref = refs.get(id);
    if (!ref) throw new AppError('not_found', `备案 #${id} 不存在`);
    return ref;
  };

  return {
    search: ({ query, kind, filingId, limit, cursor }) => {
      const refs = filingRefs();
      if (filingId !== undefined) {
        filingRef(refs, filingId);
        ensureNameIndex(ctx.ws.raw, filingId);
      } else ensureAllNameIndexes(ctx.ws.raw);
      const q = query.trim();
      const position = decodeCursor(cursor);
      const hits: { filingId: number; entityId: string; matchedBy: 'id' | 'name' }[] = [];
      let next: SearchCursor | null = null;
      const phases: SearchCursor['phase'][] = kind === 'account' ? ['id', 'name'] : ['id', 'ik', 'name'];
      const filings = [...refs.keys()].filter((id) => filingId === undefined || id === filingId);

      for (const phase of phases.slice(phases.indexOf(position.phase))) {
        if (next) break;
        const resumes = phase === position.phase;
        if (phase === 'name') {
          // Names containing the query, in index-row order (FTS5 trigram, see name-index.ts).
          const afterRowId = resumes && position.phase === 'name' ? position.rowId : 0;
          const room = limit - hits.length;
          const rows = repo.nameHits(kind, q, filingId ?? null, afterRowId, room + 1);
          hits.push(...rows.slice(0, room).map((r) => ({ filingId: r.filing_id, entityId: r.entity_id, matchedBy: 'name' as const })));
          if (rows.length > room) next = { phase: 'name', rowId: rows[room - 1]?.id ?? afterRowId };
          continue;
        }
        // Ids starting with the query, filing by filing, each in index order.
        const startFiling = resumes && position.phase !== 'name' ? position.filingId : 0;
        for (const id of filings.filter((f) => f >= startFiling)) {
          const room = limit - hits.length;
          const fromStart = !(resumes && position.phase !== 'name' && id === position.filingId);
          let rows: { filing_id: number; entity_id: string; identity_key?: string }[];
          if (phase === 'ik') {
            const after = fromStart || position.phase !== 'ik' ? { identityKey: '', entityId: '' } : { identityKey: position.identityKey, entityId: position.entityId };
            rows = repo.subjectIdentityHits(id, q, after, room + 1);
          } else {
            const after = fromStart || position.phase !== 'id' ? '' : position.entityId;
            rows = kind === 'account' ? repo.accountIdHits(id, q, after, room + 1) : repo.subjectIdHits(id, q, after, room + 1);
          }
          hits.push(...rows.slice(0, room).map((r) => ({ filingId: r.filing_id, entityId: r.entity_id, matchedBy: 'id' as const })));
          if (rows.length > room) {
            const last = rows[room - 1];
            if (!last) next = phase === 'ik' ? { phase, filingId: id, identityKey: '', entityId: '' } : { phase, filingId: id, entityId: '' };
            else next = phase === 'ik' ? { phase, filingId: id, identityKey: last.identity_key ?? '', entityId: last.entity_id } : { phase, filingId: id, entityId: last.entity_id };
            break;
          }
        }
      }

      const items = hits.flatMap((hit): ProfileHit[] => {
        const filing = filingRef(refs, hit.filingId);
        if (kind === 'account') {
          const account = repo.account(hit.filingId, hit.entityId);
          if (!account) return [];
          const subject = repo.subject(hit.filingId, String(account.subject_id));
          return [{
            kind, filing, entityId: hit.entityId, name: String(account.display_name), identityKey: (subject?.identity_key as string) ?? null,
            matchedBy: hit.matchedBy, subjectName: (subject?.name as string) ?? null, status: String(account.status),
            statusLabel: enumLabel('account_status', String(account.status)), followers: Number(account.followers),
            subjectTypeLabel: null, accountCount: null, findingCount: repo.accountFindingCount(hit.filingId, hit.entityId),
          }];
        }
        const subject = repo.subject(hit.filingId, hit.entityId);
        if (!subject) return [];
        const identityKey = String(subject.identity_key);
        return [{
          kind, filing, entityId: hit.entityId, name: String(subject.name), identityKey, matchedBy: hit.matchedBy,
          subjectName: null, status: null, statusLabel: null, followers: null,
          subjectTypeLabel: enumLabel('subject_type', String(subject.subject_type)),
          accountCount: repo.accountCountOfSubject(hit.filingId, hit.entityId),
          findingCount: repo.identityFindingCount(hit.filingId, identityKey),
        }];
      });
      return { items, nextCursor: next ? encodeCursor(next) : null };
    },

    account: ({ filingId, accountId }): AccountProfile => {
      const refs = filingRefs();
      const filing = filingRef(refs, filingId);
      const account = repo.account(filingId, accountId);
      if (!account) throw new AppError('not_found', `备案 #${filingId} 中没有账号 ${accountId}`);
      const subjectRow = repo.subject(filingId, String(account.subject_id));
      const identityKey = subjectRow ? String(subjectRow.identity_key) : null;
      const enforcement = repo.enforcement(filingId, accountId, PROFILE_LIST_LIMIT);
      const complaints = repo.complaints(filingId, accountId, PROFILE_LIST_LIMIT);
      const findings = repo.accountFindings(filingId, accountId, identityKey, PROFILE_LIST_LIMIT);
      const mcnStatus = FILING_TABLES.mcn_orgs.columns.find((c) => c.name === 'status')!;
      const mcnMeasures = FILING_TABLES.mcn_orgs.columns.find((c) => c.name === 'measures')!;
      return {
        filing,
        accountId,
        displayName: String(account.display_name),
        status: String(account.status),
        statusLabel: enumLabel('account_status', String(account.status)),
        attributes: attributesOf('accounts', account),
        subject: subjectRow
          ? {
              subjectId: String(subjectRow.subject_id),
              name: String(subjectRow.name),
              identityKey: String(subjectRow.identity_key),
              subjectTypeLabel: enumLabel('subject_type', String(subjectRow.subject_type)),
              attributes: attributesOf('subjects', subjectRow),
              accountCount: repo.accountCountOfSubject(filingId, String(subjectRow.subject_id)),
              filingCount: repo.filingCountOfIdentity(String(subjectRow.identity_key)),
            }
          : null,
        credentials: repo.credentials(filingId, accountId).map((row) => attributesOf('credentials', row, ['account_id'])),
        mcnContracts: repo.mcnContracts(filingId, accountId).map((c) => ({
          mcnId: c.mcn_id, name: c.name, statusLabel: displayValue(mcnStatus, c.status), measures: displayValue(mcnMeasures, c.measures),
          signedAt: c.signed_at, endedAt: c.ended_at,
        })),
        identifiers: repo.identifiers(filingId, accountId).map((i) => ({
          kind: i.kind,
          kindLabel: enumLabel('identifier_kind', i.kind),
          valueHash: i.value_hash,
          otherCount: i.other_count,
          others: i.other_count === 0 ? [] : repo.identifierOthers(filingId, accountId, i.kind, i.value_hash, IDENTIFIER_SAMPLE).map((o) => ({ accountId: o.account_id, displayName: o.display_name })),
        })),
        enforcement: enforcement.rows.map(toEnforcement),
        enforcementTotal: enforcement.total,
        followerSeries: repo.followerSeries(filingId, accountId, SERIES_LIMIT),
        transfers: repo.transfers(filingId, accountId).map((t) => ({
          transferId: t.transfer_id, fromSubjectId: t.from_subject_id, fromName: t.from_name, toSubjectId: t.to_subject_id, toName: t.to_name,
          appliedAt: t.applied_at, approvedAt: t.approved_at, effectiveAt: t.effective_at, disclosed: t.disclosed === null ? null : t.disclosed === 1,
        })),
        complaints: complaints.rows.map((c) => ({ complaintId: c.complaint_id, contentId: c.content_id, receivedAt: c.received_at, resolvedAt: c.resolved_at, outcome: c.outcome })),
        complaintsTotal: complaints.total,
        findings: findings.rows.map((r) => toBrief(r, r.via)),
        findingsTotal: findings.total,
        contentsTotal: repo.contentCount(filingId, accountId),
      };
    },

    contents: ({ filingId, accountId, limit, cursor }) => {
      const after = cursor ? decodeContentCursor(cursor) : null;
      const rows = repo.contents(filingId, accountId, after, limit + 1);
      const page = rows.slice(0, limit);
      const last = page.at(-1);
      return {
        items: page.map(toContent),
        nextCursor: rows.length > limit && last ? JSON.stringify({ publishedAt: last.published_at, contentId: last.content_id }) : null,
      };
    },

    subject: ({ identityKey }) => {
      const refs = filingRefs();
      const records = repo.subjectRecords(identityKey);
      if (records.length === 0) throw new AppError('not_found', `没有身份标识为 ${identityKey} 的运营主体`);
      const accounts = repo.identityAccounts(identityKey, PROFILE_LIST_LIMIT);
      const findings = repo.identityFindings(identityKey, PROFILE_LIST_LIMIT);
      return {
        identityKey,
        records: records.map((row) => ({
          filing: filingRef(refs, row.filing_id),
          subjectId: String(row.subject_id),
          name: String(row.name),
          subjectTypeLabel: enumLabel('subject_type', String(row.subject_type)),
          attributes: attributesOf('subjects', row),
          accountCount: repo.accountCountOfSubject(row.filing_id, String(row.subject_id)),
        })),
        accounts: accounts.rows.map((a) => ({
          filing: filingRef(refs, a.filing_id),
          accountId: a.account_id,
          displayName: a.display_name,
          status: a.status,
          statusLabel: enumLabel('account_status', a.status),
          categoryLabel: enumLabel('content_category', a.content_category),
          followers: a.followers,
          findingCount: a.finding_count,
        })),
        accountsTotal: accounts.total,
        findings: findings.rows.map((r) => toBrief(r, r.account_id === null ? 'subject' : 'account')),
        findingsTotal: findings.total,
      };
    },
  };
}

function toFilingRef(f: FilingRow): FilingRef {
  return { id: f.id, platformName: f.platform_name, periodStart: f.period_start, periodEnd: f.period_end, version: f.version, isSample: f.is_sample === 1 };
}

function toBrief(row: FindingBriefRow, via: FindingBrief['via']): FindingBrief {
  return { id: row.id, filingId: row.filing_id, ruleId: row.rule_id, severity: row.severity, status: row.status, title: row.title, via };
}

function toEnforcement(row: StoredRow): AccountProfile['enforcement'][number] {
  return {
    actionId: String(row.action_id),
    action: String(row.action),
    actionLabel: enumLabel('enforcement_action', String(row.action)),
    reason: String(row.reason),
    reasonLabel: enumLabel('violation_reason', String(row.reason)),
    startAt: String(row.start_at),
    endAt: (row.end_at as string | null) ?? null,
    reported: row.reported === null || row.reported === undefined ? null : row.reported === 1,
    contentId: (row.content_id as string | null) ?? null,
  };
}

function toContent(row: StoredRow): ContentRow {
  const columns = FILING_TABLES.contents.columns;
  return {
    contentId: String(row.content_id),
    publishedAt: String(row.published_at),
    title: (row.title as string | null) ?? null,
    excerpt: (row.excerpt as string | null) ?? null,
    topicLabel: enumLabel('content_topic', String(row.topic)),
    flags: CONTENT_FLAGS.filter((flag) => row[flag] === 1).map((flag) => columns.find((c) => c.name === flag)?.label ?? flag),
    sourceLabel: (row.source_label as string | null) ?? null,
  };
}

function encodeCursor(cursor: SearchCursor): string {
  return JSON.stringify(cursor);
}

function decodeCursor(cursor: string | undefined): SearchCursor {
  if (!cursor) return { phase: 'id', filingId: 0, entityId: '' };
  try {
    const parsed = JSON.parse(cursor) as SearchCursor;
    if (parsed.phase === 'id' && Number.isInteger(parsed.filingId) && typeof parsed.entityId === 'string') return parsed;
    if (parsed.phase === 'ik' && Number.isInteger(parsed.filingId) && typeof parsed.identityKey === 'string' && typeof parsed.entityId === 'string') return parsed;
    if (parsed.phase === 'name' && Number.isInteger(parsed.rowId)) return parsed;
  } catch {
    // falls through to the error below
  }
  throw new AppError('invalid_argument', `翻页位置无效：${cursor}`);
}

function decodeContentCursor(cursor: string): { publishedAt: string; contentId: string } {
  try {
    const parsed = JSON.parse(cursor) as { publishedAt: unknown; contentId: unknown };
    if (typeof parsed.publishedAt === 'string' && typeof parsed.contentId === 'string') return { publishedAt: parsed.publishedAt, contentId: parsed.contentId };
  } catch {
    // falls through to the error below
  }
  throw new AppError('invalid_argument', `翻页位置无效：${cursor}`);
}
