import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appApiContract, channelName, methodList } from '@shared/api';
import { createTestServices } from '../core/test-support';
import { registerIpc } from './ipc';
import { isTrustedRendererUrl } from './window-options';

type Handler = (event: { senderFrame: { url: string } | null }, args: unknown) => Promise<unknown>;

/** A stand-in for ipcMain that records handlers, so the wrapper runs without Electron. */
function fakeIpcMain() {
  const handlers = new Map<string, Handler>();
  return {
    handlers,
    handle: (channel: string, handler: Handler) => handlers.set(channel, handler),
    removeHandler: (channel: string) => handlers.delete(channel),
  };
}

const INDEX = 'file:///opt/app/out/renderer/index.html';
let env: Awaited<ReturnType<typeof createTestServices>>;
let ipc: ReturnType<typeof fakeIpcMain>;
let unregister: () => void;

beforeAll(async () => {
  env = await createTestServices('electron');
  ipc = fakeIpcMain();
  unregister = registerIpc(ipc as never, env.services, (url) => isTrustedRendererUrl(url, INDEX));
});
afterAll(() => env.cleanup());

const call = (path: string, args: unknown, url = INDEX) => {
  const [feature, method] = path.split('.');
  return ipc.handlers.get(channelName(feature, method))!({ senderFrame: { url } }, args);
};

describe('IPC wrapper', () => {
  it('registers one handler per contract method on derived channel names', () => {
    expect([...ipc.handlers.keys()].sort()).toEqual(methodList(appApiContract).map((m) => `api:${m.path}`).sort());
  });

  it('runs a valid call from the app page', async () => {
    await expect(call('app.info', undefined)).resolves.toMatchObject({ ok: true, value: { door: 'electron' } });
  });

  it.each(methodList(appApiContract).map((m) => m.path))('answers a malformed argument to %s with a validation envelope', async (path) => {
    await expect(call(path, [['malformed']])).resolves.toMatchObject({ ok: false, error: { code: 'invalid_argument' } });
  });

  it.each(['https://evil.example/', 'file:///tmp/other.html', 'data:text/html,hi', ''])('refuses a call from %j before any service runs', async (url) => {
    await expect(call('audit.verify', undefined, url)).resolves.toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });

  it('removes its handlers when unregistered', () => {
    unregister();
    expect(ipc.handlers.size).toBe(0);
  });
});
