import { Worker } from 'node:worker_threads';

/**
 * Starts a worker thread on one of core's entry files. The desktop build bundles each entry as
 * its own chunk (electron-vite `?modulePath`: the caller passes that import, which must stay a
 * literal in its own file). From source (tsx, vitest) the entry is TypeScript: Node 20 does not
 * apply the parent's loader hooks (nor `--import tsx` in execArgv) to a worker's entry, so a
 * bootstrap registers tsx inside the worker first.
 */
export async function startWorker(
  callerUrl: string,
  sourceEntry: string,
  bundledEntry: () => Promise<{ default: string }>,
  workerData: unknown,
): Promise<Worker> {
  if (!callerUrl.endsWith('.ts')) return new Worker((await bundledEntry()).default, { workerData });
  const tsx = import.meta.resolve('tsx/esm/api');
  const entry = new URL(sourceEntry, callerUrl).href;
  const bootstrap = `import(${JSON.stringify(tsx)}).then(({ register }) => { register(); return import(${JSON.stringify(entry)}); })`;
  return new Worker(bootstrap, { eval: true, workerData });
}
