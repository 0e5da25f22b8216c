import type { FindingDraft, RuleModule } from '../types';
import { ev, params } from './util';

const FIELD_LABELS: Record<string, string> = {
  registered_region: '注册地', operating_region: '运营地', contact: '联系方式', uscc: '统一社会信用代码', business_scope: '主要经营或业务范围',
};

const empty = (c: string) => `(s.${c} IS NULL OR s.${c} = '')`;

export const registrationIncomplete: RuleModule = {
  id: 'registration.incomplete',
  run(rc) {
    // The primary key walks the subjects about in storage order and only the few matches are
    // sorted; left alone, the planner walks the identity index to save that sort and visits every
    // subject at random.
    const rows = rc.db
      .prepare(
        `SELECT s.identity_key, s.subject_id, s.name, s.subject_type, s.src_row,
                ${empty('registered_region')} AS registered_region, ${empty('operating_region')} AS operating_region,
                ${empty('contact')} AS contact,
                (s.subject_type <> 'individual' AND ${empty('uscc')}) AS uscc,
                (s.subject_type <> 'individual' AND ${empty('business_scope')}) AS business_scope
         FROM subjects s INDEXED BY sqlite_autoindex_subjects_1
         WHERE s.filing_id = @f
           AND (${empty('registered_region')} OR ${empty('operating_region')} OR ${empty('contact')}
                OR (s.subject_type <> 'individual' AND (${empty('uscc')} OR ${empty('business_scope')})))
           AND EXISTS (SELECT 1 FROM accounts a WHERE a.filing_id = @f AND a.subject_id = s.subject_id AND a.status <> 'closed')
         ORDER BY s.identity_key, s.subject_id`,
      )
      .all(params(rc)) as ({ identity_key: string; subject_id: string; name: string; subject_type: string; src_row: number } & Record<string, number>)[];
    const bySubject = new Map<string, typeof rows>();
    for (const row of rows) bySubject.set(row.identity_key, [...(bySubject.get(row.identity_key) ?? []), row]);
    return [...bySubject].map(([identityKey, records]): FindingDraft => {
      const missing = Object.keys(FIELD_LABELS).filter((field) => records.some((r) => r[field] === 1));
      return {
        entity: { type: 'subject', id: identityKey },
        identityKey,
        explanation: `运营主体${records.map((r) => `“${r.name}”（${r.subject_id}）`).join('、')}名下有未关闭账号，但注册信息缺少：${missing
          .map((f) => FIELD_LABELS[f])
          .join('、')}。`,
        evidence: records.map((r) =>
          ev('subjects', r.src_row, { subject_id: r.subject_id, identity_key: identityKey, missing: Object.keys(FIELD_LABELS).filter((f) => r[f] === 1).join('|') }),
        ),
      };
    });
  },
};

export const registrationRules = [registrationIncomplete];
