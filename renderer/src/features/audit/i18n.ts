import type { Translation } from '../../app/locales/translation';

export const auditZh = {
  title: '审计日志',
  description: '记录在本工作区内的每一次导入、核查、复核与导出。日志只能追加，且逐条哈希链接，任何篡改都会被校验发现。',
  verify: '校验完整性',
  intact: '日志完整：共 {{count}} 条，哈希链校验通过。',
  broken: '日志被篡改：第 {{id}} 条与哈希链不符。',
  empty: { title: '还没有审计记录', body: '导入备案数据包、运行核查或复核发现后，操作会自动记录在这里。' },
  columns: { at: '时间', actor: '操作人', action: '操作', target: '对象', detail: '详情' },
  more: '加载更早的记录',
} as const;

export const auditEn: Translation<typeof auditZh> = {
  title: 'Audit log',
  description: 'Every import, check, review and export in this workspace. The log is append-only and hash-chained: any tampering is detected by the check.',
  verify: 'Verify integrity',
  intact: 'Log intact: {{count}} entries, hash chain verified.',
  broken: 'Log tampered with: entry {{id}} breaks the hash chain.',
  empty: { title: 'No audit entries yet', body: 'Imports, check runs and reviews are recorded here automatically.' },
  columns: { at: 'Time', actor: 'By', action: 'Action', target: 'Target', detail: 'Detail' },
  more: 'Load earlier entries',
};
