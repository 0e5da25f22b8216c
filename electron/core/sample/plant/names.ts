import type { Block } from '../builder';
import { NAME_CORES, NAME_SUFFIXES } from '../vocab';
import { acc, closedPerson, nameHitting, person, type RulePlan } from './kit';

const regionName = (b: Block, spaced = false) =>
  nameHitting(b, ['region'], () => {
    const city = b.rng.pick(b.rng.pick(b.sources.provinces).cities).name;
    const shown = spaced ? `${city.slice(0, 1)} ${city.slice(1)}` : city;
    return `${shown}${b.rng.pick(NAME_CORES)}${b.rng.pick(NAME_SUFFIXES)}`;
  });

const impersonatingName = (b: Block) => {
  const r = b.rng;
  const make = [
    () => `${r.pick(b.sources.media).name}${r.pick(NAME_SUFFIXES)}`,
    () => `${r.pick(['公安局', '人民法院', '人民检察院', '税务局', '网信办', '人民政府'])}${r.pick(NAME_SUFFIXES)}`,
    () => `${r.pick(['解放军', '武警部队', '中国人民解放军'])}${r.pick(NAME_SUFFIXES)}`,
  ];
  for (let i = 0; i < 3; i++) {
    const kind = r.int(0, 2);
    const want = (['news_media', 'party_government', 'military'] as const)[kind];
    try {
      return nameHitting(b, [want], make[kind]);
    } catch {
      continue;
    }
  }
  return nameHitting(b, ['news_media'], make[0]);
};

const newsWordName = (b: Block) =>
  nameHitting(b, ['news_word'], () => `${b.rng.pick(NAME_CORES)}${b.rng.pick(['新闻', '日报', '新闻速递', '报道', '时报'])}`);

/** name.* — protected terms in display names. */
export const namePlans: RulePlan[] = [
  {
    rule: 'name.protected_unreviewed',
    fires: [
      (b) => {
        const { a } = person(b, { display_name: regionName(b), manual_review: 'none' });
        b.expect('name.protected_unreviewed', acc(a), `账号名称“${a.display_name}”含行政区划名称，人工审核为“未审核”`);
      },
      (b) => {
        const { a } = person(b, { display_name: regionName(b, true), manual_review: 'rejected' });
        b.expect('name.protected_unreviewed', acc(a), `名称中地名被空格隔开（归一化后仍命中），人工审核不通过`);
      },
      (b) => {
        const { a } = person(b, { display_name: regionName(b), manual_review: undefined });
        b.expect('name.protected_unreviewed', acc(a), '人工审核结果为空，视为未通过');
      },
    ],
    nearMisses: [
      (b) => {
        const { a } = person(b, { display_name: regionName(b), manual_review: 'passed' });
        b.nearMiss('name.protected_unreviewed', acc(a), '含行政区划名称，但人工审核通过');
      },
      (b) => {
        const { a } = closedPerson(b, '2024-09-01 12:00:00', { display_name: regionName(b) + b.uniqueSuffix(), manual_review: 'none' });
        b.nearMiss('name.protected_unreviewed', acc(a), '含行政区划名称的账号已关闭');
      },
    ],
  },
  {
    rule: 'name.impersonation_suspect',
    fires: [
      (b) => {
        const { a } = person(b, { display_name: impersonatingName(b), manual_review: 'passed' });
        b.expect('name.impersonation_suspect', acc(a), `个人账号“${a.display_name}”含党政军或媒体名称（人工审核通过也不豁免）`);
      },
      (b) => {
        const { a } = person(b, { display_name: impersonatingName(b), manual_review: 'passed' }, {}, 'enterprise');
        b.expect('name.impersonation_suspect', acc(a), `企业账号“${a.display_name}”含党政军或媒体名称`);
      },
      (b) => {
        const { a } = person(b, { display_name: impersonatingName(b), manual_review: 'none' }, {}, 'social_org');
        b.expect('name.impersonation_suspect', acc(a), '社会组织账号含党政军或媒体名称，且未经审核');
        b.expect('name.protected_unreviewed', acc(a), '连带：名称含非新闻属性词的敏感词且未审核（假冒案例的伴随触发）');
      },
    ],
    nearMisses: [
      (b) => {
        const { a } = person(b, { display_name: impersonatingName(b), manual_review: 'passed', content_category: 'government_affairs' }, {}, 'government');
        b.nearMiss('name.impersonation_suspect', acc(a), '党政机关主体使用此类名称');
        b.nearMiss('name.protected_unreviewed', acc(a), '人工审核通过');
      },
      (b) => {
        const { a } = person(b, { display_name: impersonatingName(b), manual_review: 'passed', content_category: 'culture' }, {}, 'institution');
        b.nearMiss('name.impersonation_suspect', acc(a), '事业单位主体不在假冒规则范围内');
      },
      (b) => {
        const { a } = closedPerson(b, '2024-10-20 09:00:00', { display_name: impersonatingName(b) + b.uniqueSuffix(), manual_review: 'passed' });
        b.nearMiss('name.impersonation_suspect', acc(a), '账号已关闭');
      },
    ],
  },
  {
    rule: 'name.news_word_unlicensed',
    fires: [
      (b) => {
        const { a } = person(b, { display_name: newsWordName(b) });
        b.expect('name.news_word_unlicensed', acc(a), `个人账号“${a.display_name}”含新闻属性词，无许可证`);
      },
      (b) => {
        const { a } = person(b, { display_name: newsWordName(b) }, {}, 'enterprise');
        b.expect('name.news_word_unlicensed', acc(a), '企业账号含新闻属性词，无许可证');
      },
      (b) => {
        const { s, a } = person(b, { display_name: newsWordName(b) }, {}, 'enterprise');
        const province = b.rng.pick(b.sources.provinces);
        a.news_license_no = b.licenceNo(province);
        a.license_displayed = true;
        b.licence({ license_no: a.news_license_no, holder_name: s.name, services: ['转载服务'], valid_until: '2024-12-30', province: province.name });
        b.expect('name.news_word_unlicensed', acc(a), '许可证已于 2024-12-30 过期，期末不持有效许可');
        b.expect('news.license_invalid', acc(a), '连带：许可证有效期至 2024-12-30，早于期末');
      },
    ],
    nearMisses: [
      (b) => {
        const { a } = person(b, { display_name: newsWordName(b), manual_review: 'passed' }, {}, 'news_unit');
        b.nearMiss('name.news_word_unlicensed', acc(a), '新闻单位主体可使用新闻属性词');
      },
      (b) => {
        const { s, a } = person(b, { display_name: newsWordName(b) }, {}, 'enterprise');
        const province = b.rng.pick(b.sources.provinces);
        a.news_license_no = b.licenceNo(province);
        a.license_displayed = true;
        b.licence({ license_no: a.news_license_no, holder_name: s.name, services: ['转载服务'], valid_until: '2024-12-31', province: province.name });
        b.nearMiss('name.news_word_unlicensed', acc(a), '持有效期恰至期末（2024-12-31）的许可证');
        b.nearMiss('news.license_invalid', acc(a), '有效期至期末当日仍有效');
      },
    ],
  },
];
