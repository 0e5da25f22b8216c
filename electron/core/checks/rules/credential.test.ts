import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createKit, type Kit } from '../test-kit';

let kit: Kit;
beforeEach(async () => {
  kit = await createKit({ start: '2024-10-01', end: '2024-12-31' });
});
afterEach(() => kit.close());

describe('credential.missing', () => {
  it('fires without a passed credential of the domain, whatever its dates', async () => {
    kit.account({ account_id: 'A1', content_category: 'medical' });
    kit.insert('credentials', { account_id: 'A1', domain: 'medical', verification_result: 'failed' });
    kit.account({ account_id: 'A2', content_category: 'medical' });
    kit.insert('credentials', { account_id: 'A2', domain: 'medical', valid_until: '2020-01-01' }); // passed, expired: near miss
    kit.account({ account_id: 'A3', content_category: 'finance' });
    kit.insert('credentials', { account_id: 'A3', domain: 'medical' }); // wrong domain
    kit.account({ account_id: 'A4', content_category: 'lifestyle' });
    expect(await kit.entities('credential.missing')).toEqual(['A1', 'A3']);
  });
});

describe('credential.expired', () => {
  it('fires when no passed credential is valid at end; not-yet-valid counts as invalid', async () => {
    kit.account({ account_id: 'A1', content_category: 'education' });
    kit.insert('credentials', { account_id: 'A1', domain: 'education', valid_until: '2024-12-30' });
    kit.account({ account_id: 'A2', content_category: 'education' });
    kit.insert('credentials', { account_id: 'A2', domain: 'education', valid_from: '2025-01-01' });
    kit.account({ account_id: 'A3', content_category: 'education' });
    kit.insert('credentials', { account_id: 'A3', domain: 'education', valid_until: '2024-12-31' }); // valid on end
    kit.account({ account_id: 'A4', content_category: 'education', status: 'suspended' });
    kit.insert('credentials', { account_id: 'A4', domain: 'education', valid_until: '2024-01-01' });
    expect(await kit.entities('credential.expired')).toEqual(['A1', 'A2']);
  });
});

describe('credential.badge_hidden', () => {
  it('fires when no valid credential shows its badge or the label is empty; one shown badge is enough', async () => {
    kit.account({ account_id: 'A1', content_category: 'judicial', domain_label: '法律' });
    kit.insert('credentials', { account_id: 'A1', domain: 'judicial', badge_displayed: 0 });
    kit.account({ account_id: 'A2', content_category: 'judicial', domain_label: null });
    kit.insert('credentials', { account_id: 'A2', domain: 'judicial', badge_displayed: 1 });
    kit.account({ account_id: 'A3', content_category: 'judicial', domain_label: '法律' });
    kit.insert('credentials', { account_id: 'A3', domain: 'judicial', badge_displayed: 0 });
    kit.insert('credentials', { account_id: 'A3', domain: 'judicial', badge_displayed: 1 });
    kit.account({ account_id: 'A4', content_category: 'judicial', domain_label: null });
    kit.insert('credentials', { account_id: 'A4', domain: 'judicial', valid_until: '2024-01-01' }); // not valid at end: no finding here
    expect(await kit.entities('credential.badge_hidden')).toEqual(['A1', 'A2']);
  });
});

describe('content.uncredentialed_domain', () => {
  it('fires on 3 contents in the period without a credential valid on each date, across domains', async () => {
    kit.account({ account_id: 'A1' });
    kit.insert('contents', { content_id: 'C1', account_id: 'A1', published_at: '2024-10-01 00:00:00', topic: 'medical' });
    kit.insert('contents', { content_id: 'C2', account_id: 'A1', published_at: '2024-11-01 00:00:00', topic: 'finance' });
    kit.insert('contents', { content_id: 'C3', account_id: 'A1', published_at: '2024-12-31 23:59:59', topic: 'medical' });
    kit.account({ account_id: 'A2' });
    kit.insert('contents', { content_id: 'C4', account_id: 'A2', published_at: '2024-10-02 00:00:00', topic: 'medical' });
    kit.insert('contents', { content_id: 'C5', account_id: 'A2', published_at: '2024-11-02 00:00:00', topic: 'medical' });
    kit.insert('contents', { content_id: 'C6', account_id: 'A2', published_at: '2024-12-02 00:00:00', topic: 'medical' });
    // A2's credential covers C6's date only: two uncredentialed contents remain.
    kit.insert('credentials', { account_id: 'A2', domain: 'medical', valid_from: '2024-12-02' });
    kit.account({ account_id: 'A3' });
    kit.insert('contents', { content_id: 'C7', account_id: 'A3', published_at: '2024-09-30 23:59:59', topic: 'medical' });
    kit.insert('contents', { content_id: 'C8', account_id: 'A3', published_at: '2024-11-02 00:00:00', topic: 'medical' });
    kit.insert('contents', { content_id: 'C9', account_id: 'A3', published_at: '2024-12-02 00:00:00', topic: 'medical' });
    expect(await kit.entities('content.uncredentialed_domain')).toEqual(['A1']);
  });
});
