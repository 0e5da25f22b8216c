import type { Translation } from '../../app/locales/translation';

export const settingsZh = {
  title: '设置',
  description: '界面语言、主题与工作区信息。',
  appearance: '外观',
  workspace: '工作区',
  workspacePath: '工作区数据库',
  version: '版本',
  schema: '数据库结构版本',
  door: '运行方式',
  doors: { electron: '桌面应用', browser: '浏览器模式（本机回环地址）', cli: '命令行' },
  workspaceHint: '换用其他工作区：启动时加 --workspace 路径，或设置环境变量 FILING_INSPECTOR_WORKSPACE。',
} as const;

export const settingsEn: Translation<typeof settingsZh> = {
  title: 'Settings',
  description: 'Language, theme and workspace information.',
  appearance: 'Appearance',
  workspace: 'Workspace',
  workspacePath: 'Workspace database',
  version: 'Version',
  schema: 'Schema version',
  door: 'Running as',
  doors: { electron: 'Desktop app', browser: 'Browser mode (loopback only)', cli: 'Command line' },
  workspaceHint: 'To use another workspace, start with --workspace PATH or set FILING_INSPECTOR_WORKSPACE.',
};
