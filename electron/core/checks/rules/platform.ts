import type { FindingDraft, RuleModule } from '../types';

export const platformComplaintDeadlineMissing: RuleModule = {
  id: 'platform.complaint_deadline_missing',
  run(rc) {
    if (rc.filing.complaintDeadlineDays !== null) return [];
    return [
      {
        entity: { type: 'platform', id: rc.filing.platformId },
        explanation: `平台“${rc.filing.platformName}”（${rc.filing.platformId}）的备案数据包清单（manifest.json）未填报投诉举报处理时限（complaint_deadline_days）。`,
        evidence: [{ table: 'manifest', src_row: 0, key: { complaint_deadline_days: null } }],
      },
    ];
  },
};

const DOCUMENT_KINDS: [string, string][] = [
  ['management_rules', '管理规则'],
  ['platform_convention', '平台公约'],
  ['service_agreement', '服务协议'],
];

export const platformDocumentsMissing: RuleModule = {
  id: 'platform.documents_missing',
  run(rc) {
    const present = new Set(rc.filing.documentKinds);
    return DOCUMENT_KINDS.filter(([kind]) => !present.has(kind)).map(([kind, label]): FindingDraft => ({
      entity: { type: 'platform', id: `${rc.filing.platformId}:${kind}` },
      explanation: `平台“${rc.filing.platformName}”（${rc.filing.platformId}）的备案数据包未附${label}（documents 中没有 ${kind} 类文件）。`,
      evidence: [{ table: 'manifest', src_row: 0, key: { documents_kind: kind } }],
    }));
  },
};

export const platformRules = [platformComplaintDeadlineMissing, platformDocumentsMissing];
