/*
 * Filing package v1 (docs/filing-format.md) as data: every enumeration with its Chinese
 * labels and every table with its columns. The importer validates against it and the UI
 * shows its labels, so the format is written down exactly once.
 */

/** code → Chinese label, in the order the format lists them. */
export type EnumSpec = Readonly<Record<string, string>>;

export const ENUMS = {
  subject_type: {
    individual: '个人', enterprise: '企业', government: '党政机关', news_unit: '新闻单位',
    institution: '事业单位', social_org: '社会组织', other: '其他',
  },
  verification_method: { mobile: '手机号', id_card: '身份证', uscc: '统一社会信用代码', face: '人脸' },
  credit_level: { A: 'A', B: 'B', C: 'C', D: 'D' },
  content_category: {
    news: '时政新闻', finance: '财经金融', education: '教育', medical: '医疗卫生', judicial: '司法',
    government_affairs: '政务', entertainment: '娱乐', lifestyle: '生活', technology: '科技', culture: '文化',
    sports: '体育', other: '其他',
  },
  account_status: { active: '正常', banned: '禁言中', suspended: '暂停更新', closed: '已关闭' },
  manual_review: { none: '未审核', passed: '通过', rejected: '不通过' },
  credential_domain: { finance: '金融', education: '教育', medical: '医疗卫生', judicial: '司法' },
  verification_result: { passed: '通过', failed: '未通过', pending: '待核验' },
  mcn_status: { active: '正常', suspended: '暂停服务', expelled: '清退' },
  mcn_measure: { suspend_monetization: '暂停营利权限', restrict_service: '限制服务', expel: '入驻清退' },
  identifier_kind: { phone: '手机号', device: '设备', ip: '注册IP', payment: '收款账户', email: '邮箱' },
  target_type: { account: '账号', mcn: 'MCN机构' },
  enforcement_action: {
    warning: '警示提醒', restrict_interaction: '取消互动功能', ban: '禁言', suspend_update: '暂停信息更新',
    suspend_monetization: '暂停营利权限', revoke_monetization: '取消营利权限', clear_followers: '清理粉丝',
    freeze_followers: '禁止新增粉丝', stop_ads: '停止广告发布', close: '关闭账号', blacklist: '列入黑名单',
    ban_reregistration: '禁止重新注册',
  },
  violation_reason: {
    rumor_making: '制作发布谣言', rumor_forwarding: '转发谣言', hype: '蹭炒热点', matrix: '矩阵式发布',
    impersonation: '假冒仿冒', uncredentialed: '无资质发布', fake_news: '虚假新闻', extortion: '有偿发删/敲诈',
    unlicensed_news: '未经许可提供新闻服务', license_fraud: '伪造倒卖出租许可', data_fraud: '数据造假', vulgar: '低俗',
    other: '其他',
  },
  content_topic: {
    politics: '时政', economy: '经济', military: '军事', diplomacy: '外交', major_incident: '重大突发事件',
    public_policy: '公共政策', social_event: '社会事件', finance: '金融', education: '教育', medical: '医疗卫生',
    judicial: '司法', entertainment: '娱乐', lifestyle: '生活', other: '其他',
  },
  document_kind: { management_rules: '管理规则', platform_convention: '平台公约', service_agreement: '服务协议', other: '其他' },
} as const satisfies Record<string, EnumSpec>;

export type EnumName = keyof typeof ENUMS;
export type EnumCode<E extends EnumName> = keyof (typeof ENUMS)[E] & string;

export type ColumnType = 'text' | 'int' | 'bool' | 'date' | 'time' | 'enum' | 'list';

export interface ColumnSpec {
  /** English header and database column. */
  name: string;
  /** Chinese header; null where the format names the column in English only. */
  label: string | null;
  type: ColumnType;
  required: boolean;
  /** For `enum`, and for `list` of codes; a `list` without it holds free text. */
  enum?: EnumName;
  /** The id this column must resolve to inside the same package (empty values are not checked). */
  references?: { table: TableName; column: string };
  /** Unique within the package (the table's key). */
  unique?: boolean;
  /**
   * Long free text (titles, bodies), only ever stored: the importer hands a UTF-8 file's bytes of
   * it to the database without decoding them into JavaScript strings (most of a package's bytes).
   */
  longText?: boolean;
  note?: string;
}

export interface TableSpec {
  name: TableName;
  label: string;
  required: boolean;
  columns: readonly ColumnSpec[];
}

export const TABLE_NAMES = [
  'subjects', 'accounts', 'mcn_orgs', 'mcn_contracts', 'credentials', 'account_identifiers', 'contents',
  'enforcement_actions', 'follower_daily', 'account_transfers', 'complaints', 'blacklist',
] as const;
export type TableName = (typeof TABLE_NAMES)[number];

type Opt = Partial<Omit<ColumnSpec, 'name' | 'label' | 'type'>>;
const col = (name: string, label: string | null, type: ColumnType, opt: Opt = {}): ColumnSpec => ({
  name, label, type, required: false, ...opt,
});
const req = (name: string, label: string | null, type: ColumnType, opt: Opt = {}): ColumnSpec => col(name, label, type, { ...opt, required: true });
const ref = (table: TableName, column: string) => ({ references: { table, column } });

/*
 * Where the format gives a column no Chinese label but the same column carries one in another
 * table (account_id 账号ID, mcn_id MCN机构ID, …), the label is accepted there too: a platform
 * exporting with Chinese headers uses the same header for the same column everywhere.
 */
const TABLES: readonly TableSpec[] = [
  {
    name: 'subjects', label: '运营主体', required: true, columns: [
      req('subject_id', '主体ID', 'text', { unique: true }),
      req('subject_type', '主体性质', 'enum', { enum: 'subject_type' }),
      req('name', '主体名称', 'text'),
      req('identity_key', '身份标识', 'text'),
      col('uscc', '统一社会信用代码', 'text'),
      col('verification_methods', '实名核验方式', 'list', { enum: 'verification_method' }),
      col('verified_at', '核验时间', 'time'),
      col('registered_region', '注册地', 'text'),
      col('operating_region', '运营地', 'text'),
      col('contact', '联系方式', 'text'),
      col('business_scope', '主要经营或业务范围', 'text'),
      col('credit_level', '信用等级', 'enum', { enum: 'credit_level' }),
    ],
  },
  {
    name: 'accounts', label: '公众账号', required: true, columns: [
      req('account_id', '账号ID', 'text', { unique: true }),
      req('subject_id', '主体ID', 'text', ref('subjects', 'subject_id')),
      req('display_name', '账号名称', 'text'),
      col('bio', '简介', 'text'),
      col('avatar_sha256', '头像哈希', 'text'),
      req('content_category', '内容生产类别', 'enum', { enum: 'content_category' }),
      col('is_news_account', '新闻类账号', 'bool'),
      req('registered_at', '注册时间', 'time'),
      col('last_active_at', '最近登录/使用时间', 'time'),
      req('status', '账号状态', 'enum', { enum: 'account_status' }),
      col('closed_at', '关闭时间', 'time'),
      col('agreement_signed', '已签署服务协议', 'bool'),
      col('manual_review', '人工审核结果', 'enum', { enum: 'manual_review' }),
      col('domain_label', '领域标签', 'text'),
      col('news_license_no', '新闻许可证编号', 'text'),
      col('license_displayed', '持证亮牌', 'bool'),
      col('mcn_displayed', '展示MCN名称', 'bool'),
      req('followers', '粉丝数', 'int'),
      col('monetization_enabled', '营利权限', 'bool'),
      col('monetization_enabled_at', '营利权限开通时间', 'time'),
      col('ip_region', 'IP属地', 'text'),
    ],
  },
  {
    name: 'mcn_orgs', label: 'MCN机构', required: false, columns: [
      req('mcn_id', 'MCN机构ID', 'text', { unique: true }),
      req('name', '机构名称', 'text'),
      col('uscc', '统一社会信用代码', 'text'),
      col('registered_region', '注册地', 'text'),
      col('status', '状态', 'enum', { enum: 'mcn_status' }),
      col('measures', '已采取措施', 'list', { enum: 'mcn_measure' }),
    ],
  },
  {
    name: 'mcn_contracts', label: 'MCN签约关系', required: false, columns: [
      req('mcn_id', 'MCN机构ID', 'text', ref('mcn_orgs', 'mcn_id')),
      req('account_id', '账号ID', 'text', ref('accounts', 'account_id')),
      req('signed_at', '签约时间', 'time'),
      col('ended_at', '解约时间', 'time'),
    ],
  },
  {
    name: 'credentials', label: '资质认证', required: false, columns: [
      req('account_id', '账号ID', 'text', ref('accounts', 'account_id')),
      req('domain', '领域', 'enum', { enum: 'credential_domain' }),
      req('credential_type', '资质类型', 'text'),
      col('credential_no', '证书编号', 'text'),
      col('issuer', '发证机关', 'text'),
      col('valid_from', '有效期起', 'date'),
      col('valid_until', '有效期至', 'date'),
      req('verification_result', '核验结果', 'enum', { enum: 'verification_result' }),
      col('verified_at', '核验时间', 'time'),
      col('badge_displayed', '展示认证标识', 'bool'),
    ],
  },
  {
    name: 'account_identifiers', label: '账号关联标识', required: false, columns: [
      req('account_id', '账号ID', 'text', ref('accounts', 'account_id')),
      req('kind', '标识类型', 'enum', { enum: 'identifier_kind' }),
      req('value_hash', '标识哈希', 'text'),
    ],
  },
  {
    name: 'contents', label: '内容样本', required: false, columns: [
      req('content_id', '内容ID', 'text', { unique: true }),
      req('account_id', '账号ID', 'text', ref('accounts', 'account_id')),
      req('published_at', '发布时间', 'time'),
      col('title', '标题', 'text', { longText: true }),
      col('text', '正文', 'text', { longText: true }),
      req('topic', '主题', 'enum', { enum: 'content_topic' }),
      col('is_original', '原创', 'bool'),
      col('source_label', '信息来源标注', 'text'),
      col('ai_generated', '技术生成', 'bool'),
      col('ai_label', '技术生成标注', 'bool'),
      col('fictional', '虚构演绎', 'bool'),
      col('fiction_label', '虚构标注', 'bool'),
      col('rumor_label', '谣言标签', 'bool'),
      col('dispute_label', '争议标签', 'bool'),
    ],
  },
  {
    name: 'enforcement_actions', label: '处置记录', required: false, columns: [
      req('action_id', '处置ID', 'text', { unique: true }),
      col('target_type', '对象类型', 'enum', { enum: 'target_type', note: '空 = account' }),
      col('account_id', '账号ID', 'text', ref('accounts', 'account_id')),
      col('mcn_id', 'MCN机构ID', 'text', ref('mcn_orgs', 'mcn_id')),
      req('action', '处置措施', 'enum', { enum: 'enforcement_action' }),
      req('reason', '违规类型', 'enum', { enum: 'violation_reason' }),
      req('start_at', '开始时间', 'time'),
      col('end_at', '结束时间', 'time'),
      col('reported', '已报告网信部门', 'bool'),
      col('content_id', '关联内容ID', 'text', ref('contents', 'content_id')),
    ],
  },
  {
    name: 'follower_daily', label: '粉丝日数据', required: false, columns: [
      req('account_id', '账号ID', 'text', ref('accounts', 'account_id')),
      req('date', null, 'date'),
      req('followers', null, 'int'),
    ],
  },
  {
    name: 'account_transfers', label: '主体变更', required: false, columns: [
      req('transfer_id', null, 'text', { unique: true }),
      req('account_id', '账号ID', 'text', ref('accounts', 'account_id')),
      req('from_subject_id', null, 'text', ref('subjects', 'subject_id')),
      req('to_subject_id', null, 'text', ref('subjects', 'subject_id')),
      col('applied_at', '申请时间', 'time'),
      col('approved_at', '平台审核通过时间', 'time'),
      req('effective_at', '变更生效时间', 'time'),
      col('disclosed', '已公示', 'bool'),
    ],
  },
  {
    name: 'complaints', label: '投诉举报', required: false, columns: [
      req('complaint_id', null, 'text', { unique: true }),
      col('account_id', '账号ID', 'text', ref('accounts', 'account_id')),
      col('content_id', '内容ID', 'text', ref('contents', 'content_id')),
      req('received_at', null, 'time'),
      col('resolved_at', null, 'time'),
      col('outcome', null, 'text'),
    ],
  },
  {
    name: 'blacklist', label: '平台黑名单', required: false, columns: [
      req('entry_id', null, 'text', { unique: true }),
      col('identity_key', '身份标识', 'text'),
      col('display_name', '账号名称', 'text'),
      col('account_id', '账号ID', 'text', ref('accounts', 'account_id')),
      req('listed_at', null, 'time'),
      col('reason', '违规类型', 'enum', { enum: 'violation_reason' }),
    ],
  },
];

export const FILING_TABLES: Readonly<Record<TableName, TableSpec>> = Object.fromEntries(TABLES.map((t) => [t.name, t])) as Record<TableName, TableSpec>;

/** Tables in load order: every table comes after the tables it references. */
export const TABLE_LOAD_ORDER: readonly TableName[] = TABLE_NAMES;

export function isTableName(name: string): name is TableName {
  return (TABLE_NAMES as readonly string[]).includes(name);
}

export function enumLabel<E extends EnumName>(name: E, code: string): string {
  return (ENUMS[name] as EnumSpec)[code] ?? code;
}
