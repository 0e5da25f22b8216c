import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, it, expect } from 'vitest';
import { normalizeText } from '@shared/text/normalize';
import { loadDefaultLexicon } from './lexicon-file';
import { buildLexiconMatcher } from './lexicon-matcher';

function resourcesWith(csv: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lexicon-'));
  fs.mkdirSync(path.join(dir, 'reference'));
  fs.writeFileSync(path.join(dir, 'reference', 'lexicon.csv'), csv);
  return dir;
}

describe('loadDefaultLexicon', () => {
  it('loads the shipped lexicon with every category', () => {
    const terms = loadDefaultLexicon();
    const categories = new Set(terms.map((t) => t.category));
    expect(categories).toEqual(new Set(['party_government', 'military', 'news_media', 'region', 'news_word']));
    expect(terms.find((t) => t.term === '杭州市')).toMatchObject({ category: 'region' });
  });

  it('makes the shipped lexicon find the clarification examples', () => {
    const matcher = buildLexiconMatcher(loadDefaultLexicon());
    const hits = (name: string) => matcher.findAll(normalizeText(name)).map((m) => [m.term, m.category]);
    expect(hits('杭 州')).toEqual([['杭州', 'region']]);
    expect(hits('ＣＣＴＶ')).toEqual([['CCTV', 'news_media']]);
    expect(hits('中国新闻社官方')).toEqual([['中国新闻社', 'news_media']]);
    expect(hits('杭州市委宣传部')).toEqual([
      ['杭州市委', 'party_government'],
      ['宣传部', 'party_government'],
    ]);
    expect(hits('小王的美食日记')).toEqual([]);
  });

  it('reads a resources folder given explicitly, leaving an empty note out', () => {
    const dir = resourcesWith('term,category,note\n新闻,news_word,\n杭州,region,地级\n');
    expect(loadDefaultLexicon(dir)).toEqual([
      { term: '新闻', category: 'news_word' },
      { term: '杭州', category: 'region', note: '地级' },
    ]);
  });

  it('names file, row, column and value of a bad row', () => {
    const dir = resourcesWith('term,category,note\n新闻,news_word,\n杭州,city,\n');
    expect(() => loadDefaultLexicon(dir)).toThrow(/lexicon\.csv 第 3 行 category 列，值“city”：类别无效/);
    const wrongColumns = resourcesWith('term,category,note\n杭州,region\n');
    expect(() => loadDefaultLexicon(wrongColumns)).toThrow(/第 2 行：应有 3 列，实有 2 列/);
    const wrongHeader = resourcesWith('\uFEFFterm,category,note\n');
    expect(() => loadDefaultLexicon(wrongHeader)).toThrow(/第 1 行：表头应为/);
  });
});
