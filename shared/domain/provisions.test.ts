import { describe, it, expect } from 'vitest';
import {
  CitationSchema,
  ProvisionDocumentSchema,
  articleLabel,
  chineseNumeral,
  citationId,
  formatCitation,
  formatCitations,
} from './provisions';

describe('chineseNumeral', () => {
  it('writes article numbers the way the regulations do', () => {
    expect([1, 9, 10, 11, 18, 20, 23].map(chineseNumeral)).toEqual(['一', '九', '十', '十一', '十八', '二十', '二十三']);
  });

  it('rejects numbers outside 1–99', () => {
    expect(() => chineseNumeral(0)).toThrow(/1–99/);
    expect(() => chineseNumeral(1.5)).toThrow();
  });
});

describe('formatCitation', () => {
  it('formats the examples of rules-v1.md', () => {
    expect(formatCitation({ doc: 'GZ2021', article: 8, clause: 1 })).toBe('GZ2021 第八条第一款');
    expect(formatCitation({ doc: 'ZMT2023', article: 1 })).toBe('ZMT2023 第1条');
    expect(formatCitation({ doc: 'GZ2021', article: 18, item: 1 })).toBe('GZ2021 第十八条(一)');
    expect(formatCitation({ doc: 'QL2024', article: 3 })).toBe('QL2024 (三)');
    expect(formatCitation({ doc: 'JSTX2014', article: 6, clause: 2 })).toBe('JSTX2014 第六条第二款');
    expect(formatCitation({ doc: 'GZ2021', article: 20 })).toBe('GZ2021 第二十条');
  });

  it('cites a whole document by its code alone', () => {
    expect(formatCitation({ doc: 'ZZ2021' })).toBe('ZZ2021');
  });

  it('names the unnumbered entries', () => {
    expect(formatCitation({ doc: 'QL2024', article: 8 })).toBe('QL2024 持证亮牌');
    expect(articleLabel('ZZ2021', 1)).toBe('资质提醒');
  });

  it('refuses entries a document does not have', () => {
    expect(() => articleLabel('ZZ2021', 9)).toThrow(/ZZ2021/);
  });
});

describe('formatCitations', () => {
  it('shares the code within a document, separates documents with semicolons and runs items together', () => {
    expect(
      formatCitations([
        { doc: 'ZMT2023', article: 1 },
        { doc: 'GZ2021', article: 8, clause: 2 },
        { doc: 'GZ2021', article: 18, item: 1 },
        { doc: 'GZ2021', article: 18, item: 2 },
      ]),
    ).toBe('ZMT2023 第1条; GZ2021 第八条第二款, 第十八条(一)(二)');
  });

  it('keeps whole-document citations bare', () => {
    expect(formatCitations([{ doc: 'QL2024' }, { doc: 'JSTX2014', article: 7 }])).toBe('QL2024; JSTX2014 第七条');
  });

  it('does not run items of different articles together', () => {
    expect(
      formatCitations([
        { doc: 'GZ2021', article: 18, item: 4 },
        { doc: 'GZ2021', article: 19, item: 1 },
      ]),
    ).toBe('GZ2021 第十八条(四), 第十九条(一)');
  });
});

describe('citationId', () => {
  it('follows the id scheme, placing a clause-less item in the first clause', () => {
    expect(citationId({ doc: 'GZ2021', article: 18, item: 4 })).toBe('GZ2021/18/1/4');
    expect(citationId({ doc: 'GZ2021', article: 8, clause: 2 })).toBe('GZ2021/8/2');
    expect(citationId({ doc: 'ZMT2023', article: 7 })).toBe('ZMT2023/7');
    expect(citationId({ doc: 'QL2024' })).toBe('QL2024');
  });
});

describe('CitationSchema', () => {
  it('rejects a clause without an article and unknown documents', () => {
    expect(CitationSchema.safeParse({ doc: 'GZ2021', clause: 1 }).success).toBe(false);
    expect(CitationSchema.safeParse({ doc: 'XX2020', article: 1 }).success).toBe(false);
    expect(CitationSchema.safeParse({ doc: 'GZ2021', article: 0 }).success).toBe(false);
  });
});

describe('ProvisionDocumentSchema', () => {
  const valid = {
    code: 'JSTX2014',
    title: '示例',
    issuer: '示例机关',
    issuedOn: '2014-08-07',
    source: 'seed.txt',
    articles: [
      {
        id: 'JSTX2014/1',
        label: '第一条',
        text: '甲。\n乙：\n（一）丙；',
        clauses: [
          { id: 'JSTX2014/1/1', label: '第一款', text: '甲。' },
          { id: 'JSTX2014/1/2', label: '第二款', text: '乙：', items: [{ id: 'JSTX2014/1/2/1', label: '(一)', text: '丙；' }] },
        ],
      },
    ],
  };

  it('accepts a document whose ids, labels and text agree', () => {
    expect(ProvisionDocumentSchema.safeParse(valid).success).toBe(true);
  });

  it('rejects an article text that differs from its clauses', () => {
    const broken = structuredClone(valid);
    broken.articles[0]!.text = '甲。乙：（一）丙；';
    const result = ProvisionDocumentSchema.safeParse(broken);
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.path).toEqual(['articles', 0, 'text']);
  });

  it('rejects ids and labels out of sequence', () => {
    const broken = structuredClone(valid);
    broken.articles[0]!.id = 'JSTX2014/2';
    broken.articles[0]!.label = '第二条';
    const paths = ProvisionDocumentSchema.safeParse(broken).error?.issues.map((i) => i.path.join('.'));
    expect(paths).toEqual(['articles.0.id', 'articles.0.label']);
  });

  it('accepts a year-month date but not a free-form one', () => {
    expect(ProvisionDocumentSchema.safeParse({ ...valid, issuedOn: '2024-10' }).success).toBe(true);
    expect(ProvisionDocumentSchema.safeParse({ ...valid, issuedOn: '2024年10月' }).success).toBe(false);
  });
});
