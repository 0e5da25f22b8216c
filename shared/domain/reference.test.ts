import { describe, it, expect } from 'vitest';
import {
  LEXICON_CATEGORIES,
  LEXICON_CATEGORY_LABELS,
  LICENSE_SERVICES,
  LICENSE_SERVICE_LABELS_EN,
  lexiconTermRowSchema,
  licenseRowSchema,
} from './reference';

describe('lexicon categories and licence services', () => {
  it('label every category in Chinese and English', () => {
    expect(LEXICON_CATEGORIES.map((c) => LEXICON_CATEGORY_LABELS[c].zh)).toEqual([
      '党政机关',
      '军队',
      '新闻媒体',
      '行政区划',
      '新闻属性词',
    ]);
    for (const c of LEXICON_CATEGORIES) expect(LEXICON_CATEGORY_LABELS[c].en).not.toBe('');
    for (const s of LICENSE_SERVICES) expect(LICENSE_SERVICE_LABELS_EN[s]).not.toBe('');
  });
});

describe('lexiconTermRowSchema', () => {
  it('accepts a term with a known category and optional note', () => {
    expect(lexiconTermRowSchema.parse({ term: '杭州市', category: 'region' })).toEqual({
      term: '杭州市',
      category: 'region',
    });
    expect(lexiconTermRowSchema.parse({ term: '新闻', category: 'news_word', note: 'QL2024' }).note).toBe('QL2024');
  });

  it('rejects an unknown category with a Chinese message naming the value', () => {
    const result = lexiconTermRowSchema.safeParse({ term: '杭州', category: 'city' });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0].message).toContain('类别无效：city');
  });

  it('rejects a term that normalises to nothing', () => {
    const result = lexiconTermRowSchema.safeParse({ term: '《 》😀', category: 'news_word' });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0].message).toContain('规范化后为空');
    expect(lexiconTermRowSchema.safeParse({ term: '  ', category: 'news_word' }).success).toBe(false);
  });
});

describe('licenseRowSchema', () => {
  const row = {
    license_no: '33120170001',
    holder_name: '杭州某某网络科技有限公司',
    services: ['转载服务'],
    valid_until: '2026-12-31',
    province: '浙江省',
  };

  it('accepts a complete row and null validity or province', () => {
    expect(licenseRowSchema.parse(row)).toEqual(row);
    expect(licenseRowSchema.parse({ ...row, valid_until: null, province: null }).valid_until).toBeNull();
  });

  it('rejects a service outside the three licence services', () => {
    const result = licenseRowSchema.safeParse({ ...row, services: ['新闻服务'] });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0].message).toContain('服务项目无效：新闻服务');
  });

  it('rejects impossible or non-ISO dates and empty numbers', () => {
    expect(licenseRowSchema.safeParse({ ...row, valid_until: '2026-02-30' }).success).toBe(false);
    expect(licenseRowSchema.safeParse({ ...row, valid_until: '2026/12/31' }).success).toBe(false);
    expect(licenseRowSchema.safeParse({ ...row, valid_until: '2028-02-29' }).success).toBe(true);
    const empty = licenseRowSchema.safeParse({ ...row, license_no: ' ' });
    expect(empty.error?.issues[0].message).toBe('许可证编号不能为空');
  });
});
