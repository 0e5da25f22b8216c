import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createKit, type Kit } from '../test-kit';

let kit: Kit;
beforeEach(async () => {
  kit = await createKit({ start: '2024-10-01', end: '2024-12-31' });
});
afterEach(() => kit.close());

describe('subject.account_cap', () => {
  it('individual over 1 and enterprise over 2, counting open accounts across records of one identity_key', async () => {
    kit.subject({ subject_id: 'P1', subject_type: 'individual', identity_key: 'KP' });
    kit.subject({ subject_id: 'P2', subject_type: 'individual', identity_key: 'KP' });
    kit.account({ account_id: 'A1', subject_id: 'P1' });
    kit.account({ account_id: 'A2', subject_id: 'P2' });
    kit.subject({ subject_id: 'E1', subject_type: 'enterprise', identity_key: 'KE' });
    kit.account({ account_id: 'B1', subject_id: 'E1' });
    kit.account({ account_id: 'B2', subject_id: 'E1' });
    kit.account({ account_id: 'B3', subject_id: 'E1', status: 'closed' });
    kit.subject({ subject_id: 'G1', subject_type: 'government', identity_key: 'KG' });
    for (const id of ['G1a', 'G1b', 'G1c']) kit.account({ account_id: id, subject_id: 'G1' });
    // mixed types: government + individual → cap 1
    kit.subject({ subject_id: 'M1', subject_type: 'government', identity_key: 'KM' });
    kit.subject({ subject_id: 'M2', subject_type: 'individual', identity_key: 'KM' });
    kit.account({ account_id: 'M1a', subject_id: 'M1' });
    kit.account({ account_id: 'M1b', subject_id: 'M1' });
    expect(await kit.entities('subject.account_cap')).toEqual(['KM', 'KP']);
  });

  it('a single record over its own cap, and a record without open accounts still setting the cap of its identity', async () => {
    kit.subject({ subject_id: 'P1', subject_type: 'individual', identity_key: 'KP' });
    kit.account({ account_id: 'A1', subject_id: 'P1' });
    kit.account({ account_id: 'A2', subject_id: 'P1' });
    kit.subject({ subject_id: 'Q1', subject_type: 'individual', identity_key: 'KQ' });
    kit.account({ account_id: 'Q1a', subject_id: 'Q1' });
    kit.account({ account_id: 'Q1b', subject_id: 'Q1', status: 'closed' });
    kit.subject({ subject_id: 'N1', subject_type: 'news_unit', identity_key: 'KN' });
    kit.subject({ subject_id: 'N2', subject_type: 'other', identity_key: 'KN' });
    kit.subject({ subject_id: 'N3', subject_type: 'news_unit', identity_key: 'KN' });
    for (const id of ['N1a', 'N1b', 'N1c']) kit.account({ account_id: id, subject_id: 'N1' });
    const found = await kit.run(['subject.account_cap']);
    expect(found.map((f) => f.entity)).toEqual([{ type: 'subject', id: 'KN' }, { type: 'subject', id: 'KP' }]);
    expect(found[0].explanation).toContain('性质新闻单位、其他');
    expect(found[0].explanation).toContain('名下有 3 个未关闭账号，超过上限 2 个');
  });
});

describe('registration.incomplete', () => {
  it('one finding per identity_key listing missing fields; individuals need no uscc or business scope', async () => {
    kit.subject({ subject_id: 'P1', subject_type: 'individual', identity_key: 'KP', uscc: null, business_scope: null });
    kit.account({ account_id: 'A1', subject_id: 'P1' });
    kit.subject({ subject_id: 'E1', identity_key: 'KE', uscc: null, contact: null });
    kit.account({ account_id: 'A2', subject_id: 'E1' });
    kit.subject({ subject_id: 'E2', identity_key: 'KX', contact: null });
    kit.account({ account_id: 'A3', subject_id: 'E2', status: 'closed' });
    const found = await kit.run(['registration.incomplete']);
    expect(found.map((f) => f.entity)).toEqual([{ type: 'subject', id: 'KE' }]);
    expect(found[0].explanation).toContain('联系方式');
    expect(found[0].explanation).toContain('统一社会信用代码');
  });
});
