import type { BrowserWindowConstructorOptions } from 'electron';

/**
 * The one place the window's web preferences are decided, kept free of runtime Electron
 * imports so a unit test pins every security setting.
 */
export function secureWindowOptions(preloadPath: string): BrowserWindowConstructorOptions {
  return {
    width: 1360,
    height: 860,
    minWidth: 1024,
    minHeight: 680,
    title: '备案核查工作台',
    show: false,
    webPreferences: {
      preload: preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      experimentalFeatures: false,
      navigateOnDragDrop: false,
      spellcheck: false,
    },
  };
}

/** Only the app's own pages may be loaded or send IPC: the bundled renderer, or the dev server in development. */
export function isTrustedRendererUrl(url: string, rendererIndexUrl: string, devServerUrl?: string): boolean {
  try {
    const target = new URL(url);
    if (devServerUrl) {
      const dev = new URL(devServerUrl);
      if (target.origin === dev.origin) return true;
    }
    const index = new URL(rendererIndexUrl);
    return target.protocol === 'file:' && index.protocol === 'file:' && target.pathname === index.pathname;
  } catch {
    return false;
  }
}
