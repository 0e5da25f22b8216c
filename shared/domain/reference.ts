import { z } from 'zod';
import { normalizeText } from '../text/normalize';

/** Categories of the protected-name lexicon (filing-package-v1, "Reference data"). */
export const LEXICON_CATEGORIES = [
  'party_government',
  'military',
  'news_media',
  'region',
  'news_word',
] as const;
export type LexiconCategory = (typeof LEXICON_CATEGORIES)[number];

export const LEXICON_CATEGORY_LABELS: Record<LexiconCategory, { zh: string; en: string }> = {
  party_government: { zh: '党政机关', en: 'Party and government organs' },
  military: { zh: '军队', en: 'Military' },
  news_media: { zh: '新闻媒体', en: 'News media' },
  region: { zh: '行政区划', en: 'Administrative divisions' },
  news_word: { zh: '新闻属性词', en: 'News-attribute words' },
};

/** Service types of the Internet news information service licence (互联网新闻信息服务许可). */
export const LICENSE_SERVICES = ['采编发布服务', '转载服务', '传播平台服务'] as const;
export type LicenseService = (typeof LICENSE_SERVICES)[number];

export const LICENSE_SERVICE_LABELS_EN: Record<LicenseService, string> = {
  采编发布服务: 'News gathering, editing and publishing',
  转载服务: 'Reposting',
  传播平台服务: 'Distribution platform',
};

export const lexiconTermRowSchema = z.object({
  term: z
    .string({ error: '词条必须是文本' })
    .trim()
    .min(1, { error: '词条不能为空' })
    // The matcher compares normalised forms; a term made only of punctuation, symbols or
    // spaces would match nothing, so it is rejected at the boundary rather than ignored.
    .refine((t) => normalizeText(t) !== '', {
      error: '词条规范化后为空（只含标点、符号、表情或空白）',
    }),
  category: z.enum(LEXICON_CATEGORIES, {
    error: (issue) =>
      `类别无效：${String(issue.input)}（应为 ${LEXICON_CATEGORIES.join('、')} 之一）`,
  }),
  note: z.string({ error: '备注必须是文本' }).optional(),
});
export type LexiconTermRow = z.infer<typeof lexiconTermRowSchema>;

export const licenseRowSchema = z.object({
  license_no: z.string({ error: '许可证编号必须是文本' }).trim().min(1, { error: '许可证编号不能为空' }),
  holder_name: z.string({ error: '持证主体名称必须是文本' }).trim().min(1, { error: '持证主体名称不能为空' }),
  services: z.array(
    z.enum(LICENSE_SERVICES, {
      error: (issue) =>
        `服务项目无效：${String(issue.input)}（应为 ${LICENSE_SERVICES.join('、')} 之一）`,
    }),
  ),
  valid_until: z.iso.date({ error: '有效期须为有效日期，格式 YYYY-MM-DD' }).nullable(),
  province: z.string({ error: '省份必须是文本' }).trim().min(1, { error: '省份不能为空字符串，未知时用 null' }).nullable(),
});
export type LicenseRow = z.infer<typeof licenseRowSchema>;
