import { Rng } from './prng';
import type { Province } from './sources';
import { SURNAMES } from './vocab';

/*
 * The concrete detail a real post carries: who, where, when, how much. Phrase pools alone give
 * text far more uniform than real posts (about 17,000 distinct 3-grams in 30,000 generated
 * contents, where real posts of that length have hundreds of thousands), so two unrelated
 * generated contents shared far more 3-grams than real ones do, and the near-duplicate scan was
 * measured on an unrealistically hard population. A sentence of people, streets, shops, times and
 * sums puts back the rare 3-grams real posts have.
 *
 * Drawn from its own generator seeded by the content's serial: the main random stream (and so the
 * rest of the package and its ground truth) does not move.
 */

/** Characters for given names and for the names of streets, shops and estates (345; two of them make ~119,000 names). */
const NAME_CHARS = [
  ...'安柏宝北贝本碧冰波博才彩灿草昌长常朝辰晨诚澄承程驰崇初楚川春纯淳慈聪翠丹道德迪典东冬栋杜端朵恩帆方芳菲丰峰凤福富刚高歌耕功谷冠光广归桂国海寒汉航浩禾和河贺恒红宏洪虹鸿厚华桦怀欢焕辉慧惠吉佳家嘉坚剑江姣皎洁金锦进晶景静镜菊娟军君俊凯康可克宽坤兰岚澜朗乐雷蕾黎礼理立丽莉廉良亮林琳霖灵玲凌龙露陆鹿璐伦罗洛麦曼茂玫梅美萌蒙梦明铭墨木牧楠宁凝培鹏朋萍平屏朴琪奇琦启谦倩乔巧琴勤青清晴庆秋泉然冉仁荣蓉容瑞润若森善尚韶少绍盛诗石实世仕书舒曙树爽顺朔思松颂素泰棠桃腾天田恬铁庭婷同彤童拓万薇维伟卫蔚文雯稳侠霞夏贤湘祥翔晓筱孝欣新馨星兴杏秀旭煦轩宣萱雪勋雅亚岩研彦艳燕阳杨瑶耀业叶依怡宜颐逸毅翼音银吟英迎盈莹颖永咏优友雨语玉育钰煜元园远苑月悦岳跃云芸韵泽增展湛章璋昭哲真珍振正之芝志致智中钟舟洲竹卓子梓紫宗',
];
const ROAD_SUFFIXES = ['路', '街', '大道', '巷', '东路', '西路', '南路', '北路', '大街'];
const ESTATE_SUFFIXES = ['小区', '花园', '苑', '家园', '公寓', '新村', '雅居'];
const SHOP_KINDS = ['面馆', '咖啡馆', '书店', '花店', '烘焙坊', '理发店', '火锅店', '烧烤摊', '水果店', '药房', '修车铺', '茶馆', '小吃店', '眼镜店', '菜馆', '甜品店', '粥铺', '饺子馆'];
const SHOP_MARKS = ['记', '家', '氏', '师傅', '老', '阿姨'];
const PETS = ['猫', '狗', '兔子', '鹦鹉', '仓鼠', '乌龟'];
const ACTS = ['吃了顿饭', '坐了一下午', '排了半小时队', '买了点东西', '聊了很久', '躲了会儿雨', '等人', '拍了几张照片'];
const COSTS = ['人均{m}元', '花了{m}元', '一共{m}元', '走了{k}公里', '用时{k}小时'];

const TEMPLATES = [
  '{date}{clock}和{person}在{area}{road}{num}号的{shop}{act}，{cost}。',
  '地址是{city}{area}{road}{num}号，{shop}，老板{person}人很好。',
  '{person}推荐的{shop}在{road}和{road2}交叉口，{cost}。',
  '{date}顺路去了{area}的{shop}，{clock}到的，{person}已经在等了。',
  '补充一下：{city}{area}{road}那家{shop}换了地方，{person}说{date}起搬到{road2}{num}号。',
  '{clock}从{estate}出发，{cost}，到{area}{shop}正好碰到{person}。',
  '住在{estate}的{person}家里养了只{pet}叫{nick}，{date}走丢了，在{road}找到的。',
  '{person}和{person2}{date}在{estate}门口摆摊，{cost}。',
];

export function contentDetail(serial: number, provinces: readonly Province[]): string {
  const r = Rng.for(serial, 'content-detail', serial);
  const city = r.pick(r.pick(provinces).cities);
  const word = () => r.pick(NAME_CHARS) + r.pick(NAME_CHARS);
  const person = () => r.pick(SURNAMES) + (r.chance(0.8) ? word() : r.pick(NAME_CHARS));
  const road = () => word() + r.pick(ROAD_SUFFIXES);
  const values: Record<string, () => string> = {
    date: () => `${r.int(1, 12)}月${r.int(1, 28)}日`,
    clock: () => `${r.int(6, 22)}点${String(r.int(0, 59)).padStart(2, '0')}分`,
    person,
    person2: person,
    estate: () => word() + r.pick(ESTATE_SUFFIXES),
    pet: () => r.pick(PETS),
    nick: word,
    city: () => city.short,
    area: () => (city.areas.length ? r.pick(city.areas) : city.short),
    road,
    road2: road,
    num: () => String(r.int(1, 999)),
    shop: () => (r.chance(0.3) ? r.pick(SURNAMES) : word()) + r.pick(SHOP_MARKS) + r.pick(SHOP_KINDS),
    act: () => r.pick(ACTS),
    cost: () => r.pick(COSTS).replace('{m}', String(r.int(12, 3800))).replace('{k}', String(r.int(1, 60))),
  };
  const sentence = () => r.pick(TEMPLATES).replace(/\{(\w+)\}/g, (_, key: string) => values[key]());
  return sentence() + sentence();
}
