/*
 * Entry of the thread that computes a package's identity (see identity.ts): the SHA-256 that
 * `openContainer` gives, posted back as { sha256 } or { error }.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { openContainer, type ContainerLimits } from './container';

const port = parentPort;
if (!port) throw new Error('identity-worker runs as a worker thread only');
const { source, limits } = workerData as { source: string; limits: ContainerLimits };

openContainer(source, limits).then(
  (container) => {
    container.close();
    port.postMessage({ sha256: container.sha256 });
  },
  (error: unknown) => port.postMessage({ error: error instanceof Error ? error.message : String(error) }),
);
