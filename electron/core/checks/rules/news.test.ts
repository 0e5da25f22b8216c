import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createKit, type Kit } from '../test-kit';

let kit: Kit;
beforeEach(async () => {
  kit = await createKit({ start: '2024-10-01', end: '2024-12-31' });
  kit.licenses = [
    { license_no: 'L-OK', holder_name: '某某 科技有限公司', valid_until: null },
    { license_no: 'L-OLD', holder_name: '某某科技有限公司', valid_until: '2024-11-15' },
  ];
});
afterEach(() => kit.close());

describe('news.unlicensed_publishing', () => {
  it('a news topic in the period without a licence valid on its date', async () => {
    kit.account({ account_id: 'A1' });
    kit.insert('contents', { content_id: 'C1', account_id: 'A1', published_at: '2024-10-05 00:00:00', topic: 'politics' });
    kit.account({ account_id: 'A2', news_license_no: 'L-OLD' });
    kit.insert('contents', { content_id: 'C2', account_id: 'A2', published_at: '2024-11-15 23:00:00', topic: 'military' }); // valid that day
    kit.account({ account_id: 'A3', news_license_no: 'L-OLD' });
    kit.insert('contents', { content_id: 'C3', account_id: 'A3', published_at: '2024-11-16 00:00:00', topic: 'diplomacy' });
    kit.account({ account_id: 'A4' });
    kit.insert('contents', { content_id: 'C4', account_id: 'A4', published_at: '2024-10-05 00:00:00', topic: 'public_policy' }); // not a news topic
    kit.subject({ subject_id: 'N', subject_type: 'news_unit' });
    kit.account({ account_id: 'A5', subject_id: 'N' });
    kit.insert('contents', { content_id: 'C5', account_id: 'A5', published_at: '2024-10-05 00:00:00', topic: 'politics' });
    expect(await kit.entities('news.unlicensed_publishing')).toEqual(['A1', 'A3']);
  });
});

describe('news.license_invalid', () => {
  it('unknown number, expired before end, or holder differs after normalisation (not for individuals)', async () => {
    kit.subject({ subject_id: 'E', name: '某某科技有限公司' });
    kit.account({ account_id: 'A1', subject_id: 'E', news_license_no: 'L-OK' }); // holder matches after normalisation
    kit.account({ account_id: 'A2', subject_id: 'E', news_license_no: 'L-NONE' });
    kit.account({ account_id: 'A3', subject_id: 'E', news_license_no: 'L-OLD' });
    kit.subject({ subject_id: 'F', name: '别的公司' });
    kit.account({ account_id: 'A4', subject_id: 'F', news_license_no: 'L-OK' });
    kit.subject({ subject_id: 'P', subject_type: 'individual', name: '张*' });
    kit.account({ account_id: 'A5', subject_id: 'P', news_license_no: 'L-OK' });
    kit.account({ account_id: 'A6', subject_id: 'E', news_license_no: null });
    expect(await kit.entities('news.license_invalid')).toEqual(['A2', 'A3', 'A4']);
  });
});

describe('news.account_without_license and news.license_not_displayed', () => {
  it('news accounts without a number; with a number but not displayed', async () => {
    kit.account({ account_id: 'A1', is_news_account: 1, news_license_no: null });
    kit.account({ account_id: 'A2', is_news_account: 1, news_license_no: 'L-OK', license_displayed: null });
    kit.account({ account_id: 'A3', is_news_account: 1, news_license_no: 'L-OK', license_displayed: 1 });
    kit.account({ account_id: 'A4', is_news_account: 0, news_license_no: null });
    kit.account({ account_id: 'A5', is_news_account: 1, news_license_no: null, status: 'closed' });
    expect(await kit.entities('news.account_without_license')).toEqual(['A1']);
    expect(await kit.entities('news.license_not_displayed')).toEqual(['A2']);
  });
});
