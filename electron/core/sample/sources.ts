import path from 'node:path';
import { readSmallCsv, type LexiconTerm } from './name-guard';

export interface Province {
  code: string;
  name: string;
  short: string;
  cities: City[];
}
export interface City {
  code: string;
  name: string;
  short: string;
  areas: string[];
}
export interface MediaUnit {
  name: string;
  category: string;
}

export interface SampleSources {
  provinces: Province[];
  media: MediaUnit[];
  /** A broad protected-name list built from the same sources, used on top of the shipped lexicon. */
  fallbackTerms: LexiconTerm[];
}

const PROVINCE_SUFFIX = /(壮族自治区|回族自治区|维吾尔自治区|自治区|特别行政区|省|市)$/;
const CITY_SUFFIX = /(朝鲜族自治州|土家族苗族自治州|藏族羌族自治州|[\u4e00-\u9fa5]{1,6}族自治州|自治州|地区|盟|市)$/;
const AREA_SUFFIX = /([\u4e00-\u9fa5]{1,8}族自治县|自治县|自治旗|林区|特区|新区|区|县|市|旗)$/;

const shorten = (name: string, suffix: RegExp) => {
  const short = name.replace(suffix, '');
  return short.length >= 2 ? short : name;
};

/** Hand-made conservative lists for the categories the reference data does not cover. */
const PARTY_GOVERNMENT = [
  '中共', '共产党', '党委', '党组', '党支部', '人大', '政协', '政府', '人民政府', '国务院', '中央', '公安', '警察', '警方',
  '派出所', '法院', '检察', '网信', '纪委', '监委', '税务', '市场监管', '海关', '外交部', '发改委', '教育局', '卫健委',
  '民政', '司法局', '交警', '消防', '应急管理', '统战', '宣传部', '组织部', '团委', '共青团', '妇联', '国家', '政务',
  '人民', '国资委', '办公厅', '委员会', '管理局', '卫生健康', '监督管理',
];
const MILITARY = ['解放军', '军区', '武警', '部队', '军队', '军委', '国防', '战区', '民兵', '海军', '空军', '陆军', '火箭军', '军人', '八一', '军事'];
const NEWS_WORDS = [
  '新闻', '报道', '日报', '晚报', '时报', '早报', '周报', '报社', '电视台', '电台', '广播', '通讯社', '快讯', '头条', '资讯',
  '时讯', '要闻', '记者', '编辑部', '传媒', '时事', '新华', '央视', '卫视', '融媒',
];

export function loadSampleSources(resourcesDir: string): SampleSources {
  const dir = path.join(resourcesDir, 'sample-sources');
  const provinces: Province[] = readSmallCsv(path.join(dir, 'provinces.csv')).map((r) => ({
    code: r.code,
    name: r.name,
    short: shorten(r.name, PROVINCE_SUFFIX),
    cities: [],
  }));
  const byCode = new Map(provinces.map((p) => [p.code, p]));
  const cities = new Map<string, City>();
  for (const r of readSmallCsv(path.join(dir, 'cities.csv'))) {
    const province = byCode.get(r.provinceCode)!;
    const placeholder = r.name === '市辖区' || r.name === '县';
    const city: City = {
      code: r.code,
      name: placeholder ? province.name : r.name,
      short: placeholder ? province.short : shorten(r.name, CITY_SUFFIX),
      areas: [],
    };
    cities.set(r.code, city);
    province.cities.push(city);
  }
  const areaNames: string[] = [];
  for (const r of readSmallCsv(path.join(dir, 'areas.csv'))) {
    cities.get(r.cityCode)?.areas.push(r.name);
    areaNames.push(r.name);
  }
  for (const p of provinces) p.cities = p.cities.filter((c) => c.areas.length > 0);

  const media = readSmallCsv(path.join(dir, 'news_source_units_2025.csv'))
    .filter((r) => /新闻|报|网|台|社|融媒/.test(r.name) && !r.category.includes('政务') && r.name.length <= 12)
    .map((r) => ({ name: r.name, category: r.category }));

  const fallbackTerms: LexiconTerm[] = [];
  const add = (term: string, category: LexiconTerm['category']) => fallbackTerms.push({ term, category });
  for (const p of provinces) {
    add(p.name, 'region');
    add(p.short, 'region');
    for (const c of p.cities) {
      add(c.name, 'region');
      add(c.short, 'region');
    }
  }
  for (const a of areaNames) {
    add(a, 'region');
    add(shorten(a, AREA_SUFFIX), 'region');
  }
  for (const term of ['中国', '中华', '全国', '香港', '澳门', '台湾']) add(term, 'region');
  for (const r of readSmallCsv(path.join(dir, 'news_source_units_2025.csv'))) if (r.name.length >= 2) add(r.name, 'news_media');
  for (const term of PARTY_GOVERNMENT) add(term, 'party_government');
  for (const term of MILITARY) add(term, 'military');
  for (const term of NEWS_WORDS) add(term, 'news_word');
  return { provinces, media, fallbackTerms };
}
