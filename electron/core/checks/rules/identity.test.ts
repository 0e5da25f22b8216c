import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createKit, type Kit } from '../test-kit';

let kit: Kit;
beforeEach(async () => {
  kit = await createKit();
});
afterEach(() => kit.close());

describe('identity.unverified', () => {
  it('fires for an open account of a subject without verification methods', async () => {
    kit.subject({ subject_id: 'S1', verification_methods: [] });
    kit.account({ account_id: 'A1', subject_id: 'S1', display_name: '小王' });
    const [f] = await kit.run(['identity.unverified']);
    expect(f.entity).toEqual({ type: 'account', id: 'A1' });
    expect(f.explanation).toContain('小王');
    expect(f.severity).toBe('high');
  });
  it('near miss: a closed account, or a subject with one method', async () => {
    kit.subject({ subject_id: 'S1', verification_methods: [] });
    kit.account({ account_id: 'A1', subject_id: 'S1', status: 'closed' });
    kit.subject({ subject_id: 'S2', verification_methods: ['face'] });
    kit.account({ account_id: 'A2', subject_id: 'S2' });
    expect(await kit.entities('identity.unverified')).toEqual([]);
  });
});

describe('agreement.unsigned', () => {
  it('fires only on an explicit false of an open account', async () => {
    kit.account({ account_id: 'A1', agreement_signed: 0 });
    kit.account({ account_id: 'A2', agreement_signed: null });
    kit.account({ account_id: 'A3', agreement_signed: 0, status: 'closed' });
    kit.account({ account_id: 'A4', agreement_signed: 1 });
    expect(await kit.entities('agreement.unsigned')).toEqual(['A1']);
  });
});
