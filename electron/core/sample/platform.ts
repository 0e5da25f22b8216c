/**
 * platform.* rules speak about the manifest, of which a package has exactly one; the main
 * sample is compliant, so each firing situation ships as a small companion package that
 * differs only in its manifest.
 */
export interface PlatformVariant {
  name: string;
  platformId: string;
  /** Replaces manifest fields; `undefined` removes the key. */
  manifest: { complaint_deadline_days?: number | null | undefined; documentKinds: readonly string[] };
  expected: { rule: 'platform.complaint_deadline_missing' | 'platform.documents_missing'; id: string; note: string }[];
  nearMisses: { rule: 'platform.complaint_deadline_missing' | 'platform.documents_missing'; id: string; note: string }[];
}

const ALL = ['management_rules', 'platform_convention', 'service_agreement'] as const;

export const PLATFORM_VARIANTS: readonly PlatformVariant[] = [
  {
    name: 'no-deadline',
    platformId: 'P901',
    manifest: { complaint_deadline_days: undefined, documentKinds: ALL },
    expected: [{ rule: 'platform.complaint_deadline_missing', id: 'P901', note: '清单没有 complaint_deadline_days' }],
    nearMisses: [{ rule: 'platform.documents_missing', id: 'P901', note: '三类文件齐全' }],
  },
  {
    name: 'null-deadline-no-convention',
    platformId: 'P902',
    manifest: { complaint_deadline_days: null, documentKinds: ['management_rules', 'service_agreement'] },
    expected: [
      { rule: 'platform.complaint_deadline_missing', id: 'P902', note: 'complaint_deadline_days 为 null' },
      { rule: 'platform.documents_missing', id: 'P902:platform_convention', note: '缺平台公约' },
    ],
    nearMisses: [],
  },
  {
    name: 'no-documents',
    platformId: 'P903',
    manifest: { complaint_deadline_days: 30, documentKinds: [] },
    expected: [
      { rule: 'platform.documents_missing', id: 'P903:management_rules', note: '缺管理规则' },
      { rule: 'platform.documents_missing', id: 'P903:platform_convention', note: '缺平台公约' },
      { rule: 'platform.documents_missing', id: 'P903:service_agreement', note: '缺服务协议' },
    ],
    nearMisses: [{ rule: 'platform.complaint_deadline_missing', id: 'P903', note: '期限为 30 天（与常见的 15 天不同）也是已明确' }],
  },
];
