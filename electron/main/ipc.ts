import { appApiContract, channelName, methodList } from '@shared/api';
import type { IpcMain, IpcMainInvokeEvent } from 'electron';
import { dispatch } from '../core/dispatch';
import type { Services } from '../core/services';

/**
 * The only code that touches ipcMain: one handler per contract method, on derived channel
 * names. A call from a frame that is not the app's own page is refused before any service
 * runs; the argument is validated by dispatch against the contract.
 */
export function registerIpc(ipcMain: Pick<IpcMain, 'handle' | 'removeHandler'>, services: Services, isTrustedSender: (url: string) => boolean): () => void {
  const channels: string[] = [];
  for (const { feature, method, path } of methodList(appApiContract)) {
    const channel = channelName(feature, method);
    channels.push(channel);
    ipcMain.handle(channel, async (event: IpcMainInvokeEvent, args: unknown) => {
      const url = event.senderFrame?.url ?? '';
      if (!isTrustedSender(url)) return { ok: false, error: { code: 'forbidden', message: `拒绝来自非本应用页面的调用：${url || '未知来源'}` } };
      return dispatch(services, path, args);
    });
  }
  return () => channels.forEach((channel) => ipcMain.removeHandler(channel));
}
