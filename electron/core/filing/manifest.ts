import { z } from 'zod';
import { ENUMS } from '@shared/domain/filing-schema';
import type { ReportCollector } from './report';
import { parseDate, parseTime } from './values';

export const MANIFEST_FILE = 'manifest.json';

const text = z.string().trim().min(1, { error: '不能为空' });
const optionalText = z.string().trim().nullish().transform((v) => (v ? v : null));
const sha256 = z.string().regex(/^[0-9a-fA-F]{64}$/, { error: '应为 64 位十六进制 SHA-256' }).transform((v) => v.toLowerCase());
const date = z.string().refine((v) => parseDate(v) !== null, { error: '日期格式应为 YYYY-MM-DD，且须为有效日期' });

const documentKinds = Object.keys(ENUMS.document_kind) as [string, ...string[]];

/** manifest.json of format 1.x; unknown keys are tolerated (later 1.x minors may add some). */
export const manifestSchema = z.object({
  format: z.literal('filing-package'),
  format_version: z.string(),
  package_id: optionalText,
  platform: z.object({
    platform_id: text,
    name: text,
    operator: optionalText,
    uscc: optionalText,
    province: optionalText,
    news_license_no: optionalText,
  }),
  period: z
    .object({ start: date, end: date })
    .refine((p) => p.start <= p.end, { error: '报送期间的开始日期晚于结束日期', path: ['end'] }),
  generated_at: z
    .string()
    .nullish()
    .refine((v) => v === null || v === undefined || parseTime(v) !== null, { error: '时间格式应为 YYYY-MM-DD HH:mm:ss 或 ISO 8601' })
    .transform((v) => (v ? parseTime(v) : null)),
  complaint_deadline_days: z.number().int().min(0).max(3650).nullish().transform((v) => v ?? null),
  tables: z.array(
    z.object({
      table: text,
      file: text,
      rows: z.number().int().min(0),
      sha256,
      encoding: z.string().nullish().transform((v) => v ?? null),
    }),
  ),
  documents: z
    .array(
      z.object({
        kind: z.enum(documentKinds, { error: `文档类型应为 ${documentKinds.join('、')} 之一` }),
        title: optionalText,
        file: text,
        sha256,
      }),
    )
    .nullish()
    .transform((v) => v ?? []),
});
export type Manifest = z.infer<typeof manifestSchema>;

/** Parses and checks manifest.json; null when it cannot be used (errors reported). */
export function parseManifest(bytes: Buffer, report: ReportCollector): Manifest | null {
  const error = (code: string, message: string, column: string | null = null, value: string | null = null) =>
    report.error({ file: MANIFEST_FILE, code, message, column, value });
  let json: unknown;
  try {
    const body = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    json = JSON.parse(body);
  } catch (e) {
    error('manifest_json', `manifest.json 不是有效的 UTF-8 JSON：${e instanceof Error ? e.message : String(e)}`);
    return null;
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json)) {
    error('manifest_json', 'manifest.json 的内容应为一个 JSON 对象');
    return null;
  }
  const raw = json as Record<string, unknown>;
  if (raw.format !== 'filing-package') {
    error('manifest_format', `不是备案数据包：format 应为 "filing-package"`, 'format', raw.format === undefined ? null : String(raw.format));
    return null;
  }
  const version = typeof raw.format_version === 'string' ? raw.format_version : String(raw.format_version ?? '');
  if (!/^1\.\d+$/.test(version)) {
    error('manifest_version', `不支持的格式版本「${version}」：本工作台读取 1.x 版本的数据包，请使用对应版本的工作台或让平台按 1.x 格式重新报送`, 'format_version', version);
    return null;
  }
  const parsed = manifestSchema.safeParse(json);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const where = issue.path.join('.');
      const value = valueAt(json, issue.path);
      error('manifest_invalid', `manifest.json 字段 ${where || '(根)'}：${issue.message}`, where || null, value);
    }
    return null;
  }
  return parsed.data;
}

function valueAt(root: unknown, path: PropertyKey[]): string | null {
  let node: unknown = root;
  for (const key of path) {
    if (node === null || typeof node !== 'object') return null;
    node = (node as Record<PropertyKey, unknown>)[key];
  }
  if (node === undefined) return null;
  return typeof node === 'string' ? node : JSON.stringify(node);
}
