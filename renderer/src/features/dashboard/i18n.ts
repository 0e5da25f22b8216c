import type { Translation } from '../../app/locales/translation';

export const dashboardZh = {
  title: '工作台',
  description: '本工作区全部备案的核查概况。',
  sections: {
    findings: { title: '还没有核查发现', body: '导入备案数据包并运行核查后，这里按规则、严重程度和复核状态列出全部问题。' },
    profiles: { title: '还没有账号与主体', body: '导入备案数据包后，可在这里检索账号和运营主体，查看其资质、处置记录与粉丝变化。' },
    network: { title: '还没有 MCN 与矩阵数据', body: '导入含 MCN 签约关系和账号关联标识的备案后，这里以网络图展示 MCN 机构与账号矩阵。' },
    campaigns: { title: '还没有专项行动统计', body: '导入备案并运行核查后，可按专项行动（如“清朗”）的问题类别统计并导出统计表。' },
    provisions: { title: '条款库', body: '条款库收录核查所依据的规定原文，逐条列出实现它的核查规则。' },
  },
  goImport: '去导入',
  cancel: '取消',
  version: '第 {{version}} 版',
  accounts: '{{formatted}} 个账号',
  subjects: '{{formatted}} 个运营主体',
  openFindings: '查看核查发现',
} as const;

export const dashboardEn: Translation<typeof dashboardZh> = {
  title: 'Dashboard',
  description: 'How the filings in this workspace stand.',
  sections: {
    findings: { title: 'No findings yet', body: 'Import a filing package and run the checks: findings are listed here by rule, severity and review status.' },
    profiles: { title: 'No accounts or subjects yet', body: 'After an import, search accounts and subjects here, with their credentials, enforcement actions and follower history.' },
    network: { title: 'No MCN or matrix data yet', body: 'Import a filing with MCN contracts and account identifiers to see MCNs and account matrices as a network.' },
    campaigns: { title: 'No campaign statistics yet', body: 'After importing and checking filings, count them by the categories of a campaign (such as QingLang) and export the statistics workbook.' },
    provisions: { title: 'Provisions', body: 'The library quotes the regulations the checks rest on, article by article, with the rules that implement each.' },
  },
  goImport: 'Go to import',
  cancel: 'Cancel',
  version: 'version {{version}}',
  accounts: '{{formatted}} accounts',
  subjects: '{{formatted}} subjects',
  openFindings: 'Open findings',
};
