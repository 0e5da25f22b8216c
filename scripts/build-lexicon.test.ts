import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, it, expect } from 'vitest';
import { normalizeText } from '@shared/text/normalize';
import { buildLexicon, EXCLUDED_ABBREVIATIONS, lexiconToCsv, shortFormOf, withCounts } from './build-lexicon';

const referenceDir = fileURLToPath(new URL('../resources/reference/', import.meta.url));
const { rows, dropped } = buildLexicon(`${referenceDir}sources`);
const has = (term: string, category: string) => rows.some((r) => r.term === term && r.category === category);

describe('shortFormOf', () => {
  it('strips division suffixes and ethnic names', () => {
    expect(shortFormOf('浙江省')).toBe('浙江');
    expect(shortFormOf('广西壮族自治区')).toBe('广西');
    expect(shortFormOf('新疆维吾尔自治区')).toBe('新疆');
    expect(shortFormOf('香港特别行政区')).toBe('香港');
    expect(shortFormOf('黔西南布依族苗族自治州')).toBe('黔西南');
    expect(shortFormOf('克孜勒苏柯尔克孜自治州')).toBe('克孜勒苏');
    expect(shortFormOf('阿里地区')).toBe('阿里');
    expect(shortFormOf('兴安盟')).toBe('兴安');
  });

  it('gives no short form under two characters or without a suffix', () => {
    expect(shortFormOf('沙市')).toBeNull();
    expect(shortFormOf('九龙')).toBeNull();
  });
});

describe('buildLexicon', () => {
  it('has every province and prefecture in full and short form', () => {
    for (const [full, short] of [['浙江省', '浙江'], ['杭州市', '杭州'], ['广西壮族自治区', '广西'], ['延边朝鲜族自治州', '延边'], ['台湾省', '台湾'], ['澳门特别行政区', '澳门']]) {
      expect(has(full, 'region')).toBe(true);
      expect(has(short, 'region')).toBe(true);
    }
    const regionTerms = rows.filter((r) => r.category === 'region').map((r) => r.term);
    expect(regionTerms).not.toContain('市辖区');
    expect(regionTerms).not.toContain('县');
    expect(regionTerms.filter((t) => [...t].length < 2 || t.endsWith('族'))).toEqual([]);
  });

  it('splits merged source rows and never keeps a name with an inner 网站', () => {
    expect(has('公安部', 'party_government')).toBe(true);
    expect(has('中国反邪教网', 'party_government')).toBe(true);
    expect(has('国防部网', 'military')).toBe(true);
    expect(rows.filter((r) => r.term.includes('网站'))).toEqual([]);
  });

  it('keeps distinctive outlet names and drops generic ones', () => {
    expect(has('人民日报', 'news_media')).toBe(true);
    expect(has('湖北日报网', 'news_media')).toBe(true);
    expect(has('人民网', 'news_media')).toBe(true);
    expect(has('中国网', 'news_media')).toBe(false);
    expect(has('今晚报', 'news_media')).toBe(false);
    expect(dropped.map((d) => d.name)).toContain('佛山＋');
  });

  it('leaves out the excluded two-character abbreviations', () => {
    const terms = new Set(rows.map((r) => r.term));
    for (const abbreviation of Object.keys(EXCLUDED_ABBREVIATIONS)) expect(terms.has(abbreviation)).toBe(false);
  });

  it('has one row per normalised term and category', () => {
    const keys = rows.map((r) => `${r.category}:${normalizeText(r.term)}`);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('matches the shipped lexicon.csv and README counts (rebuild with npx tsx scripts/build-lexicon.ts)', () => {
    expect(fs.readFileSync(`${referenceDir}lexicon.csv`, 'utf8')).toBe(lexiconToCsv(rows));
    const readme = fs.readFileSync(`${referenceDir}README.md`, 'utf8');
    expect(withCounts(readme, rows)).toBe(readme);
  });
});
