/*
 * Child process of the atomicity test: imports a package into a workspace file and prints
 * "progress <done>" lines so the parent can kill it (SIGKILL) in the middle of the transaction.
 */
import { openWorkspace } from '../../db/connection';
import { importPackage } from '../import';

const [dbPath, source, tmpDir] = process.argv.slice(2);
const ws = await openWorkspace(dbPath);
await importPackage(ws.raw, {
  source,
  actor: 'child',
  tmpDir,
  job: {
    progress: ({ phase, done }) => process.stdout.write(`progress ${phase} ${done}\n`),
    throwIfCancelled: () => undefined,
  },
});
process.stdout.write('finished\n');
await ws.close();
