import type { Translation } from '../../app/locales/translation';

export const findingsZh = {
  title: '核查发现',
  description: '按规则、严重程度、状态等筛选核查发现，逐条复核并导出核查问题清单。',
  total: '共 {{formatted}} 条',
  search: '搜索账号或主体名称',
  sort: { label: '排序', severity: '按严重程度', id: '按发现顺序', rule: '按规则', status: '按状态' },
  facets: {
    filing: '备案', platform: '平台', rule: '规则', severity: '严重程度', status: '复核状态', mcn: 'MCN机构', category: '内容类别',
    clear: '清除筛选', more: '还有 {{count}} 项',
  },
  scope: { account: '账号 {{id}}', subject: '主体 {{id}}', campaign: '专项行动 #{{id}}', campaignCategory: '专项行动 #{{id}} 类别 {{category}}', remove: '移除' },
  columns: { severity: '严重程度', title: '问题', account: '账号', subject: '主体', platform: '平台', status: '状态' },
  selection: {
    selected: '已选 {{count}} 条', all: '全部 {{formatted}} 条（当前筛选）', selectAll: '选择当前筛选的全部', clear: '取消选择',
    page: '选择本行',
  },
  actions: {
    confirm: '确认', dismiss: '排除', rectify: '标记已整改', reopen: '重新打开', export: '导出问题清单',
    cancel: '取消', saveNote: '保存备注', close: '关闭',
  },
  dismiss: { title: '排除核查发现', reason: '排除理由', reasonHint: '必填：说明为什么这不是问题，例如“平台已于 12 月 3 日补签协议”。', submit: '排除', count: '将排除 {{count}} 条' },
  bulkDone: '已{{action}} {{updated}} 条', bulkSkipped: '，{{skipped}} 条状态不适用未改动',
  keyboard: '快捷键：j / k 上下移动，c 确认，x 排除',
  detail: {
    empty: '选择一条核查发现查看详情。', explanation: '情况说明', evidence: '证据（数据包原始行）', row: '行号', citations: '依据条款',
    history: '复核记录', noHistory: '尚无复核记录', note: '核查备注', account: '账号', subject: '主体', mcn: 'MCN机构', platform: '平台',
    dismissReason: '排除理由', gone: '最近一次核查已不再出现该问题', typical: '典型案例', firstSeen: '首次发现于第 {{run}} 次核查',
  },
  historyActions: { confirm: '确认', dismiss: '排除', rectify: '标记已整改', reopen: '重新打开', note: '修改备注' },
  empty: { title: '没有符合条件的核查发现', body: '调整或清除筛选条件；若尚未导入备案，请先导入数据包并运行核查。', clear: '清除筛选', import: '去导入' },
} as const;

export const findingsEn: Translation<typeof findingsZh> = {
  title: 'Findings',
  description: 'Filter findings by rule, severity, status and more, review them one by one and export the findings workbook.',
  total: '{{formatted}} in total',
  search: 'Search account or subject names',
  sort: { label: 'Sort', severity: 'By severity', id: 'By discovery', rule: 'By rule', status: 'By status' },
  facets: {
    filing: 'Filing', platform: 'Platform', rule: 'Rule', severity: 'Severity', status: 'Review status', mcn: 'MCN', category: 'Content category',
    clear: 'Clear filters', more: '{{count}} more',
  },
  scope: { account: 'Account {{id}}', subject: 'Subject {{id}}', campaign: 'Campaign #{{id}}', campaignCategory: 'Campaign #{{id}} category {{category}}', remove: 'Remove' },
  columns: { severity: 'Severity', title: 'Issue', account: 'Account', subject: 'Subject', platform: 'Platform', status: 'Status' },
  selection: {
    selected: '{{count}} selected', all: 'All {{formatted}} (current filter)', selectAll: 'Select everything in the filter', clear: 'Clear selection',
    page: 'Select row',
  },
  actions: {
    confirm: 'Confirm', dismiss: 'Dismiss', rectify: 'Mark rectified', reopen: 'Reopen', export: 'Export workbook',
    cancel: 'Cancel', saveNote: 'Save note', close: 'Close',
  },
  dismiss: { title: 'Dismiss findings', reason: 'Reason', reasonHint: 'Required: why this is not an issue, e.g. "the platform signed the agreement on 3 December".', submit: 'Dismiss', count: '{{count}} will be dismissed' },
  bulkDone: '{{action}}: {{updated}} updated', bulkSkipped: ', {{skipped}} left unchanged (status not applicable)',
  keyboard: 'Keys: j / k move, c confirm, x dismiss',
  detail: {
    empty: 'Select a finding to see its details.', explanation: 'Explanation', evidence: 'Evidence (rows of the package)', row: 'Row', citations: 'Provisions cited',
    history: 'Review history', noHistory: 'Not reviewed yet', note: 'Note', account: 'Account', subject: 'Subject', mcn: 'MCN', platform: 'Platform',
    dismissReason: 'Dismissal reason', gone: 'The latest check no longer finds this', typical: 'Typical case', firstSeen: 'First found by check run {{run}}',
  },
  historyActions: { confirm: 'Confirmed', dismiss: 'Dismissed', rectify: 'Marked rectified', reopen: 'Reopened', note: 'Note changed' },
  empty: { title: 'No findings match', body: 'Adjust or clear the filters; if nothing is imported yet, import a package and run the checks.', clear: 'Clear filters', import: 'Import' },
};
