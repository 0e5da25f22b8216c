import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { app, BrowserWindow, dialog, ipcMain, Menu, session, type OpenDialogOptions } from 'electron';
import { findExport } from '../core/exports/downloads';
import { createServices, type Services } from '../core/services';
import { CONTENT_SECURITY_POLICY } from '../core/security-policy';
import { resolveWorkspaceLocation } from '../core/workspace-location';
import { registerIpc } from './ipc';
import { applicationMenuTemplate } from './menu';
import { isTrustedRendererUrl, secureWindowOptions } from './window-options';

const here = path.dirname(fileURLToPath(import.meta.url));
const rendererIndex = path.join(here, '../renderer/index.html');
const rendererIndexUrl = pathToFileURL(rendererIndex).href;
const devServerUrl = process.env.ELECTRON_RENDERER_URL;
const isTrusted = (url: string) => isTrustedRendererUrl(url, rendererIndexUrl, devServerUrl);

function workspaceArgument(): string | null {
  const i = process.argv.indexOf('--workspace');
  return i >= 0 ? (process.argv[i + 1] ?? null) : null;
}

let services: Services | null = null;
let mainWindow: BrowserWindow | null = null;

if (!app.requestSingleInstanceLock()) app.quit();

app.on('second-instance', () => {
  if (mainWindow?.isMinimized()) mainWindow.restore();
  mainWindow?.focus();
});

app.on('web-contents-created', (_event, contents) => {
  // No navigation away from the app, no new windows, no webviews.
  contents.on('will-navigate', (event, url) => {
    if (!isTrusted(url)) event.preventDefault();
  });
  contents.on('will-redirect', (event, url) => {
    if (!isTrusted(url)) event.preventDefault();
  });
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
  contents.on('will-attach-webview', (event) => event.preventDefault());
});

app.whenReady().then(async () => {
  const ses = session.defaultSession;
  ses.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));
  ses.setPermissionCheckHandler(() => false);
  // No remote content: only the bundled files (and the dev server in development) load.
  ses.webRequest.onBeforeRequest((details, callback) => {
    const allowed = details.url.startsWith('file:') || details.url.startsWith('devtools:') || details.url.startsWith('data:') || details.url.startsWith('blob:') || (devServerUrl !== undefined && details.url.startsWith(devServerUrl));
    callback({ cancel: !allowed });
  });
  ses.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] } });
  });

  const location = resolveWorkspaceLocation(workspaceArgument());
  try {
    services = await createServices({ dbPath: location.dbPath, dataDir: location.dataDir, door: 'electron' });
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const hint = /NODE_MODULE_VERSION|was compiled against/.test(message) ? '\n\nbetter-sqlite3 当前为 Node 构建：请运行 npm run native -- electron 后重试。' : '';
    dialog.showErrorBox('无法打开工作区', `${location.dbPath}\n\n${message}${hint}`);
    app.exit(1);
    return;
  }
  registerIpc(ipcMain, services, isTrusted);
  ipcMain.handle('desktop:pickSource', async (event, kind: unknown) => {
    if (!isTrusted(event.senderFrame?.url ?? '') || !mainWindow) return null;
    const options: Record<string, OpenDialogOptions> = {
      'package-file': { title: '选择备案数据包', properties: ['openFile'], filters: [{ name: '备案数据包', extensions: ['zip'] }] },
      'package-folder': { title: '选择备案数据包文件夹', properties: ['openDirectory'] },
      'reference-file': { title: '选择参考数据文件', properties: ['openFile'], filters: [{ name: 'CSV / Excel', extensions: ['csv', 'xlsx'] }] },
    };
    if (typeof kind !== 'string' || !Object.hasOwn(options, kind)) return null;
    const result = await dialog.showOpenDialog(mainWindow, options[kind]);
    return result.canceled ? null : (result.filePaths[0] ?? null);
  });
  ipcMain.handle('desktop:saveExport', async (event, exportId: unknown) => {
    if (!isTrusted(event.senderFrame?.url ?? '') || !mainWindow || !services || typeof exportId !== 'string') return false;
    const record = findExport(services.context, exportId);
    if (!record) return false;
    const result = await dialog.showSaveDialog(mainWindow, { title: '保存导出文件', defaultPath: record.fileName });
    if (result.canceled || !result.filePath) return false;
    await fs.promises.copyFile(record.path, result.filePath);
    return true;
  });
  services.bus.subscribe((event) => mainWindow?.webContents.send('app:event', event));

  mainWindow = new BrowserWindow(secureWindowOptions(path.join(here, '../preload/index.cjs')));
  const navigate = (route: string) => mainWindow?.webContents.send('app:navigate', route);
  Menu.setApplicationMenu(Menu.buildFromTemplate(applicationMenuTemplate(navigate, process.platform === 'darwin')));
  mainWindow.once('ready-to-show', () => mainWindow?.show());
  if (devServerUrl) await mainWindow.loadURL(devServerUrl);
  else await mainWindow.loadFile(rendererIndex);
});

app.on('window-all-closed', () => app.quit());
app.on('will-quit', () => {
  void services?.close();
});
