/**
 * Builds the default protected-name lexicon resources/reference/lexicon.csv from the copied
 * sources in resources/reference/sources/ and the curated lists below, and refreshes the
 * counts in resources/reference/README.md.
 *
 *   npx tsx scripts/build-lexicon.ts
 *
 * Deterministic: the same sources give the same bytes (rows sorted by category, then term).
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { LEXICON_CATEGORIES, LEXICON_CATEGORY_LABELS, type LexiconCategory } from '@shared/domain/reference';
import { normalizeText } from '@shared/text/normalize';

export interface LexiconRow {
  term: string;
  category: LexiconCategory;
  note: string;
}

export interface LexiconBuild {
  rows: LexiconRow[];
  /** Names read from the sources but left out, with the reason (printed by the script). */
  dropped: { name: string; reason: string }[];
}

// ---------------------------------------------------------------------------------------
// Regions

/** Rows of cities.csv that are grouping placeholders, not names of places. */
const CITY_PLACEHOLDERS = new Set(['市辖区', '县', '省直辖县级行政区划', '自治区直辖县级行政区划']);

/**
 * Ethnic names inside autonomous-prefecture and -region names, stripped to get the common
 * short form (延边朝鲜族自治州 → 延边). Longest first so 哈尼族 is tried before 尼族-like tails.
 */
const ETHNIC_NAMES = [
  '柯尔克孜', '维吾尔族', '维吾尔', '哈萨克', '布依族', '朝鲜族', '土家族', '哈尼族', '景颇族', '傈僳族',
  '蒙古族', '蒙古', '苗族', '藏族', '羌族', '彝族', '侗族', '壮族', '傣族', '白族', '回族',
];

/**
 * Short forms that are also everyday words or brands. They stay in the lexicon (the rule
 * asks for every short form of two characters or more) but their note warns the reviewer.
 */
const AMBIGUOUS_SHORT_FORMS: Record<string, string> = {
  来宾: '来宾（宾客）', 白银: '白银（金属）', 安康: '安康（祝福语）', 朝阳: '朝阳（旭日）', 日照: '日照（阳光）',
  长治: '长治久安', 大同: '世界大同', 开封: '开封（拆封）', 中山: '中山路、中山装', 普洱: '普洱茶',
  和田: '和田玉', 哈密: '哈密瓜', 玉树: '玉树临风', 大理: '大理石', 三明: '三明治', 阿里: '阿里巴巴',
  北海: '北海（海域、公园）', 黄山: '黄山（山名）', 武威: '武威（威武）', 吉安: '吉安（吉祥平安）',
  四平: '四平八稳', 大庆: '大庆（庆典）', 长春: '长春（花名）', 包头: '包头巾', 德州: '德州扑克',
  宁德: '宁德时代', 山南: '山南海北',
};

function stripEthnicNames(base: string): string {
  let rest = base;
  for (let changed = true; changed; ) {
    changed = false;
    for (const ethnic of ETHNIC_NAMES) {
      if (rest.endsWith(ethnic) && rest.length > ethnic.length) {
        rest = rest.slice(0, -ethnic.length);
        changed = true;
        break;
      }
    }
  }
  return rest;
}

/** Common short form of a division name, or null if stripping its suffix leaves nothing usable. */
export function shortFormOf(name: string): string | null {
  let short: string;
  if (name.endsWith('特别行政区')) short = name.slice(0, -'特别行政区'.length);
  else if (name.endsWith('自治区')) short = stripEthnicNames(name.slice(0, -'自治区'.length));
  else if (name.endsWith('自治州')) short = stripEthnicNames(name.slice(0, -'自治州'.length));
  else if (name.endsWith('地区')) short = name.slice(0, -'地区'.length);
  else if (/[省市县盟]$/u.test(name)) short = name.slice(0, -1);
  else return null;
  return [...short].length >= 2 && short !== name ? short : null;
}

function regionRows(
  sourcesDir: string,
  dropped: LexiconBuild['dropped'],
): { rows: LexiconRow[]; mainlandFullNames: string[] } {
  const dir = path.join(sourcesDir, 'admin-divisions-2023');
  const provinces = readCsv(path.join(dir, 'provinces.csv'));
  const cities = readCsv(path.join(dir, 'cities.csv'));
  const hkMoTw = JSON.parse(fs.readFileSync(path.join(dir, 'HK-MO-TW.json'), 'utf8')) as Record<
    string,
    Record<string, unknown>
  >;
  const rows: LexiconRow[] = [];
  const mainlandFullNames: string[] = [];
  const provinceName = new Map<string, string>();

  const addDivision = (name: string, level: string, parent: string | null) => {
    const where = parent === null ? '' : `，${parent}`;
    rows.push({ term: name, category: 'region', note: `${level}行政区全称${parent === null ? '' : `（${parent}）`}` });
    const short = shortFormOf(name);
    if (short === null) return;
    const warning = AMBIGUOUS_SHORT_FORMS[short];
    rows.push({
      term: short,
      category: 'region',
      note: `${level}行政区简称（${name}${where}）${warning ? `；亦为常用词或品牌（${warning}），命中需结合上下文判断` : ''}`,
    });
  };

  for (const { code, name } of provinces) {
    provinceName.set(code, name);
    addDivision(name, '省级', null);
    mainlandFullNames.push(name);
  }
  for (const { name, provinceCode } of cities) {
    if (CITY_PLACEHOLDERS.has(name)) {
      dropped.push({ name, reason: '区划代码中的归类占位行，不是地名' });
      continue;
    }
    addDivision(name, '地级', provinceName.get(provinceCode) ?? provinceCode);
    mainlandFullNames.push(name);
  }
  for (const [name, children] of Object.entries(hkMoTw)) {
    addDivision(name, '省级', null);
    // Taiwan's second level are cities and counties; Hong Kong's and Macao's are
    // geographic areas (香港岛, 九龙, 澳门半岛 …), not administrative divisions.
    if (name === '台湾省') for (const child of Object.keys(children)) addDivision(child, '地级', name);
    else for (const child of Object.keys(children)) dropped.push({ name: child, reason: '港澳地理分区，不是行政区划' });
  }
  return { rows, mainlandFullNames };
}

/**
 * "<province or prefecture>委" as a party-organ term. Without it, longest-wins would let the
 * region's full name swallow the organ: in 杭州市委 the region 杭州市 (3 characters) beats
 * 市委 (2), and the name would no longer count as party_government.
 */
function localPartyCommitteeRows(fullNames: string[]): LexiconRow[] {
  const rows: LexiconRow[] = [];
  for (const term of fullNames) {
    if (!/[省市]$/u.test(term)) continue;
    rows.push({
      term: `${term}委`,
      category: 'party_government',
      note: `组合词：${term}+委（地方党委简称），以免被行政区划全称“${term}”吞没`,
    });
  }
  return rows;
}

// ---------------------------------------------------------------------------------------
// Curated lists

const CENTRAL_ORGANS = [
  // Party
  '中国共产党', '共产党', '中共中央', '党中央', '中共中央办公厅', '中央办公厅', '中央政治局', '中央书记处',
  '中央纪委', '中央纪律检查委员会', '中纪委', '中央组织部', '中组部', '中央宣传部', '中宣部',
  '中央统战部', '中央统一战线工作部', '中央对外联络部', '中联部', '中央政法委', '中央政法委员会',
  '中央社会工作部', '中央网信办', '中央网络安全和信息化委员会办公室', '中央外办', '中央财办',
  '中央台办', '中央港澳办', '中央编办', '中央文明办', '中央党校', '中共中央党校', '中央党史和文献研究院',
  // State
  '全国人大', '全国人民代表大会', '全国人大常委会', '人大常委会', '人民代表大会', '全国政协',
  '中国人民政治协商会议', '政协', '国务院', '中央人民政府', '国务院办公厅', '国家监察委员会', '国家监委',
  '最高人民法院', '最高法', '最高人民检察院', '最高检', '国家互联网信息办公室', '国家网信办', '网信办',
  '国务院新闻办公室', '国新办', '国务院台湾事务办公室', '国台办', '国务院港澳事务办公室', '国务院港澳办',
  '国务院国资委', '国资委', '国务院参事室', '国务院研究室', '国务院发展研究中心', '国家机关事务管理局',
  // State Council ministries and commissions: full and common short names
  '外交部', '国家发展和改革委员会', '国家发展改革委', '国家发改委', '发改委', '教育部', '科学技术部', '科技部',
  '工业和信息化部', '工信部', '国家民族事务委员会', '国家民委', '公安部', '国家安全部', '国安部', '民政部',
  '司法部', '财政部', '人力资源和社会保障部', '人社部', '自然资源部', '生态环境部', '住房和城乡建设部',
  '住房城乡建设部', '住建部', '交通运输部', '水利部', '农业农村部', '商务部', '文化和旅游部', '文旅部',
  '国家卫生健康委员会', '国家卫生健康委', '国家卫健委', '卫健委', '退役军人事务部', '应急管理部',
  '中国人民银行', '人民银行', '审计署',
  // Bureaus and administrations
  '海关总署', '国家税务总局', '税务总局', '国家市场监督管理总局', '市场监管总局', '国家金融监督管理总局',
  '金融监管总局', '中国证券监督管理委员会', '中国证监会', '证监会', '国家广播电视总局', '广电总局',
  '国家体育总局', '国家信访局', '国家统计局', '国家知识产权局', '国家国际发展合作署', '国家医疗保障局',
  '国家医保局', '国家新闻出版署', '国家电影局', '国家宗教事务局', '国家数据局', '国家粮食和物资储备局',
  '国家能源局', '国家国防科技工业局', '国家国防科工局', '国家烟草专卖局', '国家移民管理局', '国家移民局',
  '国家林业和草原局', '国家林草局', '国家铁路局', '中国民用航空局', '中国民航局', '国家邮政局', '国家文物局',
  '国家中医药管理局', '国家疾病预防控制局', '国家疾控局', '国家矿山安全监察局', '国家消防救援局',
  '国家外汇管理局', '国家药品监督管理局', '国家药监局', '国家保密局', '国家密码管理局', '国家航天局',
  '国家原子能机构', '中国气象局', '中国科学院', '中国社会科学院', '中国工程院', '新疆生产建设兵团',
  '中央人民政府驻香港特别行政区联络办公室', '中央人民政府驻澳门特别行政区联络办公室', '中联办',
  // People's organisations led by the Party (人民团体)
  '共青团', '中国共产主义青年团', '团中央', '共青团中央', '全国总工会', '总工会', '全国妇联',
  '妇女联合会', '中国科协', '中国文联', '中国作协', '中国记协', '全国工商联',
];

/** Organ words that identify a local office as well as a central one (地方党政机关通称). */
const GENERIC_ORGANS = [
  '人民政府', '政府', '省委', '市委', '县委', '党委', '纪委', '监察委', '政法委', '宣传部', '组织部', '统战部',
  '网信办', '公安', '公安局', '公安厅', '派出所', '警察', '民警', '交警', '网警', '特警', '刑警', '法院',
  '人民法院', '检察院', '人民检察院', '税务局', '市场监管局', '教育局', '卫健委', '应急管理局',
];

const MILITARY = [
  '中国人民解放军', '人民解放军', '解放军', '中央军委', '中央军事委员会', '军委', '国防部',
  '中华人民共和国国防部', '武警', '武警部队', '中国人民武装警察部队', '武装警察部队', '东部战区', '南部战区',
  '西部战区', '北部战区', '中部战区', '战区', '军区', '军分区', '警备区', '人民武装部', '武装部',
  '陆军', '海军', '空军', '火箭军', '军事航天部队', '网络空间部队', '信息支援部队', '联勤保障部队',
  '战略支援部队', '中国海警', '国防大学', '国防科技大学', '军事科学院',
];

const CENTRAL_MEDIA = [
  '人民日报', '人民日报社', '人民日报海外版', '人民网', '新华社', '新华通讯社', '新华网', '新华每日电讯',
  '中央广播电视总台', '中央电视台', '中国中央电视台', '央视', '央视新闻', '央视网', 'CCTV',
  '中央人民广播电台', '中国国际广播电台', '中国之声', '央广网', 'CGTN', '中国国际电视台', '中国环球电视网',
  '光明日报', '光明网', '经济日报', '中国经济网', '中国日报', 'China Daily', '中国日报网', '中国新闻社',
  '中新社', '中国新闻网', '中新网', '求是杂志', '求是网', '解放军报', '中国军网', '中国青年报', '中国青年网',
  '工人日报', '科技日报', '农民日报', '法治日报', '检察日报', '人民法院报', '人民公安报', '中国纪检监察报',
  '学习时报', '中国妇女报', '环球时报', '参考消息', '中国新闻周刊', '瞭望周刊', '半月谈', '中国教育电视台',
  '中国教育报', '学习强国', '中国搜索', '澎湃新闻', '第一财经', '界面新闻', '财新网', '财新传媒',
];

/** Each province's party daily, broadcaster and satellite channel, plus their best-known outlets. */
const PROVINCIAL_MEDIA: Record<string, string[]> = {
  北京: ['北京日报', '北京广播电视台', '北京卫视', '北京青年报', '北京晚报', '新京报'],
  天津: ['天津日报', '天津广播电视台', '天津卫视'],
  河北: ['河北日报', '河北广播电视台', '河北卫视'],
  山西: ['山西日报', '山西广播电视台', '山西卫视'],
  内蒙古: ['内蒙古日报', '内蒙古广播电视台', '内蒙古卫视'],
  辽宁: ['辽宁日报', '辽宁广播电视台', '辽宁卫视'],
  吉林: ['吉林日报', '吉林广播电视台', '吉林卫视'],
  黑龙江: ['黑龙江日报', '黑龙江广播电视台', '黑龙江卫视'],
  上海: ['解放日报', '文汇报', '新民晚报', '上海广播电视台', '东方卫视', '上观新闻', '看看新闻'],
  江苏: ['新华日报', '江苏省广播电视总台', '江苏广电总台', '江苏卫视', '扬子晚报', '现代快报', '荔枝新闻'],
  浙江: ['浙江日报', '浙江广播电视集团', '浙江卫视', '钱江晚报', '潮新闻', '浙江在线'],
  安徽: ['安徽日报', '安徽广播电视台', '安徽卫视', '新安晚报'],
  福建: ['福建日报', '福建省广播影视集团', '东南卫视', '海峡卫视', '海峡都市报'],
  江西: ['江西日报', '江西广播电视台', '江西卫视'],
  山东: ['大众日报', '山东广播电视台', '山东卫视', '齐鲁晚报', '大众新闻', '闪电新闻'],
  河南: ['河南日报', '河南广播电视台', '河南卫视', '大河报', '顶端新闻', '大象新闻'],
  湖北: ['湖北日报', '湖北广播电视台', '湖北卫视', '楚天都市报', '长江日报', '极目新闻'],
  湖南: ['湖南日报', '湖南广播电视台', '湖南广播影视集团', '湖南卫视', '芒果TV', '潇湘晨报'],
  广东: ['南方日报', '广东广播电视台', '广东卫视', '南方都市报', '羊城晚报', '南方周末', '深圳卫视', '深圳特区报'],
  广西: ['广西日报', '广西广播电视台', '广西卫视'],
  海南: ['海南日报', '海南广播电视总台', '海南卫视'],
  重庆: ['重庆日报', '重庆广播电视集团', '重庆卫视', '华龙网', '上游新闻'],
  四川: ['四川日报', '四川广播电视台', '四川卫视', '川观新闻', '封面新闻', '红星新闻'],
  贵州: ['贵州日报', '贵州广播电视台', '贵州卫视', '天眼新闻'],
  云南: ['云南日报', '云南广播电视台', '云南卫视'],
  西藏: ['西藏日报', '西藏广播电视台', '西藏卫视'],
  陕西: ['陕西日报', '陕西广播电视台', '陕西卫视', '华商报'],
  甘肃: ['甘肃日报', '甘肃省广播电视总台', '甘肃卫视'],
  青海: ['青海日报', '青海广播电视台', '青海卫视'],
  宁夏: ['宁夏日报', '宁夏广播电视台', '宁夏卫视'],
  新疆: ['新疆日报', '新疆广播电视台', '新疆卫视', '兵团日报', '兵团卫视'],
};

/**
 * News-attribute words. QL2024 (三) names 新闻 and 报道 and the unit types 新闻网站、报刊社、
 * 广播电视机构、通讯社; filing-package-v1 lists 新闻, 报道, 日报, 时报, 电视台, 广播, 通讯社.
 * Added: other newspaper-title words of the same kind as 日报/时报 (晚报, 早报, 晨报), 报社
 * (QL2024's 报刊社) and 卫视 (a broadcaster's channel). Not added: 快讯, 资讯, 头条, 周报,
 * 电台, 记者 — common in non-news names and named by neither document.
 */
const NEWS_WORDS: [string, string][] = [
  ['新闻', 'QL2024（三）明示'],
  ['报道', 'QL2024（三）明示'],
  ['日报', 'filing-package-v1 列举'],
  ['时报', 'filing-package-v1 列举'],
  ['电视台', 'filing-package-v1 列举；QL2024 广播电视机构'],
  ['广播', 'filing-package-v1 列举；QL2024 广播电视机构'],
  ['通讯社', 'filing-package-v1 列举；QL2024 明示'],
  ['晚报', '扩展：与日报、时报同类的报纸名称'],
  ['早报', '扩展：与日报、时报同类的报纸名称'],
  ['晨报', '扩展：与日报、时报同类的报纸名称'],
  ['报社', '扩展：QL2024 报刊社'],
  ['卫视', '扩展：QL2024 广播电视机构（卫星频道）'],
];

/**
 * Two-character organ abbreviations deliberately not listed: each is a frequent substring of
 * ordinary phrases, so it would flag names that have nothing to do with the organ.
 */
export const EXCLUDED_ABBREVIATIONS: Record<string, string> = {
  中共: '集中共享', 人大: '个人大全、私人大厨', 中办: '集中办理', 央行: '中央行政', 网信: '上网信息',
  国防: '中国防水', 部队: '全部队员', 妇联: '主妇联盟', 海警: '上海警方', 央广: '中央广场', 求是: '实事求是',
  澎湃: '心潮澎湃', 财新: '理财新手',
};

// ---------------------------------------------------------------------------------------
// News source units list

/** Rows merged by a PDF line wrap (and one with an alias in brackets), split by hand. */
const SPLITS: Record<string, [string, LexiconCategory][]> = {
  国务院新闻办公室网站国家新闻出版署网站中国全民阅读网: [
    ['国务院新闻办公室', 'party_government'],
    ['国家新闻出版署', 'party_government'],
    ['中国全民阅读网', 'party_government'],
  ],
  中国网信网中央网信办违法和不良信息举报中心网站中国互联网联合辟谣平台网站: [
    ['中国网信网', 'party_government'],
    ['中央网信办违法和不良信息举报中心', 'party_government'],
    ['中国互联网联合辟谣平台', 'party_government'],
  ],
  公安部网站中国反邪教网: [['公安部', 'party_government'], ['中国反邪教网', 'party_government']],
  民政部网站中国社会组织政务服务平台: [['民政部', 'party_government'], ['中国社会组织政务服务平台', 'party_government']],
  中国科协网站科普中国网: [['中国科协', 'party_government'], ['科普中国网', 'party_government']],
  中国军网国防部网: [['中国军网', 'news_media'], ['国防部网', 'military']],
  新疆维吾尔自治区人民政府网站新疆生产建设兵团政务网站: [
    ['新疆维吾尔自治区人民政府', 'party_government'],
    ['新疆生产建设兵团', 'party_government'],
  ],
  // The site's own name is 中国环境网; stripping 网站 would leave the generic phrase 中国环境.
  中国环境网站: [['中国环境网', 'news_media']],
  // The English edition is the same magazine as 《中国妇女》杂志.
  '《中国妇女》（英文版）': [['《中国妇女》杂志', 'news_media']],
};

/** Central platforms in the list that belong to no party or state organ. */
const NOT_ORGANS = new Set(['中国国际进口博览会', '世界互联网大会']);

/**
 * Three-character names kept from the list: national or provincial outlets whose first two
 * characters are not an everyday word or place name, so the name rarely forms across a word
 * boundary (unlike 中国网+红, 今晚+报名, 劳动报+酬, 东北网+友).
 */
const KEEP_THREE = new Set([
  '人民网', '新华网', '央视网', '央广网', '光明网', '求是网', '正义网', '中工网', '中证网', '每经网', '新京报',
  '文汇报', '华商报', '大河报', '半月谈', '千龙网', '北青网', '华龙网', '荆楚网', '金羊网', '奥一网', '水母网',
  '天山网', '齐鲁网', '中宏网', '新民网', '北国网', '财联社', '潮新闻',
]);

/** Names of four characters or more that are everyday phrases rather than outlet names. */
const GENERIC_PHRASES = new Set(['北京时间', '中国财政', '财务与会计', '农村大众', '农业科技报', '国际在线', 'SHINE']);

const LIST_CATEGORY: Record<string, LexiconCategory> = {
  中央新闻网站和重点理论网站: 'news_media',
  中央新闻单位报刊网站: 'news_media',
  部委群团报刊网站: 'news_media',
  其他单位报刊网站: 'news_media',
  地方新闻单位: 'news_media',
  地方新闻网站: 'news_media',
  中央政务发布平台: 'party_government',
  省级政务发布平台: 'party_government',
};

/** Splits "main（alias）" and "a/b" into separate names; removes a trailing 网站 / 门户网站. */
function cleanListName(raw: string): string[] {
  const names: string[] = [];
  const bracket = /^(.*?)[（(]([^）)]*)[）)](.*)$/u.exec(raw);
  const parts = bracket ? [bracket[1] + bracket[3], bracket[2]] : raw.split('/');
  for (const part of parts) {
    const name = part.trim().replace(/(门户)?网站$/u, '');
    if (name !== '') names.push(name);
  }
  return names;
}

/** Why a name from the list is too generic to use as a substring, or null to keep it. */
function genericReason(name: string, category: LexiconCategory): string | null {
  if (category !== 'news_media') return null;
  const length = [...normalizeText(name)].length;
  if (GENERIC_PHRASES.has(name)) return '常用短语，作子串误报多';
  if (length <= 2) return '不足三字，作子串误报多';
  if (length === 3 && !KEEP_THREE.has(name)) return '三字名称，前两字为常用词或地名，易跨词误报';
  return null;
}

function newsSourceRows(sourcesDir: string, regionTerms: Set<string>, dropped: LexiconBuild['dropped']): LexiconRow[] {
  const units = readCsv(path.join(sourcesDir, 'news-source-units-2025', 'news_source_units_2025.csv'));
  const rows: LexiconRow[] = [];
  for (const { name: raw, category: listCategory } of units) {
    const category = LIST_CATEGORY[listCategory];
    if (category === undefined) throw new Error(`稿源单位名单出现未知类别：${listCategory}（名称 ${raw}）`);
    const note = `稿源单位名单2025：${listCategory}`;
    const cleaned: [string, LexiconCategory][] = SPLITS[raw] ?? cleanListName(raw).map((n) => [n, category]);
    for (const [name, cat] of cleaned) {
      if (/网站./u.test(name)) throw new Error(`稿源单位名称疑似多站合并，需在 SPLITS 中拆分：${raw}`);
      if (NOT_ORGANS.has(name)) {
        dropped.push({ name, reason: '中央政务发布平台中的会展或国际组织，不是党政机关' });
        continue;
      }
      const reason = genericReason(name, cat);
      if (reason !== null) {
        dropped.push({ name, reason });
        continue;
      }
      if (regionTerms.has(normalizeText(name))) {
        dropped.push({ name, reason: '规范化后与行政区划名称相同' });
        continue;
      }
      rows.push({ term: name, category: cat, note });
    }
  }
  return rows;
}

// ---------------------------------------------------------------------------------------

export function buildLexicon(sourcesDir: string): LexiconBuild {
  const dropped: LexiconBuild['dropped'] = [];
  const { rows: regions, mainlandFullNames } = regionRows(sourcesDir, dropped);
  const regionTerms = new Set(regions.map((r) => normalizeText(r.term)));
  const candidates: LexiconRow[] = [
    ...CENTRAL_ORGANS.map((term) => ({ term, category: 'party_government' as const, note: '人工整理：中央党政机关及人民团体' })),
    ...GENERIC_ORGANS.map((term) => ({ term, category: 'party_government' as const, note: '人工整理：党政机关通称' })),
    ...localPartyCommitteeRows(mainlandFullNames),
    ...MILITARY.map((term) => ({ term, category: 'military' as const, note: '人工整理：军队及武警' })),
    ...CENTRAL_MEDIA.map((term) => ({ term, category: 'news_media' as const, note: '人工整理：中央媒体' })),
    ...Object.entries(PROVINCIAL_MEDIA).flatMap(([province, names]) =>
      names.map((term) => ({ term, category: 'news_media' as const, note: `人工整理：${province}省级媒体` })),
    ),
    ...NEWS_WORDS.map(([term, note]) => ({ term, category: 'news_word' as const, note })),
    ...regions,
    ...newsSourceRows(sourcesDir, regionTerms, dropped),
  ];

  // One row per (normalised term, category): the first spelling wins, notes are merged.
  const byKey = new Map<string, LexiconRow>();
  for (const row of candidates) {
    const normalized = normalizeText(row.term);
    if (normalized === '') throw new Error(`词条规范化后为空：${row.term}`);
    const key = `${row.category}\u0000${normalized}`;
    const existing = byKey.get(key);
    if (existing === undefined) byKey.set(key, { ...row });
    else if (!existing.note.split('；').includes(row.note)) existing.note = `${existing.note}；${row.note}`;
  }
  const order = new Map(LEXICON_CATEGORIES.map((c, i) => [c, i]));
  const rows = [...byKey.values()].sort(
    (a, b) => order.get(a.category)! - order.get(b.category)! || compareCodePoints(a.term, b.term),
  );
  return { rows, dropped };
}

export function lexiconToCsv(rows: LexiconRow[]): string {
  const lines = ['term,category,note'];
  for (const { term, category, note } of rows) {
    for (const field of [term, note]) {
      // The shipped file is read by a plain split (lexicon-file.ts), so no field may need quoting.
      if (/[",\r\n]/u.test(field)) throw new Error(`词库字段含逗号、引号或换行：${field}`);
    }
    lines.push(`${term},${category},${note}`);
  }
  return `${lines.join('\n')}\n`;
}

export function countsTable(rows: LexiconRow[]): string {
  const lines = ['| category | 类别 | terms 词条数 |', '|---|---|---:|'];
  for (const category of LEXICON_CATEGORIES) {
    const count = rows.filter((r) => r.category === category).length;
    lines.push(`| ${category} | ${LEXICON_CATEGORY_LABELS[category].zh} | ${count.toLocaleString('en-US')} |`);
  }
  lines.push(`| **total** | **合计** | **${rows.length.toLocaleString('en-US')}** |`);
  return lines.join('\n');
}

const COUNTS_START = '<!-- counts:start -->';
const COUNTS_END = '<!-- counts:end -->';

export function withCounts(readme: string, rows: LexiconRow[]): string {
  const start = readme.indexOf(COUNTS_START);
  const end = readme.indexOf(COUNTS_END);
  if (start === -1 || end < start) throw new Error(`README 缺少 ${COUNTS_START} … ${COUNTS_END} 标记`);
  return `${readme.slice(0, start + COUNTS_START.length)}\n${countsTable(rows)}\n${readme.slice(end)}`;
}

/** Minimal RFC 4180 reader for the copied sources (quoted fields, no embedded newlines). */
function readCsv(file: string): Record<string, string>[] {
  const lines = fs.readFileSync(file, 'utf8').replace(/^\uFEFF/u, '').split(/\r?\n/u).filter((l) => l !== '');
  const split = (line: string) => [...line.matchAll(/(?:^|,)(?:"((?:[^"]|"")*)"|([^,]*))/gu)].map((m) => m[1] !== undefined ? m[1].replace(/""/gu, '"') : m[2]);
  const header = split(lines[0]);
  return lines.slice(1).map((line, i) => {
    const fields = split(line);
    if (fields.length !== header.length) throw new Error(`${file} 第 ${i + 2} 行：应有 ${header.length} 列，实有 ${fields.length} 列`);
    return Object.fromEntries(header.map((h, k) => [h, fields[k]]));
  });
}

function compareCodePoints(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function main(): void {
  const referenceDir = fileURLToPath(new URL('../resources/reference/', import.meta.url));
  const { rows, dropped } = buildLexicon(path.join(referenceDir, 'sources'));
  fs.writeFileSync(path.join(referenceDir, 'lexicon.csv'), lexiconToCsv(rows));
  const readmePath = path.join(referenceDir, 'README.md');
  fs.writeFileSync(readmePath, withCounts(fs.readFileSync(readmePath, 'utf8'), rows));

  console.log(countsTable(rows));
  const reasons = new Map<string, string[]>();
  for (const { name, reason } of dropped) reasons.set(reason, [...(reasons.get(reason) ?? []), name]);
  for (const [reason, names] of reasons) console.log(`\n未收录（${reason}）${names.length} 个：${names.join('、')}`);
  const categoriesByTerm = new Map<string, LexiconCategory[]>();
  for (const row of rows) {
    const key = normalizeText(row.term);
    categoriesByTerm.set(key, [...(categoriesByTerm.get(key) ?? []), row.category]);
  }
  const multi = [...categoriesByTerm].filter(([, cats]) => cats.length > 1);
  console.log(`\n多类别词条 ${multi.length} 个${multi.length ? '：' : ''}${multi.map(([t, c]) => `${t}（${c.join('、')}）`).join('；')}`);
}

if (process.argv[1] !== undefined && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) main();
