import type { MenuItemConstructorOptions } from 'electron';

/** The Chinese application menu; navigation items send the route to the renderer. */
export function applicationMenuTemplate(navigate: (route: string) => void, isMac: boolean): MenuItemConstructorOptions[] {
  return [
    ...(isMac ? [{ label: '备案核查工作台', submenu: [{ role: 'about', label: '关于' }, { type: 'separator' }, { role: 'quit', label: '退出' }] } as MenuItemConstructorOptions] : []),
    {
      label: '文件',
      submenu: [
        { label: '导入备案数据包…', accelerator: 'CmdOrCtrl+O', click: () => navigate('/import') },
        { type: 'separator' },
        isMac ? { role: 'close', label: '关闭窗口' } : { role: 'quit', label: '退出' },
      ],
    },
    {
      label: '编辑',
      submenu: [
        { role: 'undo', label: '撤销' },
        { role: 'redo', label: '重做' },
        { type: 'separator' },
        { role: 'cut', label: '剪切' },
        { role: 'copy', label: '复制' },
        { role: 'paste', label: '粘贴' },
        { role: 'selectAll', label: '全选' },
      ],
    },
    {
      label: '视图',
      submenu: [
        { label: '工作台', accelerator: 'CmdOrCtrl+1', click: () => navigate('/') },
        { label: '核查发现', accelerator: 'CmdOrCtrl+2', click: () => navigate('/findings') },
        { label: '账号与主体', accelerator: 'CmdOrCtrl+3', click: () => navigate('/profiles') },
        { label: 'MCN与矩阵', accelerator: 'CmdOrCtrl+4', click: () => navigate('/network') },
        { label: '专项行动', accelerator: 'CmdOrCtrl+5', click: () => navigate('/campaigns') },
        { label: '条款库', accelerator: 'CmdOrCtrl+6', click: () => navigate('/provisions') },
        { type: 'separator' },
        { role: 'resetZoom', label: '实际大小' },
        { role: 'zoomIn', label: '放大' },
        { role: 'zoomOut', label: '缩小' },
        { role: 'togglefullscreen', label: '全屏' },
      ],
    },
    { label: '窗口', submenu: [{ role: 'minimize', label: '最小化' }, { role: 'close', label: '关闭' }] },
    { label: '帮助', submenu: [{ label: '审计日志', click: () => navigate('/audit') }, { label: '设置', click: () => navigate('/settings') }] },
  ];
}
