import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createKit, type Kit } from '../test-kit';

let kit: Kit;
beforeEach(async () => {
  kit = await createKit();
  kit.lexicon = [
    { term: '杭州', category: 'region' },
    { term: '杭州日报', category: 'news_media' },
    { term: '日报', category: 'news_word' },
    { term: '新闻', category: 'news_word' },
    { term: '公安局', category: 'party_government' },
    { term: 'CCTV', category: 'news_media' },
  ];
  kit.licenses = [{ license_no: 'L1', holder_name: '某某科技有限公司', valid_until: '2024-12-31' }];
});
afterEach(() => kit.close());

describe('name.protected_unreviewed', () => {
  it('fires on a region or organ term without a passed review, normalising the name', async () => {
    kit.account({ account_id: 'A1', display_name: '杭 州美食', manual_review: null });
    kit.account({ account_id: 'A2', display_name: '某公安局', manual_review: 'rejected' });
    kit.account({ account_id: 'A3', display_name: '杭州吃货', manual_review: 'passed' });
    kit.account({ account_id: 'A4', display_name: '新闻早知道' }); // news_word only: not this rule
    kit.account({ account_id: 'A5', display_name: '杭州美食2', status: 'closed' });
    expect(await kit.entities('name.protected_unreviewed')).toEqual(['A1', 'A2']);
  });
});

describe('name.impersonation_suspect', () => {
  it('fires for a news_media term under an enterprise, whatever the review said; full-width letters match', async () => {
    kit.account({ account_id: 'A1', display_name: 'ＣＣＴＶ精选', manual_review: 'passed' });
    kit.subject({ subject_id: 'G', subject_type: 'government' });
    kit.account({ account_id: 'A2', subject_id: 'G', display_name: '某公安局' });
    kit.account({ account_id: 'A3', display_name: '杭州生活' }); // region only
    expect(await kit.entities('name.impersonation_suspect')).toEqual(['A1']);
  });
  it('a swallowed shorter match does not count for its category', async () => {
    // 杭州日报 (news_media) swallows 杭州 (region) and 日报 (news_word).
    kit.account({ account_id: 'A1', display_name: '杭州日报', manual_review: 'passed' });
    expect(await kit.entities('name.impersonation_suspect')).toEqual(['A1']);
    expect(await kit.entities('name.news_word_unlicensed')).toEqual([]);
  });
});

describe('name.news_word_unlicensed', () => {
  it('fires without a valid licence at end; a licence valid on end is enough', async () => {
    kit.account({ account_id: 'A1', display_name: '新闻早知道' });
    kit.account({ account_id: 'A2', display_name: '新闻晚知道', news_license_no: 'L1' }); // valid until end: near miss
    kit.account({ account_id: 'A3', display_name: '新闻夜知道', news_license_no: 'L9' });
    kit.subject({ subject_id: 'N', subject_type: 'news_unit' });
    kit.account({ account_id: 'A4', subject_id: 'N', display_name: '新闻台' });
    expect(await kit.entities('name.news_word_unlicensed')).toEqual(['A1', 'A3']);
  });
  it('an expired licence fires', async () => {
    kit.licenses = [{ license_no: 'L1', holder_name: 'x', valid_until: '2024-12-30' }];
    kit.account({ account_id: 'A1', display_name: '新闻晚知道', news_license_no: 'L1' });
    expect(await kit.entities('name.news_word_unlicensed')).toEqual(['A1']);
  });
});
