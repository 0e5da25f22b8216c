import { contextBridge, ipcRenderer } from 'electron';
import { appApiContract, channelName, methodList, type ResultEnvelope } from '@shared/api';
import type { AppEvent } from '@shared/events';

/**
 * The renderer's only door to the main process: the API as plain functions, one per method of
 * the contract (`desktop.api.findings.list(args)` → result envelope), plus the event channel and
 * the native package picker. No ipcRenderer object and no free-form channel reaches the page.
 */
const api: Record<string, Record<string, (args: unknown) => Promise<ResultEnvelope<unknown>>>> = {};
for (const { feature, method } of methodList(appApiContract)) {
  const channel = channelName(feature, method);
  api[feature] ??= {};
  api[feature][method] = (args: unknown) => ipcRenderer.invoke(channel, args);
}

const bridge = {
  api,
  onEvent(listener: (event: AppEvent) => void): () => void {
    const handler = (_event: unknown, payload: AppEvent) => listener(payload);
    ipcRenderer.on('app:event', handler);
    return () => ipcRenderer.removeListener('app:event', handler);
  },
  onNavigate(listener: (route: string) => void): () => void {
    const handler = (_event: unknown, route: string) => listener(route);
    ipcRenderer.on('app:navigate', handler);
    return () => ipcRenderer.removeListener('app:navigate', handler);
  },
  pickSource(kind: 'package-file' | 'package-folder' | 'reference-file'): Promise<string | null> {
    return ipcRenderer.invoke('desktop:pickSource', kind);
  },
  saveExport(exportId: string): Promise<boolean> {
    return ipcRenderer.invoke('desktop:saveExport', exportId);
  },
};

export type DesktopBridge = typeof bridge;

contextBridge.exposeInMainWorld('desktop', bridge);
