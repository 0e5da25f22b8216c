/// <reference types="electron-vite/node" />
import { startWorker } from '../worker-thread';
import { folderSha256, type ContainerLimits, type PackageContainer } from './container';

/**
 * A package's identity (its SHA-256, as `openContainer` computes it), while the import reads
 * the package.
 * - A zip is the hash of its bytes, on a thread of its own: hashing every byte of a
 *   million-account package takes about 5 s, which the importing thread no longer spends first.
 * - A folder is a listing of its files' hashes, and the reading thread hashes every table it
 *   reads anyway: those hashes are taken (`learn`), and only the other files (the manifest,
 *   documents) are read again when the identity is asked for. Hashing the whole folder a second
 *   time on another thread took CPU from the two importing threads on a two-core machine.
 */
export class PackageIdentity {
  private result: Promise<string> | null = null;
  private stop: () => Promise<unknown> = async () => undefined;
  private closed = false;
  private readonly learned = new Map<string, string>();

  constructor(
    private readonly source: string,
    private readonly container: Pick<PackageContainer, 'kind' | 'entries'>,
    limits: ContainerLimits,
  ) {
    if (container.kind === 'zip') this.result = this.onThread(limits);
  }

  private onThread(limits: ContainerLimits): Promise<string> {
    const result = startWorker(import.meta.url, './identity-worker.ts', () => import('./identity-worker?modulePath'), { source: this.source, limits }).then((worker) => {
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
    result.catch(() => undefined);
    return result;
  }

  /** The SHA-256 of a whole file of the package, read by the import (used for folders). */
  learn(file: string, sha256: string): void {
    if (this.result === null) this.learned.set(file, sha256);
  }

  sha256(): Promise<string> {
    this.result ??= folderSha256(this.source, [...this.container.entries.keys()], this.learned);
    return this.result;
  }

  /** Ends the thread if it is still hashing (the import stopped early). */
  async close(): Promise<void> {
    this.closed = true;
    await this.stop();
  }
}
