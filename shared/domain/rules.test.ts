import { describe, it, expect } from 'vitest';
import { z } from 'zod';
import { CitationSchema } from './provisions';
import {
  ENTITY_TYPES,
  ENTITY_TYPE_LABELS,
  ObligationsFileSchema,
  RULES,
  RULE_FAMILIES,
  RULE_IDS,
  RULE_SET_VERSION,
  SEVERITIES,
  SEVERITY_LABELS,
  ruleById,
} from './rules';

describe('rule catalogue', () => {
  it('holds the 35 rules of rules-v1 with unique ids', () => {
    expect(RULE_SET_VERSION).toBe('rules-v1');
    expect(RULES).toHaveLength(35);
    expect(new Set(RULE_IDS).size).toBe(35);
    expect([...RULE_IDS]).toEqual(RULES.map((r) => r.id));
  });

  it('gives RULE_IDS a shape zod accepts as an enum', () => {
    const schema = z.enum(RULE_IDS);
    expect(schema.parse('matrix.shared_identifiers')).toBe('matrix.shared_identifiers');
    expect(schema.safeParse('matrix.unknown').success).toBe(false);
  });

  it('files every rule under the family its id starts with', () => {
    for (const rule of RULES) {
      expect(rule.family).toBe(rule.id.split('.')[0]);
      expect(RULE_FAMILIES).toContain(rule.family);
    }
  });

  it('uses only valid citations, at least one per rule', () => {
    for (const rule of RULES) {
      expect(rule.citations.length).toBeGreaterThan(0);
      for (const c of rule.citations) expect(CitationSchema.safeParse(c).success).toBe(true);
    }
  });

  it('names the entity types of the Entities table of rules-v1.md', () => {
    const nonAccount: Record<string, string> = {
      'subject.account_cap': 'subject',
      'registration.incomplete': 'subject',
      'monetization.after_transfer': 'transfer',
      'transfer.unapproved': 'transfer',
      'mcn.repeat_violations_unhandled': 'mcn',
      'complaint.overdue': 'complaint',
      'platform.complaint_deadline_missing': 'platform',
      'platform.documents_missing': 'platform',
      'matrix.coordinated_duplicates': 'account_group',
      'matrix.shared_identifiers': 'account_group',
    };
    for (const rule of RULES) expect(rule.entityType).toBe(nonAccount[rule.id] ?? 'account');
  });

  it('labels every severity and entity type in Chinese and English', () => {
    for (const s of SEVERITIES) expect(SEVERITY_LABELS[s].zh && SEVERITY_LABELS[s].en).toBeTruthy();
    for (const t of ENTITY_TYPES) expect(ENTITY_TYPE_LABELS[t].zh && ENTITY_TYPE_LABELS[t].en).toBeTruthy();
  });
});

describe('ruleById', () => {
  it('finds a rule and returns undefined for an unknown id', () => {
    expect(ruleById('credential.expired')?.titleZh).toBe('资质过期仍开放领域发布');
    expect(ruleById('credential.unknown')).toBeUndefined();
  });
});

describe('ObligationsFileSchema', () => {
  const obligation = { id: 'GZ2021/8', citation: { doc: 'GZ2021', article: 8 }, summaryZh: '实名', ruleIds: ['identity.unverified'] };

  it('accepts obligations whose id matches their citation', () => {
    expect(ObligationsFileSchema.safeParse({ ruleSetVersion: 'rules-v1', obligations: [obligation] }).success).toBe(true);
  });

  it('rejects unknown rule ids, mismatched ids and duplicates', () => {
    const parse = (o: object) => ObligationsFileSchema.safeParse({ ruleSetVersion: 'rules-v1', obligations: [o] }).success;
    expect(parse({ ...obligation, ruleIds: ['identity.nope'] })).toBe(false);
    expect(parse({ ...obligation, id: 'GZ2021/9' })).toBe(false);
    expect(parse({ ...obligation, ruleIds: ['identity.unverified', 'identity.unverified'] })).toBe(false);
    expect(
      ObligationsFileSchema.safeParse({ ruleSetVersion: 'rules-v1', obligations: [obligation, obligation] }).success,
    ).toBe(false);
  });
});
