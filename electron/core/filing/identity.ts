/// <reference types="electron-vite/node" />
import { startWorker } from '../worker-thread';
import type { ContainerLimits } from './container';

/**
 * A package's identity (its SHA-256, as `openContainer` computes it) on a thread of its own,
 * while the import reads the package: hashing every byte of a million-account package takes
 * about 5 s, which the importing thread, the slower of the two, no longer spends first.
 */
export class PackageIdentity {
  private readonly result: Promise<string>;
  private stop: () => Promise<unknown> = async () => undefined;
  private closed = false;

  constructor(source: string, limits: ContainerLimits) {
    this.result = startWorker(import.meta.url, './identity-worker.ts', () => import('./identity-worker?modulePath'), { source, limits }).then((worker) => {
      this.stop = () => worker.terminate();
      if (this.closed) void worker.terminate();
      return new Promise<string>((resolve, reject) => {
        worker.once('message', (message: { sha256?: string; error?: string }) => {
          if (message.sha256 !== undefined) resolve(message.sha256);
          else reject(new Error(`计算数据包 SHA-256 失败：${message.error}`));
          void worker.terminate();
        });
        worker.once('error', reject);
        worker.once('exit', (code) => reject(new Error(`计算数据包 SHA-256 的线程意外退出（退出码 ${code}）`)));
      });
    });
    // Awaited only on the paths that need it; a failure on the others must not go unhandled.
    this.result.catch(() => undefined);
  }

  sha256(): Promise<string> {
    return this.result;
  }

  /** Ends the thread if it is still hashing (the import stopped early). */
  async close(): Promise<void> {
    this.closed = true;
    await this.stop();
  }
}
